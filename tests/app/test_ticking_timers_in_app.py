"""A timer drawn every second for hours leaves nothing behind: Rich keeps the width of each text it measures
(4,096 of them), and a timer's line is drawn so that no second's time is one of them (ui/widgets/ticking.py)."""

from __future__ import annotations

import pytest
from rich.cells import cached_cell_len
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Static

from circle.domain.session.timing import format_clock
from circle.ui.widgets.line import Line
from circle.ui.widgets.meeting.big_clock import BigClock
from circle.ui.widgets.ticking import TickingLine
from circle.workspace import Workspace
from tests.app.conftest import at_home, stopped_clock, to_a_sharing_turn

SECONDS = 300


@pytest.fixture(autouse=True)
def nothing_measured_yet() -> None:
    """Emptied first: the tests before in this process may have filled it, and a full one cannot grow."""
    cached_cell_len.cache_clear()


def texts_measured() -> int:
    return cached_cell_len.cache_info().currsize


class TwoClocks(App[None]):
    def compose(self) -> ComposeResult:
        yield Line("", id="plain")
        yield TickingLine("", id="ticking")


async def _count_down(pilot: Pilot[None], line: Line) -> int:
    """How many texts Rich came to keep while the line counted down SECONDS seconds, drawn at each."""
    before = texts_measured()
    for second in range(SECONDS, 0, -1):
        line.show(f"{format_clock(second)} left")
        await pilot.pause(0)
    await pilot.pause()
    return texts_measured() - before


async def test_a_ticking_line_counting_down_adds_a_few_dozen_measured_texts_a_plain_one_adds_one_a_second() -> None:
    app = TwoClocks()
    async with app.run_test(size=(40, 4)) as pilot:
        kept_by_the_plain_line = await _count_down(pilot, app.query_one("#plain", Line))
        kept_by_the_ticking_line = await _count_down(pilot, app.query_one("#ticking", TickingLine))
        assert app.query_one("#ticking", TickingLine).render_line(0).text.startswith("0:01 left")
    assert kept_by_the_plain_line >= SECONDS  # each second's text, drawn, was measured and kept
    # The same seconds drawn in runs: each digit once or twice over ("5", "55"), ":", a space and the word's letters.
    assert kept_by_the_ticking_line <= 30


async def test_a_sharing_turn_drawn_every_second_for_ten_minutes_keeps_almost_none_of_its_times(
    workspace_with_group: Workspace,
) -> None:
    clock = stopped_clock(workspace_with_group)
    async with at_home(workspace_with_group) as (app, pilot):
        screen = await to_a_sharing_turn(pilot)
        before, shown = texts_measured(), set()
        for _ in range(600):
            clock.advance(1)
            screen.refresh_timers()
            await pilot.pause(0)
            shown.add(str(screen.query_one("#speaker-timer .timer-time", Static).render()))
        await pilot.pause()
        assert len(shown) == 600  # a new time every second, on each of three timers
        assert texts_measured() - before < 30  # where each second's times used to add three texts each


class RoomClock(App[None]):
    def compose(self) -> ComposeResult:
        yield BigClock(id="room-time")


async def test_the_room_displays_big_clock_counting_down_adds_only_its_blocks_runs_to_the_measured_texts() -> None:
    app = RoomClock()
    async with app.run_test(size=(80, 24)) as pilot:
        clock = app.query_one(BigClock)
        before = texts_measured()
        for second in range(SECONDS, 0, -1):
            clock.show(format_clock(second))
            await pilot.pause(0)
        await pilot.pause()
        assert texts_measured() - before <= 30  # runs of blocks and of spaces, each a few cells long
        rows = str(clock.render()).split("\n")  # "0:01" in blocks, the last time shown
        assert [clock.render_line(y).text.rstrip() for y in range(len(rows))] == [row.rstrip() for row in rows]


async def test_a_ticking_line_draws_no_terminal_escape_and_keeps_within_its_width() -> None:
    app = TwoClocks()
    async with app.run_test(size=(12, 4)) as pilot:
        line = app.query_one("#ticking", TickingLine)
        line.show("\x1b[2J1:00\x07 left, and more than fits")
        await pilot.pause()
        drawn = line.render_line(0)
        assert drawn.text == "[2J1:00 left" and drawn.cell_length == line.size.width == 12
