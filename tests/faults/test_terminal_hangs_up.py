"""A circle whose terminal goes away without a hang-up signal ends by itself instead of spinning.

Reproduced as it happened: `make demo` in tmux, then `tmux kill-server`. circle was not its session's leader,
so no SIGHUP came; its input just ended, and it ran on at a full core. Here circle runs on a real pseudo-
terminal that is not its controlling terminal (so closing it sends no signal), and the terminal is closed.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

pty = pytest.importorskip("pty", reason="pseudo-terminals are POSIX-only")

REPO = Path(__file__).resolve().parents[2]


def read_until_drawn(master: int, deadline: float) -> bytes:
    seen = b""
    while time.monotonic() < deadline and b"passphrase" not in seen.lower():
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            seen += os.read(master, 65536)
    return seen


def test_circle_ends_by_itself_when_its_terminal_is_closed_under_it(tmp_path: Path):
    master, slave = pty.openpty()
    env = {**os.environ, "CIRCLE_HOME": str(tmp_path / "home"), "TERM": "xterm-256color", "PYTHONPATH": str(REPO)}
    env.pop("CIRCLE_PASSPHRASE", None)
    circle = subprocess.Popen(
        [sys.executable, "-m", "circle"], stdin=slave, stdout=slave, stderr=slave, env=env,
        start_new_session=True,  # a session of its own with no controlling terminal: no SIGHUP will come
    )
    os.close(slave)
    try:
        assert b"passphrase" in read_until_drawn(master, time.monotonic() + 60).lower(), "circle never drew its first screen"
        os.close(master)  # the terminal goes away
        assert circle.wait(timeout=30) is not None
    finally:
        if circle.poll() is None:
            circle.kill()
            circle.wait()
