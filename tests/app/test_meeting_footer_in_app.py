"""Under Pilot: as turns start and end, the meeting's footer keeps its keys and dims "+1 min" between turns,
which then does nothing; the keys on offer are worked out once for each change of the meeting; and the room display
hears of a key once the screen has shown it."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey

from circle.store.room_board import RoomBoard
from circle.ui.screens import meeting as meeting_screen
from circle.ui.widgets.meeting.footer import MeetingFooter
from circle.workspace import Workspace
from tests.app.conftest import at_home, press_keys, to_a_sharing_turn


def footer_keys(app) -> dict[str, FooterKey]:  # type: ignore[no-untyped-def]
    return {key.action: key for key in app.screen.query_one(MeetingFooter).query(FooterKey)}


async def test_between_turns_the_footer_keeps_its_keys_and_dims_one_more_minute(
    workspace_with_group: Workspace,
) -> None:
    async with at_home(workspace_with_group) as (app, pilot):
        screen = await to_a_sharing_turn(pilot)
        during = footer_keys(app)
        assert not during["extend"].has_class("-disabled")

        await press_keys(pilot, "space")  # the turn ends
        assert not screen.meeting.state.in_turn
        between = footer_keys(app)
        assert list(between) == list(during)
        assert all(between[action] is during[action] for action in during)  # the same keys, not new ones
        assert between["extend"].has_class("-disabled")

        logged = len(screen.meeting.events)
        await press_keys(pilot, "plus")  # dimmed: a minute more for no turn is not logged
        assert len(screen.meeting.events) == logged


async def test_the_keys_on_offer_are_worked_out_once_for_each_key_that_changes_the_meeting(
    workspace_with_group: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with at_home(workspace_with_group) as (_, pilot):
        await to_a_sharing_turn(pilot)
        asked = []
        offered = meeting_screen.keys_offered
        monkeypatch.setattr(meeting_screen, "keys_offered", lambda meeting: asked.append(1) or offered(meeting))
        await press_keys(pilot, "z")  # paused: a new state
        assert len(asked) == 1  # though the footer asks about each of the screen's keys
        await press_keys(pilot, "question_mark", "escape")  # the keys' help, and back: the meeting is unchanged
        assert len(asked) == 1


async def test_the_room_display_is_told_of_a_key_once_the_screen_has_shown_it(
    workspace_with_group: Workspace,
) -> None:
    async with at_home(workspace_with_group) as (_, pilot):
        await to_a_sharing_turn(pilot)
        board = RoomBoard(workspace_with_group.locations.room_file)
        assert not board.read().view.paused
        await press_keys(pilot, "z")
        assert board.read().view.paused


async def test_one_more_minute_lit_again_in_place_answers_a_click(workspace_with_group: Workspace) -> None:
    async with at_home(workspace_with_group) as (app, pilot):
        screen = await to_a_sharing_turn(pilot)
        await press_keys(pilot, "space")  # the turn ends: "+1 min" is dimmed in place
        for _ in range(4):
            if screen.meeting.state.in_turn:
                break
            await press_keys(pilot, "end", "t", "space")  # someone else is here and takes a turn: lit in place
        assert screen.meeting.state.in_turn
        logged = len(screen.meeting.events)
        await pilot.click(footer_keys(app)["extend"])
        await pilot.pause()
        assert len(screen.meeting.events) == logged + 1  # the minute was added
