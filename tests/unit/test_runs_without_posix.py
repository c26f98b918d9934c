"""circle as on Windows: with the modules only POSIX systems have made unimportable, every module of circle imports
and a part of the CLI and app suites passes. `make test-without-posix` runs the whole of both suites so (about
four minutes on two cores, too long for every run).

The blocker is tests/without_posix/sitecustomize.py, put on PYTHONPATH: it holds in pytest and in every circle
the tests start.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.without_posix.posix_only import POSIX_ONLY

REPO = Path(__file__).resolve().parents[2]
BLOCKER = REPO / "tests" / "without_posix"
# The CLI at its core, private folders, a meeting on screen, the vault thread, the window and the themes.
PART_OF_THE_SUITES = (
    "tests/cli/test_cli.py", "tests/cli/test_private_folders.py", "tests/app/test_meeting.py",
    "tests/app/test_vault_thread.py", "tests/app/test_window_and_help.py", "tests/app/test_themes_in_app.py",
)

PROBE = """
import importlib, json, pkgutil, sys
import circle
names = ["circle"] + [info.name for info in pkgutil.walk_packages(circle.__path__, "circle.")]
for name in names:
    importlib.import_module(name)
blocked = []
for name in sys.argv[1:]:
    try:
        exec(f"import {name}", {"__name__": "circle.probe"})  # as a module of circle would
    except ModuleNotFoundError:
        blocked.append(name)
print(json.dumps({"imported": names, "blocked": blocked}))
"""


def without_posix() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(BLOCKER), str(REPO)])}


def test_with_posix_only_modules_blocked_every_module_of_circle_still_imports() -> None:
    probed = subprocess.run(
        [sys.executable, "-c", PROBE, *sorted(POSIX_ONLY)],
        env=without_posix(), cwd=REPO, capture_output=True, text=True, timeout=300, check=False,
    )
    assert probed.returncode == 0, probed.stderr[-3000:]
    report = json.loads(probed.stdout)
    assert len(report["imported"]) > 50 and "circle.store.lock" in report["imported"]
    assert sorted(report["blocked"]) == sorted(POSIX_ONLY)


@pytest.mark.slow
def test_part_of_the_cli_and_app_suites_passes_with_posix_only_modules_blocked() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", *PART_OF_THE_SUITES],
        env=without_posix(), cwd=REPO, capture_output=True, text=True, timeout=900, check=False,
    )
    summary = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else run.stderr[-3000:]
    assert run.returncode == 0, run.stdout[-5000:]
    assert " passed" in summary and "failed" not in summary and "error" not in summary, summary
