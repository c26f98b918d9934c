"""Marking someone left early ends their turn and is kept, so once the meeting has begun it asks first."""

from __future__ import annotations

from circle.ui.screens.dialogs import Confirm
from circle.ui.screens.meeting import MeetingScreen
from circle.ui.widgets.meeting.people_table import PeopleTable
from circle.workspace import Workspace
from tests.app.conftest import at_home, press_keys, to_a_sharing_turn


async def test_enter_on_the_speaker_asks_before_ending_their_turn_and_escape_keeps_it(
    workspace_with_group: Workspace,
) -> None:
    async with at_home(workspace_with_group, (100, 36)) as (app, pilot):
        screen = await to_a_sharing_turn(pilot)
        state = screen.meeting.state
        speaker = state.speaker
        assert speaker is not None
        table = screen.query_one(PeopleTable)
        table.move_cursor(row=table.get_row_index(speaker))
        await press_keys(pilot, "enter")
        assert isinstance(app.screen, Confirm)
        question = str(app.screen.question)
        assert f"Mark {screen.meeting.name(speaker)} as left early?" in question and "turn ends" in question

        await press_keys(pilot, "escape")
        assert app.screen is screen
        assert screen.meeting.state.speaker == speaker and speaker in screen.meeting.state.present

        await press_keys(pilot, "enter", "y")
        assert screen.meeting.state.speaker is None and speaker not in screen.meeting.state.present


async def test_e_asks_too_and_n_changes_nothing(workspace_with_group: Workspace) -> None:
    async with at_home(workspace_with_group, (100, 36)) as (app, pilot):
        screen = await to_a_sharing_turn(pilot)
        before = screen.meeting.state
        await press_keys(pilot, "e")
        assert isinstance(app.screen, Confirm)
        await press_keys(pilot, "n")
        assert screen.meeting.state.present == before.present and screen.meeting.state.speaker == before.speaker


async def test_before_the_meeting_begins_enter_marks_here_and_not_here_without_asking(
    workspace_with_group: Workspace,
) -> None:
    async with at_home(workspace_with_group, (100, 36)) as (app, pilot):
        await press_keys(pilot, "m", "enter")
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        assert len(screen.meeting.state.present) == 1
        await press_keys(pilot, "enter")  # a slip at the door: no question, just not here
        assert app.screen is screen and screen.meeting.state.present == frozenset()
