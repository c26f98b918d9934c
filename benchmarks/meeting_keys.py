"""Keypress to repainted screen during sharing, 200 presses, against a bare app that repaints a line.

Then the same keys in a large, long meeting (LARGE_PRESENT people here, LARGE_EVENTS events already in the
log) against the small fresh one: a keypress should cost the same whatever the roster or the hour.

The clock starts when the key event is posted and stops at the first screen update the
compositor hands to the (headless) driver after the key's action has finished. It is read at
that moment, not when this benchmark's coroutine next runs, which comes after whatever the app
does once it has painted. Each press on the meeting screen commits a sealed event
(synchronous=FULL) before the screen changes, so the figure includes the disk. The baseline
app updates a Static on the same keys, measured the same way, in the same run.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import Footer, Static

from benchmarks.common import Figure, median, percentile
from benchmarks.meeting_setup import meeting_in_sharing
from circle.domain.session import Command
from circle.ui.app import CircleApp
from circle.ui.screens.meeting import MeetingScreen

PRESSES = 200
LARGE_PRESENT = 150
LARGE_EVENTS = 2000
# Queue the highlighted person, start their turn, a minute more, end it, pause, resume:
# each one a committed event and a visible change.
KEYS = (("a", "a"), ("space", " "), ("plus", "+"), ("space", " "), ("z", "z"), ("z", "z"))


class PaintWatch:
    """Notes when an action finished and when the next screen update after it was produced."""

    def __init__(self) -> None:
        self.action_done_at: float | None = None
        self.painted_at = 0.0
        self.painted = asyncio.Event()

    def reset(self) -> None:
        self.action_done_at = None
        self.painted.clear()

    def action_done(self) -> None:
        self.action_done_at = time.perf_counter()

    def displayed(self) -> None:
        if self.action_done_at is not None and not self.painted.is_set():
            self.painted_at = time.perf_counter()
            self.painted.set()


class Watched(App[None]):
    """Mixed in before an app class: tells its PaintWatch whenever a screen update is produced."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.watch = PaintWatch()

    def _display(self, screen: Any, renderable: Any) -> None:
        super()._display(screen, renderable)
        if renderable is not None:
            self.watch.displayed()


class WatchedCircle(Watched, CircleApp):
    pass


class WatchedMeetingScreen(MeetingScreen):
    def command(self, command: Command) -> None:
        super().command(command)
        self.app.watch.action_done()  # type: ignore[attr-defined]


class BareCounter(Watched):
    BINDINGS = [Binding("a,space,plus,z", "count", "Count")]

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def compose(self) -> ComposeResult:
        yield Static("0", id="count")
        yield Footer()

    def action_count(self) -> None:
        self.count += 1
        self.query_one("#count", Static).update(str(self.count))
        self.watch.action_done()


async def _latencies(app: Any, prepare: Any = None) -> list[float]:
    times = []
    async with app.run_test(size=(120, 36)) as pilot:
        if prepare is not None:
            await prepare(pilot)
        await pilot.pause()
        for press in range(PRESSES):
            key, character = KEYS[press % len(KEYS)]
            app.watch.reset()
            started = time.perf_counter()
            app.post_message(events.Key(key, character))
            await asyncio.wait_for(app.watch.painted.wait(), timeout=5)
            times.append(app.watch.painted_at - started)
            await pilot.pause()  # let the app settle before the next press, on both sides
    return times


def _meeting_latencies(**setup: int) -> list[float]:
    with meeting_in_sharing(**setup) as (workspace, meeting):

        async def open_meeting(pilot: Pilot[None]) -> None:
            pilot.app.push_screen(WatchedMeetingScreen(meeting))
            await pilot.pause()

        return asyncio.run(_latencies(WatchedCircle(workspace), open_meeting))


def measure() -> list[Figure]:
    bare = asyncio.run(_latencies(BareCounter()))
    circle = _meeting_latencies()
    large = _meeting_latencies(present=LARGE_PRESENT, events=LARGE_EVENTS)
    name = f"{LARGE_PRESENT} here, {LARGE_EVENTS} events"
    return [
        Figure("keypress to repaint in sharing, median", median(circle) * 1000, median(bare) * 1000, "ms",
               "<= 8 ms"),
        Figure("keypress to repaint in sharing, p95", percentile(circle, 0.95) * 1000,
               percentile(bare, 0.95) * 1000, "ms", "<= 16.7 ms (one frame)"),
        # Baseline: the small fresh meeting above, measured in the same run.
        Figure(f"  the same, {name}, median", median(large) * 1000, median(circle) * 1000, "ms", "ratio ~1"),
        Figure(f"  the same, {name}, p95", percentile(large, 0.95) * 1000,
               percentile(circle, 0.95) * 1000, "ms", "ratio ~1"),
    ]


if __name__ == "__main__":
    from benchmarks.common import print_table

    print_table(measure())
