"""Under Pilot: when a group meets is chosen in its When tab (F3) with the keyboard alone, and home shows the
next date it meets."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Static

from circle.domain.group import Schedule
from circle.domain.schedule import Repeat
from circle.ui.screens.home import HomeScreen
from circle.workspace import Workspace
from tests.app.conftest import at_home, press_keys, said, stopped_clock

BACKSPACES = ("backspace",) * 5


async def test_a_group_set_to_meet_on_the_2nd_tuesday_shows_that_date_on_home(workspace_with_group: Workspace) -> None:
    stopped_clock(workspace_with_group)  # Monday 5 January 2026
    async with at_home(workspace_with_group) as (app, pilot):
        await press_keys(pilot, "enter", "f3")  # the group, its When tab, on its first field: how often
        await press_keys(pilot, "enter", "down", "down", "enter")  # weekly → monthly
        await press_keys(pilot, "tab", "enter", "down", "enter")  # not set: the list opens on Monday; Tuesday
        await press_keys(pilot, "tab", "enter", "down", "enter")  # the 1st → the 2nd
        await press_keys(pilot, "tab", *BACKSPACES, *"18:30")
        said_back = str(app.screen.query_one("#schedule-said", Static).render())
        assert said_back == "2nd Tuesday of the month at 18:30 · next Tue 13 Jan 2026"
        await press_keys(pilot, "ctrl+s")
        assert "Saved." in said(app)
        await press_keys(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#groups", DataTable).get_row_at(0)[1] == "Tue 13 Jan"
    [overview] = workspace_with_group.groups()
    assert workspace_with_group.group(overview.id).profile.schedule == Schedule(
        weekday=1, start="18:30", repeat=Repeat.MONTHLY, week=2
    )
    assert overview.next_meeting_on == date(2026, 1, 13)


async def test_every_other_week_asks_for_one_date_it_meets_and_refuses_one_on_another_day(
    workspace_with_group: Workspace,
) -> None:
    stopped_clock(workspace_with_group)
    async with at_home(workspace_with_group) as (app, pilot):
        await press_keys(pilot, "enter", "f3")
        await press_keys(pilot, "enter", "down", "enter")  # weekly → every other week
        await press_keys(pilot, "tab", "enter", "down", "enter")  # Tuesday
        await press_keys(pilot, "tab", *"2026-01-07", "ctrl+s")  # a Wednesday
        assert said(app)[-1] == "07 Jan 2026 is a Wednesday; the group meets on Tuesdays."
        await press_keys(pilot, *("backspace",) * 2, *"13", "ctrl+s")
        assert said(app)[-1] == "Saved."
        await press_keys(pilot, "escape")
        assert app.screen.query_one("#groups", DataTable).get_row_at(0)[1] == "Tue 13 Jan"
