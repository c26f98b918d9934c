"""Start-up: `circle` until the unlock screen is painted, against a bare Textual app (Header, Static, Footer).

Both start from bytecode (benchmarks/compiled.py). Besides wall time, the CPU time the process used is
given: on a shared machine the wall time also holds the waits for a core, the CPU time does not.
"""

from __future__ import annotations

import resource
import tempfile
from pathlib import Path

from benchmarks.common import Figure, median, run_python
from benchmarks.compiled import compile_circle
from circle.demo import build_demo

ROUNDS = 7


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _start(args: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak MB of one start of paint_once."""
    before = _children_cpu()
    seconds, out = run_python(["-m", "benchmarks.paint_once", *args])
    return seconds, _children_cpu() - before, int(out.split()[-1]) / 1024


def measure() -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "vault"
        build_demo(home)
        compile_circle()  # both sides start from bytecode
        run_python(["-m", "benchmarks.paint_once", "bare"])  # warm the file cache for both sides
        bare, circle, spanish = [], [], []
        for _ in range(ROUNDS):
            bare.append(_start(["bare"]))
            circle.append(_start(["circle", str(home)]))
            spanish.append(_start(["circle", str(home), "es"]))

    def middle(runs: list[tuple[float, float, float]], column: int) -> float:
        return median([run[column] for run in runs])

    return [
        Figure("start-up to unlock screen, wall (median)", middle(circle, 0) * 1000, middle(bare, 0) * 1000, "ms",
               "<= 1.2x"),
        Figure("start-up to unlock screen, CPU (median)", middle(circle, 1) * 1000, middle(bare, 1) * 1000, "ms",
               "<= 1.2x"),
        Figure("start-up to unlock screen, peak memory", middle(circle, 2), middle(bare, 2), "MB", "<= 1.5x"),
        # A facilitator's language loaded: its catalog is read before the screen, Babel only when a day is written.
        Figure("  the same in Spanish, CPU (vs in English)", middle(spanish, 1) * 1000, middle(circle, 1) * 1000, "ms",
               "~1: a language costs nothing seen"),
    ]


if __name__ == "__main__":
    from benchmarks.common import print_table

    print_table(measure())
