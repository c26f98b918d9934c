"""`python -m benchmarks NAME` runs one benchmark; the list it knows is every benchmark in the folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from benchmarks.__main__ import NAMES

REPO = Path(__file__).resolve().parents[2]


def _benchmarks(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "benchmarks", *args], capture_output=True, text=True, cwd=REPO, timeout=60
    )


def test_every_module_with_a_measure_function_can_be_run_by_its_name() -> None:
    measured = {
        path.stem for path in (REPO / "benchmarks").glob("*.py") if "\ndef measure(" in path.read_text(encoding="utf-8")
    }
    assert set(NAMES) == measured
    assert _benchmarks("--list").stdout.split() == list(NAMES)


def test_an_unknown_benchmark_is_refused_in_one_line_without_running_any() -> None:
    done = _benchmarks("startup", "no_such_thing")
    assert done.returncode == 2
    assert done.stderr.strip() == "No benchmark named 'no_such_thing'; `python -m benchmarks --list` names them."
    assert done.stdout == ""
