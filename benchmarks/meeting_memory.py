"""Memory over a simulated three-hour meeting, in a fresh `circle` process, against the unlock screen's peak.

The parent makes a vault (the demo, at circle's default key derivation) with a meeting left open in its
sharing part, and closes it. A fresh process then does what a facilitator does: opens the vault, types the
passphrase on the unlock screen, and is taken back to the open meeting. A fake clock then moves a second
at a time for three hours, and the screen is drawn each second, as a real one shows each second's time (it
redraws the timers four times a second); turns, pauses and parts of the meeting are keyed in as a facilitator
would.

The baseline is `paint_once circle` on the same vault: the peak of a process that paints the unlock screen.
Each side is the median of three processes.
The meeting's peak is counted from the moment the meeting screen is up (the kernel's peak is reset there),
so the key derivation's working memory, taken and given back at unlock, is reported on its own line.

The measured process carries as little of the benchmark as it can: the measuring helpers (and compileall,
which they import) are imported by the parent alone, the passphrase comes in the environment (as `circle`
commands take it) rather than from the demo's module, and keys arrive as a terminal's parser delivers them,
named and with their character, rather than through Pilot's `press`, which looks each one up by Unicode name.

    python -m benchmarks.meeting_memory            # the table
    CIRCLE_PASSPHRASE=… python -m benchmarks.meeting_memory run HOME OPENED   # the measured process: JSON
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events

if TYPE_CHECKING:
    from textual.app import App
    from textual.pilot import Pilot

    from benchmarks.common import Figure

MINUTES = 180
# Each minute's keys, by minute of the hour: a turn every three minutes, a pause now and then.
KEYS_BY_MINUTE = {0: ("a", "space"), 2: ("space",), 7: ("z",), 8: ("z",)}
NEXT_PART_AT = {60, 100, 140}  # sharing -> break -> closing, then running over
# The first hour warms up the allocator and render caches; growth after it would be a leak.
WARM_MINUTES = 60
# What a terminal's parser makes of a key's bytes: its name and its character.
CHARACTERS = {"space": " ", "enter": "\r"}
PRESENT = 12
ROUNDS = 3


def _status(field: str) -> float:
    """A line of /proc/self/status, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def _reset_peak() -> None:
    """From here on VmHWM counts again from the resident memory of now (Linux: clear_refs 5)."""
    Path("/proc/self/clear_refs").write_text("5")


def prepare(home: Path, start: datetime) -> None:
    """The demo vault with a 90-minute group's meeting open at its sharing part, then closed."""
    from circle.demo import DEMO_PASSPHRASE, build_demo
    from circle.domain.clock import FakeClock
    from circle.domain.group import PhaseKind
    from circle.domain.session import Arrive, NextPhase
    from circle.workspace import Workspace

    build_demo(home)
    with Workspace.open(home, clock=FakeClock(start)) as workspace:
        workspace.unlock(DEMO_PASSPHRASE)
        group_id = next(
            overview.id
            for overview in workspace.groups()
            if PhaseKind.SHARING in {phase.kind for phase in workspace.group(overview.id).profile.format.phases}
        )
        meeting = workspace.meeting(group_id)
        for member in workspace.members(group_id)[:PRESENT]:
            meeting.do(Arrive(member.id))
        while meeting.state.phase is not PhaseKind.SHARING:
            meeting.do(NextPhase(confirmed=True))


async def _press(app: App[object], pilot: Pilot[object], *keys: str) -> None:
    """Keys as a terminal delivers them: named, with their character, one at a time."""
    for key in keys:
        app.post_message(events.Key(key, CHARACTERS.get(key, key)))
        await pilot.pause()


async def _three_hours(home: str, opened: datetime, passphrase: str) -> dict[str, float]:
    from circle.domain.clock import FakeClock
    from circle.ui.app import CircleApp
    from circle.workspace import Workspace

    clock = FakeClock(opened)
    clock.advance(minutes=1)  # the meeting was opened a minute ago
    figures: dict[str, float] = {}
    with Workspace.open(home, clock=clock) as workspace:
        app = CircleApp(workspace)
        async with app.run_test(size=(120, 36)) as pilot:
            await _press(app, pilot, *passphrase, "enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.screen
            if type(screen).__name__ != "MeetingScreen":
                raise RuntimeError(f"unlocking led to {type(screen).__name__}, not the open meeting")
            figures["peak_with_unlock"] = _status("VmHWM")
            figures["start"] = _status("VmRSS")
            _reset_peak()
            for minute in range(MINUTES):
                await _press(app, pilot, *KEYS_BY_MINUTE.get(minute % 10, ()))
                if minute in NEXT_PART_AT:
                    await _press(app, pilot, "n")
                for second in range(60):
                    clock.advance(1)
                    screen.refresh_timers()  # type: ignore[attr-defined]
                    if second % 30 == 0:
                        await pilot.pause()  # and every message waiting is seen to, twice a minute
                    else:
                        await pilot.pause(0)  # drawn: a real screen shows each second's time
                if minute == WARM_MINUTES:
                    figures["warm"] = _status("VmRSS")
            figures["end"] = _status("VmRSS")
            figures["peak"] = _status("VmHWM")
    return figures


def measure() -> list[Figure]:
    from benchmarks.common import Figure, median, run_python
    from benchmarks.compiled import compile_circle
    from circle.demo import DEMO_PASSPHRASE

    opened = datetime.now(UTC)
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "vault"
        prepare(home, opened)
        compile_circle()  # compiling from source would add its own peak to the processes measured
        unlock_peaks = [
            int(run_python(["-m", "benchmarks.paint_once", "circle", str(home)])[1].split()[-1]) / 1024
            for _ in range(ROUNDS)
        ]
        measured = ["-m", "benchmarks.meeting_memory", "run", str(home), opened.isoformat()]
        env = {**os.environ, "CIRCLE_PASSPHRASE": DEMO_PASSPHRASE}
        # As many meetings as unlock screens, each figure their median: one process's peak moves by half a megabyte.
        runs = [json.loads(run_python(measured, env=env)[1]) for _ in range(ROUNDS)]
    meeting = {figure: median([run[figure] for run in runs]) for figure in runs[0]}
    unlock = median(unlock_peaks)
    return [
        Figure("meeting: peak over 3 hours (vs unlock screen)", meeting["peak"], unlock, "MB", "<= 1.5x"),
        Figure("meeting: memory at its end (vs unlock screen)", meeting["end"], unlock, "MB", "<= 1.5x"),
        Figure("meeting: memory at its end (vs its first hour)", meeting["end"], meeting["warm"], "MB",
               "flat: 1.0x"),
        Figure("peak with the key derivation (vs unlock screen)", meeting["peak_with_unlock"], unlock, "MB",
               "the KDF's own memory"),
    ]


def main() -> None:
    passphrase = os.environ["CIRCLE_PASSPHRASE"]
    figures = asyncio.run(_three_hours(sys.argv[2], datetime.fromisoformat(sys.argv[3]), passphrase))
    print(json.dumps(figures))


if __name__ == "__main__":
    if len(sys.argv) > 3 and sys.argv[1] == "run":
        main()
    else:
        from benchmarks.common import print_table

        print_table(measure())
