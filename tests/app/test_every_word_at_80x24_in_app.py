"""Under Pilot at 80×24: every essential word on a screen is drawn, or its pane visibly scrolls to it."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.containers import VerticalScroll
from textual.widgets import DataTable

from circle.domain.rules import NotesPolicy
from circle.domain.session import Arrive, Enqueue
from circle.ui.app import CircleApp
from circle.ui.screens.follow_ups import FollowUpsScreen
from circle.workspace import Workspace
from tests.app.conftest import PASSPHRASE, at_home, press_keys, shown_text, to_a_sharing_turn


def scrolls_visibly(app: CircleApp, selector: str) -> bool:
    """The pane holds more than it shows, and says so with a scrollbar drawn beside it."""
    pane = app.screen.query_one(selector, VerticalScroll)
    return pane.max_scroll_y > 0 and pane.show_vertical_scrollbar and pane.scrollbar_size_vertical > 0


async def test_the_opening_shows_its_keys_and_the_newcomers_ask_first_and_scrolls_to_the_limits(
    workspace_with_group: Workspace,
) -> None:
    async with at_home(workspace_with_group, (80, 24)) as (app, pilot):
        await press_keys(pilot, "m", "enter", "N", *"Robin", "enter", "n")  # a newcomer is here; the opening
        on_screen = shown_text(app)
        assert "Press r when" in on_screen and "v shows them" in on_screen
        assert "newcomer is here" in on_screen
        assert scrolls_visibly(app, "#guidance-scroll")

        app.screen.query_one("#guidance-scroll", VerticalScroll).scroll_end(animate=False)
        await pilot.pause()
        assert "Limits of confidentiality" in shown_text(app)

        await press_keys(pilot, "r")
        assert "Agreements read ✓" in shown_text(app)


async def test_the_meeting_keys_fill_the_help_and_the_last_is_one_page_down(workspace_with_group: Workspace) -> None:
    async with at_home(workspace_with_group, (80, 24)) as (app, pilot):
        await press_keys(pilot, "m", "question_mark")
        keys_list = app.screen.query_one("#keys-help-list", VerticalScroll)
        assert keys_list.size.height >= 18  # no blank rows around the title and the hint
        assert scrolls_visibly(app, "#keys-help-list")
        assert "close the meeting and see its summary" not in shown_text(app)

        await press_keys(pilot, "pagedown")
        assert "close the meeting and see its summary" in shown_text(app)


ONE_TO_ONE = "Supported one-to-one by the co-facilitator"


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
async def test_the_follow_ups_show_a_safety_action_whole_or_scroll_sideways_to_it(
    workspace_with_group: Workspace, size: tuple[int, int]
) -> None:
    workspace = workspace_with_group
    workspace.unlock(PASSPHRASE)
    group = workspace.group(workspace.groups()[0].id)
    workspace.change_rules(group.id, replace(group.rules, notes=NotesPolicy.BRIEF))
    async with at_home(workspace, size) as (app, pilot):
        # Ada is here; the crisis card records that she was supported one-to-one; then home, and its follow-ups.
        await press_keys(pilot, "m", "enter", "n", "exclamation_mark", "a", "down", "down", "enter", "escape")
        await press_keys(pilot, "escape", "f")
        assert isinstance(app.screen, FollowUpsScreen)
        if size == (80, 24):  # too narrow for every column: the table says it scrolls sideways, and does
            table = app.screen.query_one("#follow-ups", DataTable)
            assert table.max_scroll_x > 0 and table.show_horizontal_scrollbar and table.scrollbar_size_horizontal > 0
            table.scroll_to(x=table.max_scroll_x, animate=False)
            await pilot.pause()
        assert ONE_TO_ONE in shown_text(app)


async def test_sharing_shows_each_persons_place_whole_beside_the_guidance(workspace_with_group: Workspace) -> None:
    workspace = workspace_with_group
    workspace.unlock(PASSPHRASE)
    group_id = workspace.groups()[0].id
    names = [f"Member {letter}." for letter in "ABCDEFGHIJKL"]
    added = [workspace.add_member(group_id, name) for name in names]
    async with at_home(workspace, (80, 24)) as (app, pilot):
        screen = await to_a_sharing_turn(pilot)
        meeting = screen.meeting
        for member in added:  # eleven in the queue, one stepped out: the longest words the list says
            meeting.do(Arrive(member.id))
            meeting.do(Enqueue(member.id))
        meeting.step_out(added[0].id)
        screen.refresh_state()
        await pilot.pause()
        table = app.screen.query_one("#people", DataTable)
        statuses = [str(table.get_cell(member.id, "status")) for member in added]
        assert "stepped out" in statuses and "in queue: 11" in statuses
        width = table.columns["status"].width  # type: ignore[index]
        assert all(len(status) <= width for status in statuses)  # each drawn whole in its column
        assert table.max_scroll_x == 0  # and nothing to scroll sideways to: every column is in view
