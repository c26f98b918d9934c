"""Shared measuring helpers: repeated runs, medians and a plain results table."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    baseline: float
    unit: str
    goal: str = ""

    @property
    def ratio(self) -> float:
        return self.value / self.baseline if self.baseline else float("nan")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def median(values: list[float]) -> float:
    return statistics.median(values)


def run_python(args: list[str], env: dict[str, str] | None = None) -> tuple[float, str]:
    """Wall seconds of a fresh interpreter running `args`, and what it printed."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, env=env, cwd=REPO, check=True
    )
    return time.perf_counter() - started, done.stdout


def print_table(figures: list[Figure]) -> None:
    header = f"{'figure':44} {'value':>12} {'baseline':>12} {'ratio':>7}  goal"
    print(header)
    print("-" * len(header))
    for figure in figures:
        print(
            f"{figure.name:44} {figure.value:>10.2f}{figure.unit:>2} {figure.baseline:>10.2f}{figure.unit:>2}"
            f" {figure.ratio:>6.2f}x  {figure.goal}"
        )
