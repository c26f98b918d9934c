"""Trends on a 20-group, 5-year demo vault (about 107,000 attendance rows), built as `circle demo` builds it.

- The engine alone, every group by week, from facts already loaded; baseline: one bare pass over the same
  attendance rows, the least any computation over them could cost.
- Loading and computing through Workspace.trends, the way the app's trends screen asks; baseline: the
  engine alone, so the ratio shows what loading adds.
- `circle trends --format csv` as a whole process with CIRCLE_PASSPHRASE set, key derivation included;
  baseline: a bare Textual app's start (as in startup.py), measured in turn with it.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.common import Figure, median, run_python
from circle.demo import DEMO_PASSPHRASE, build_demo
from circle.domain.clock import today
from circle.domain.trends.periods import Period
from circle.domain.trends.compute import compute_trends
from circle.workspace import Workspace

ROUNDS = 9
GROUPS, YEARS = 20, 5


def _median_seconds(work: Callable[[], Any]) -> float:
    runs = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        work()
        runs.append(time.perf_counter() - started)
    return median(runs)


def _in_process(home: Path) -> tuple[float, float, float, int]:
    with Workspace.open(home) as workspace:
        workspace.unlock(DEMO_PASSPHRASE)
        groups = [group.id for group in workspace.groups()]  # every group this facilitator holds
        meetings, attendance = workspace.trend_facts(groups)
        on = today(workspace.clock)
        bare = _median_seconds(lambda: sum(row[2] for row in attendance))
        engine = _median_seconds(lambda: compute_trends(meetings, attendance, by=Period.WEEK, today=on))
        through_workspace = _median_seconds(lambda: workspace.trends(by=Period.WEEK))
    return bare, engine, through_workspace, len(attendance)


def _processes(home: Path) -> tuple[float, float]:
    environment = {**os.environ, "CIRCLE_HOME": str(home), "CIRCLE_PASSPHRASE": DEMO_PASSPHRASE}
    command = ["-m", "circle", "trends", "--format", "csv"]
    run_python(["-m", "benchmarks.paint_once", "bare"])  # warm the file cache for both sides
    run_python(command, env=environment)
    bare_times, trends_times = [], []
    for _ in range(ROUNDS):
        bare_times.append(run_python(["-m", "benchmarks.paint_once", "bare"])[0])
        trends_times.append(run_python(command, env=environment)[0])
    return median(trends_times), median(bare_times)


def measure() -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "vault"
        build_demo(home, groups=GROUPS, years=YEARS)  # circle's default key derivation, as a real vault has
        bare, engine, through_workspace, rows = _in_process(home)
        process, bare_app = _processes(home)
    return [
        Figure(f"trends engine, {GROUPS} groups by week ({rows // 1000}k rows)", engine * 1000, bare * 1000, "ms",
               "<= 100 ms"),
        Figure("trends load + compute (Workspace.trends)", through_workspace * 1000, engine * 1000, "ms",
               "reported"),
        Figure("circle trends --format csv, process", process * 1000, bare_app * 1000, "ms", "<= 1.5x"),
    ]
