"""Under Pilot: home keeps its cursor, marks a group whose meeting is open, and asks before a second meeting
starts; Escape in the meeting's find box never leaves the meeting."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import DataTable

from circle.ui.app import CircleApp
from circle.ui.screens.dialogs import Confirm
from circle.ui.screens.home import OPEN_MARK, HomeScreen
from circle.ui.screens.meeting import MeetingScreen
from circle.ui.widgets.meeting.people_table import PeopleTable
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace
from tests.app.conftest import PASSPHRASE, at_home, press_keys, shown_text

GROUPS = ("Monday Morning Check-in", "Thursday Carers", "Wednesday Newcomers")


@pytest.fixture
def three_groups(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.open(tmp_path, kdf=FLOOR_KDF) as workspace:
        workspace.create_facilitator("Sam", PASSPHRASE)
        for name in GROUPS:
            group = workspace.create_group(name)
            for member in ("Cal Rivers", "Dara Green"):
                workspace.add_member(group.id, member)
        workspace.lock()
        yield workspace


def highlighted_group(app: CircleApp) -> str:
    table = app.screen.query_one("#groups", DataTable)
    return str(table.get_row_at(table.cursor_row)[0]).split("\n")[0]


def meeting_group(app: CircleApp) -> str:
    assert isinstance(app.screen, MeetingScreen)
    return app.screen.meeting.group.name


async def test_escape_in_the_find_box_clears_it_then_leaves_it_and_the_meeting_stays(
    three_groups: Workspace,
) -> None:
    async with at_home(three_groups) as (app, pilot):
        await press_keys(pilot, "down", "down", "m", "slash", *"Cal")
        group = meeting_group(app)
        assert app.screen.query_one(PeopleTable).row_count == 1

        await press_keys(pilot, "escape")
        box = app.screen.query_one("#people-filter")
        assert app.screen.focused is box and box.value == ""
        assert app.screen.query_one(PeopleTable).row_count == 2  # everyone listed again

        await press_keys(pilot, "escape")
        assert app.screen.focused is app.screen.query_one(PeopleTable)
        assert meeting_group(app) == group


async def test_home_keeps_its_cursor_after_a_meeting_and_m_goes_back_to_the_same_meeting(
    three_groups: Workspace,
) -> None:
    async with at_home(three_groups) as (app, pilot):
        await press_keys(pilot, "down", "down")
        chosen = highlighted_group(app)
        await press_keys(pilot, "m")
        assert meeting_group(app) == chosen

        await press_keys(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
        assert highlighted_group(app) == chosen
        await press_keys(pilot, "m")
        assert meeting_group(app) == chosen


async def test_home_keeps_its_cursor_after_a_group(three_groups: Workspace) -> None:
    async with at_home(three_groups) as (app, pilot):
        await press_keys(pilot, "down")
        chosen = highlighted_group(app)
        await press_keys(pilot, "enter", "escape")
        assert isinstance(app.screen, HomeScreen)
        assert highlighted_group(app) == chosen


async def test_home_marks_the_group_whose_meeting_is_open_and_only_that_one(three_groups: Workspace) -> None:
    async with at_home(three_groups) as (app, pilot):
        await press_keys(pilot, "down", "m", "escape")
        table = app.screen.query_one("#groups", DataTable)
        marked = [str(table.get_row_at(row)[0]) for row in range(table.row_count)]
        assert [OPEN_MARK in name for name in marked] == [False, True, False]
        assert OPEN_MARK in shown_text(app)


async def test_m_on_another_group_while_a_meeting_is_open_asks_first_and_no_keeps_only_the_open_one(
    three_groups: Workspace,
) -> None:
    async with at_home(three_groups) as (app, pilot):
        await press_keys(pilot, "m", "escape")
        await press_keys(pilot, "down", "m")
        assert isinstance(app.screen, Confirm)
        assert "still open" in shown_text(app)

        await press_keys(pilot, "n")
        assert isinstance(app.screen, HomeScreen)
        assert len(three_groups.meetings_in_progress()) == 1
        await press_keys(pilot, "m", "y")
        assert isinstance(app.screen, MeetingScreen)
        assert len(three_groups.meetings_in_progress()) == 2


async def test_m_on_the_group_whose_meeting_is_open_goes_straight_back_to_it(three_groups: Workspace) -> None:
    async with at_home(three_groups) as (app, pilot):
        await press_keys(pilot, "m", "escape", "m")
        assert isinstance(app.screen, MeetingScreen)
