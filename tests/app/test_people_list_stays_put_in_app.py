"""Under Pilot: the meeting's list of people stays where the facilitator is: marking attendance moves no row,
Home and End go to the first and last person (not sideways), and the find box's keys show while typing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Footer

from circle.ui.app import CircleApp
from circle.ui.widgets.meeting.people_table import PeopleTable
from circle.workspace import Workspace
from tests.app.conftest import at_home, locked_with_a_group, press_keys, shown_text

# More people than fit on the screen at 80×24.
NAMES = [f"{first} Rivers" for first in "Ada Ben Cal Dara Eli Fay Gus Hana Ivo Jo Kit Lou Mo Nia Oz Pia Quin Rae Sol".split()]


@pytest.fixture
def a_big_group(tmp_path: Path) -> Iterator[Workspace]:
    """One group with more people than fit on the screen at 80×24."""
    with locked_with_a_group(tmp_path, "Monday Morning Check-in", NAMES) as workspace:
        yield workspace


def people(app: CircleApp) -> PeopleTable:
    return app.screen.query_one(PeopleTable)


async def test_marking_attendance_keeps_the_list_and_the_cursor_where_they_are(a_big_group: Workspace) -> None:
    async with at_home(a_big_group) as (app, pilot):
        await press_keys(pilot, "m", "pagedown")
        table = people(app)
        row, scrolled = table.cursor_row, table.scroll_y
        marked = table.highlighted_member
        assert scrolled > 0

        await press_keys(pilot, "t")
        assert marked in app.screen.meeting.state.present
        assert (table.cursor_row, table.scroll_y, table.highlighted_member) == (row, scrolled, marked)
        await press_keys(pilot, "down", "t")
        assert table.cursor_row == row + 1  # the next name is the next row down


async def test_end_goes_to_the_last_person_and_the_here_column_stays_in_view(a_big_group: Workspace) -> None:
    async with at_home(a_big_group) as (app, pilot):
        await press_keys(pilot, "m", "end")
        table = people(app)
        assert table.cursor_row == table.row_count - 1
        assert table.scroll_x == 0
        await press_keys(pilot, "home")
        assert table.cursor_row == 0


async def test_the_footer_names_the_find_box_keys_while_typing(a_big_group: Workspace) -> None:
    async with at_home(a_big_group) as (app, pilot):
        await press_keys(pilot, "m", "slash", *"Da")
        footer = app.screen.query_one(Footer)
        assert footer.display and footer.region.height == 1
        assert "esc Clear" in shown_text(app)
        await press_keys(pilot, "escape")
        assert "esc Back" in shown_text(app)
