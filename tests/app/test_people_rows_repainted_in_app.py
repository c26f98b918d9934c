"""Under Pilot: a key in a meeting draws again only the rows of the people list it changed, and rows that
moved show who is now in their place, a click on each reaching that person."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import DataTable

from circle.domain.group import PhaseKind
from circle.domain.session import Arrive, NextPhase
from circle.ui.app import CircleApp
from circle.ui.screens.meeting import MeetingScreen
from circle.ui.widgets.meeting.people_table import PeopleTable
from circle.workspace import Workspace
from tests.app.conftest import at_home, locked_with_a_group, press_keys

NAMES = ("Ada Rivers", "Ben Rivers", "Cal Rivers", "Dara Rivers", "Eli Rivers", "Fay Rivers", "Gus Rivers")


@pytest.fixture
def a_group_of_seven(tmp_path: Path) -> Iterator[Workspace]:
    with locked_with_a_group(tmp_path, "Thursday Sharing", NAMES) as workspace:
        yield workspace


async def in_sharing_with_everyone_here(app: CircleApp, pilot) -> MeetingScreen:  # type: ignore[no-untyped-def]
    await press_keys(pilot, "m")
    screen = app.screen
    assert isinstance(screen, MeetingScreen)
    meeting = screen.meeting
    for member in meeting.roster:
        meeting.do(Arrive(member.id))
    while meeting.state.phase is not PhaseKind.SHARING:
        meeting.do(NextPhase(confirmed=True))
    screen.refresh_state()
    await pilot.pause()
    return screen


def drawn_rows(table: PeopleTable, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The rows the table draws cell by cell from now on (the strips it looks up are not counted)."""
    rows: list[int] = []
    draw = DataTable.render_line

    def counting(self: DataTable, y: int) -> object:
        if self is table and y >= table.header_height:
            rows.append(y - table.header_height + int(table.scroll_y))
        return draw(self, y)

    monkeypatch.setattr(DataTable, "render_line", counting)
    return rows


def row_on_screen(table: PeopleTable, row: int) -> tuple[str, set[object]]:
    """The characters of one row as drawn, and the rows its click targets name."""
    strip = table.render_line(row + table.header_height - int(table.scroll_y))
    rows = {segment.style.meta.get("row") for segment in strip if segment.style and segment.style.meta}
    return strip.text, rows


async def test_a_key_that_changes_one_persons_status_draws_only_their_row(
    a_group_of_seven: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with at_home(a_group_of_seven, (100, 30)) as (app, pilot):
        screen = await in_sharing_with_everyone_here(app, pilot)
        table = app.screen.query_one(PeopleTable)
        assert table.cursor_row == 0
        drawn = drawn_rows(table, monkeypatch)
        await press_keys(pilot, "a")  # the first person in the queue: their status changes, they stay on top
        assert screen.meeting.state.queue == (table.highlighted_member,)
        assert drawn == [0]
        text, _ = row_on_screen(table, 0)
        assert "Ada R." in text and "next" in text


async def test_rows_that_moved_show_who_is_now_in_their_place_and_a_click_reaches_that_person(
    a_group_of_seven: Workspace,
) -> None:
    async with at_home(a_group_of_seven, (100, 30)) as (app, pilot):
        screen = await in_sharing_with_everyone_here(app, pilot)
        table = app.screen.query_one(PeopleTable)
        # Ada shares, then goes to the foot of the list, and each of the others moves up a row; twice over,
        # so that the second time the rows can come from the strips drawn the first time.
        for _ in range(2):
            await press_keys(pilot, "a", "space", "space", "home")
            for row in range(table.row_count):
                _, name, status = (str(value) for value in table.get_row_at(row))
                text, clicks_reach = row_on_screen(table, row)
                assert name in text and status in text
                assert clicks_reach == {row}
        assert len(screen.meeting.state.done_in_phase) == 2
        listed = [(str(table.get_row_at(row)[1]), str(table.get_row_at(row)[2])) for row in range(table.row_count)]
        assert listed[0][0] == "Cal R." and listed[-2:] == [("Ada R.", "shared ✓"), ("Ben R.", "shared ✓")]
