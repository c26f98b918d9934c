"""Start-up: `circle` until the unlock screen is painted, against a bare Textual app (Header, Static, Footer)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks.common import Figure, median, run_python
from circle.demo import build_demo

ROUNDS = 7


def measure() -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "vault"
        build_demo(home)
        run_python(["-m", "benchmarks.paint_once", "bare"])  # warm the file cache for both sides
        bare_times, bare_memory, circle_times, circle_memory = [], [], [], []
        for _ in range(ROUNDS):
            seconds, out = run_python(["-m", "benchmarks.paint_once", "bare"])
            bare_times.append(seconds)
            bare_memory.append(int(out.split()[-1]) / 1024)
            seconds, out = run_python(["-m", "benchmarks.paint_once", "circle", str(home)])
            circle_times.append(seconds)
            circle_memory.append(int(out.split()[-1]) / 1024)
    return [
        Figure("start-up to unlock screen, wall (median)", median(circle_times) * 1000,
               median(bare_times) * 1000, "ms", "<= 1.3x"),
        Figure("start-up to unlock screen, peak memory", median(circle_memory),
               median(bare_memory), "MB", "<= 1.5x"),
    ]
