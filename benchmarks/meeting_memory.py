"""Memory over a simulated three-hour meeting on the real meeting screen: it should stay flat.

A fake clock moves a second at a time and the timers are redrawn each second (the screen
does it four times a second in real time); turns, pauses and parts of the meeting are keyed
in as a facilitator would. The baseline is the same process's resident memory once the
meeting screen is up, so the ratio is end over start.
"""

from __future__ import annotations

import asyncio
import gc
from pathlib import Path

from benchmarks.common import Figure
from benchmarks.meeting_setup import meeting_in_sharing
from circle.domain.clock import FakeClock
from circle.ui.app import CircleApp
from circle.ui.screens.meeting import MeetingScreen

MINUTES = 180
# Each minute's keys, by minute of the hour: a turn every three minutes, a pause now and then.
KEYS_BY_MINUTE = {0: ("a", "space"), 2: ("space",), 7: ("z",), 8: ("z",)}
NEXT_PART_AT = {60, 100, 140}  # sharing -> break -> closing, then running over
# The first hour warms up the allocator and render caches; growth after it would be a leak.
WARM_MINUTES = 60


def resident_megabytes() -> float:
    gc.collect()
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("VmRSS is not available on this system")


async def _three_hours() -> tuple[float, float, float]:
    clock = FakeClock()
    with meeting_in_sharing(clock) as (workspace, meeting):
        app = CircleApp(workspace)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = MeetingScreen(meeting)
            app.push_screen(screen)
            await pilot.pause()
            start = warm = resident_megabytes()
            for minute in range(MINUTES):
                await pilot.press(*KEYS_BY_MINUTE.get(minute % 10, ()))
                if minute in NEXT_PART_AT:
                    await pilot.press("n")
                for second in range(60):
                    clock.advance(1)
                    screen.refresh_timers()
                    if second % 30 == 0:
                        await pilot.pause()
                if minute == WARM_MINUTES:
                    warm = resident_megabytes()
            end = resident_megabytes()
    return start, warm, end


def measure() -> list[Figure]:
    start, warm, end = asyncio.run(_three_hours())
    return [
        Figure("memory after a 3-hour meeting (vs its start)", end, start, "MB", "flat"),
        Figure("memory after it (vs after its first hour)", end, warm, "MB", "flat: 1.0x"),
    ]


if __name__ == "__main__":
    from benchmarks.common import print_table

    print_table(measure())
