"""Trends on the 20-group, 5-year demo vault and the 40-group, 10-year one, built as `circle demo` builds them.

- The engine alone, every group by week, from facts already loaded; baseline: one bare pass over the same
  attendance rows, the least any computation over them could cost.
- Loading and computing through Workspace.trends, the way the app's trends screen asks; baseline: the
  engine alone, so the ratio shows what loading adds.
- `circle trends --format csv` as a whole process with CIRCLE_PASSPHRASE set, key derivation included;
  baseline: a fresh process that derives one key at circle's default parameters (benchmarks/derive_once.py),
  measured in turn with it: no command that unlocks the vault can take less. Each group's history and counts per
  period are kept, as the close of its last meeting leaves them (store/trend_history.py). Reported beside it: a
  range that cuts a month, which is counted from the kept history, and the same as first with nothing kept, as
  just after a correction or a purge.
Each at both sizes, and how much each grew from the small vault to the large one; the figures measured in the
process are taken with both vaults open, a round of each in turn.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from contextlib import ExitStack, closing
from functools import partial
from pathlib import Path
from typing import Any

from benchmarks.common import Figure, median, run_python
from benchmarks.sizes import SIZES, Size, growth, in_turns, size_label
from circle.demo import DEMO_PASSPHRASE, build_demo
from circle.domain.clock import today
from circle.domain.trends.compute import compute_trends
from circle.domain.trends.periods import Period
from circle.paths import locations
from circle.workspace import Workspace

ROUNDS = 9
CUTS_A_MONTH = "2000-01-15"  # before every demo meeting, so the same report, but not from a first of the month


def _in_process_in_turns(homes: dict[Size, Path]) -> dict[Size, tuple[float, float, float, int]]:
    """For each vault: a bare pass, the engine, and loading and computing through the workspace (seconds), and its
    attendance rows. Both vaults are open at once and each figure's rounds are taken in turns: the growth from
    one to the other is a figure of its own."""
    bare, engine, through_workspace, rows = {}, {}, {}, {}
    with ExitStack() as vaults:
        for size, home in homes.items():
            workspace = vaults.enter_context(Workspace.open(home))
            workspace.unlock(DEMO_PASSPHRASE)
            groups = [group.id for group in workspace.groups()]  # every group this facilitator holds
            meetings, attendance = workspace.trend_facts(groups)
            on = today(workspace.clock)
            rows[size] = len(attendance)
            bare[size] = partial(_bare_pass, attendance)
            engine[size] = partial(compute_trends, meetings, attendance, by=Period.WEEK, today=on)
            through_workspace[size] = partial(workspace.trends, by=Period.WEEK)
        bare_times, engine_times = in_turns(bare, ROUNDS), in_turns(engine, ROUNDS)
        workspace_times = in_turns(through_workspace, 5)
    return {size: (bare_times[size], engine_times[size], workspace_times[size], rows[size]) for size in homes}


def _bare_pass(attendance: list[tuple[Any, ...]]) -> int:
    return sum(row[2] for row in attendance)


def _processes(home: Path) -> tuple[float, float, float, float]:
    """`circle trends` with each group's counts kept, over a range that cuts a month (from the kept histories),
    with nothing kept, and one key derivation."""
    environment = {**os.environ, "CIRCLE_HOME": str(home), "CIRCLE_PASSPHRASE": DEMO_PASSPHRASE}
    command = ["-m", "circle", "trends", "--format", "csv"]
    cut = [*command, "--since", CUTS_A_MONTH]
    derive = ["-m", "benchmarks.derive_once"]
    run_python(derive)  # warm the file cache for both sides
    run_python(command, env=environment)
    derive_times, kept_times, cut_times, none_kept_times = [], [], [], []
    for _ in range(ROUNDS):
        derive_times.append(run_python(derive)[0])
        kept_times.append(run_python(command, env=environment)[0])
        cut_times.append(run_python(cut, env=environment)[0])
    _forget_kept_histories(home)  # `circle trends` only reads: nothing it works out is kept
    for _ in range(ROUNDS):
        none_kept_times.append(run_python(command, env=environment)[0])
    return median(kept_times), median(cut_times), median(none_kept_times), median(derive_times)


def _forget_kept_histories(home: Path) -> None:
    with closing(sqlite3.connect(locations(home).vault_file)) as conn, conn:
        conn.execute("DELETE FROM trend_history")


def _figures(size: Size, in_process: tuple[float, float, float, int], processes: tuple[float, ...]) -> list[Figure]:
    bare, engine, through_workspace, rows = in_process
    process, cut, none_kept, derive = processes
    label = size_label(*size)
    return [
        Figure(f"trends engine, {label} by week ({rows // 1000}k rows)", engine * 1000, bare * 1000, "ms",
               "<= 100 ms"),
        Figure(f"trends load + compute, {label}", through_workspace * 1000, engine * 1000, "ms", "reported"),
        Figure(f"circle trends --format csv, {label}", process * 1000, derive * 1000, "ms",
               "<= 1.5x one key derivation"),
        Figure(f"  the same from the kept histories (a range that cuts a month), {label}", cut * 1000,
               derive * 1000, "ms", "reported"),
        Figure(f"  the same, no history kept, {label}", none_kept * 1000, derive * 1000, "ms", "reported"),
    ]


def measure() -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        homes = {size: Path(folder) / size_label(*size) for size in SIZES}
        for (groups, years), home in homes.items():
            build_demo(home, groups=groups, years=years)  # circle's default key derivation, as a real vault has
        in_process = _in_process_in_turns(homes)
        small, large = (_figures(size, in_process[size], _processes(home)) for size, home in homes.items())
    names = ("trends engine", "trends load + compute", "circle trends process", "circle trends, from histories",
             "circle trends, none kept")
    return [*small, *large, *(growth(name, one, other) for name, one, other in zip(names, small, large, strict=True))]


if __name__ == "__main__":
    from benchmarks.common import print_table

    print_table(measure())
