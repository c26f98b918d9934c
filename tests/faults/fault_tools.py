"""What the fault tests share: a circle kept open in a child process, mounts to break things with, and checks.

Mounts (a read-only bind, a small tmpfs) need root with CAP_SYS_ADMIN; where they are not allowed the test
that needs one is skipped, and says why.
"""

from __future__ import annotations

import json
import os
import select
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
ANSWER_TIMEOUT_SECONDS = 60
GROUP = "Fault Line"


def vault_of(home: Path) -> Path:
    return home / "data" / "circle.db"


def integrity(vault: Path) -> list[tuple[str, ...]]:
    conn = sqlite3.connect(vault)
    try:
        return conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()


def assert_one_line(stderr: str, *words: str) -> None:
    """One line on stderr, circle's own, with no traceback; `words` are what it must say (in any case)."""
    assert "Traceback" not in stderr, stderr
    assert stderr.startswith("circle: ") and stderr.count("\n") == 1, stderr
    for word in words:
        assert word.lower() in stderr.lower(), stderr


class FaultChild:
    """A circle kept open in a child process (tests/faults/fault_child.py), answering one line per command."""

    def __init__(self, home: Path, passphrase: str) -> None:
        environment = {key: value for key, value in os.environ.items() if not key.startswith("CIRCLE_")}
        environment.update(PYTHONPATH=str(REPO), CIRCLE_PASSPHRASE=passphrase)
        self.process = subprocess.Popen(
            [sys.executable, str(HERE / "fault_child.py"), str(home)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment, text=True,
        )
        assert self._answer() == "ready"

    def _answer(self) -> str:
        assert self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], ANSWER_TIMEOUT_SECONDS)
        line = self.process.stdout.readline() if ready else ""
        if not line:
            self.process.kill()
            _, errors = self.process.communicate()
            raise AssertionError(f"the open circle stopped (exit {self.process.returncode}): {errors[-2000:]}")
        return line.rstrip("\n")

    def send(self, command: str) -> str:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return self._answer()

    def step(self) -> str:
        """One more event; returns its `seq:id`."""
        answer = self.send("step").split()
        assert answer[0] == "ok", answer
        return answer[2]

    def refusal(self, command: str) -> str:
        """The one-line message a command was refused with."""
        word, _, rest = self.send(command).partition(" ")
        assert word == "refused", f"{command} was not refused: {word} {rest}"
        message = json.loads(rest.partition(" ")[2])
        assert "\n" not in message and message, message
        return message

    def close(self) -> None:
        if self.process.poll() is None:
            assert self.send("close") == "ok"
            self.process.wait(ANSWER_TIMEOUT_SECONDS)
        assert self.process.returncode == 0, self.process.stderr.read() if self.process.stderr else ""

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate()


def _mount(*args: str) -> None:
    done = subprocess.run(["mount", *args], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"this test needs to mount a file system (root with CAP_SYS_ADMIN): {done.stderr.strip()}")


def _unmount(path: Path) -> None:
    subprocess.run(["umount", str(path)], check=True, capture_output=True)


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """`folder` read-only for everyone, root included: bound onto itself, read-only."""
    _mount("--bind", str(folder), str(folder))
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], check=True, capture_output=True)
        yield
    finally:
        _unmount(folder)


@contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    """A fresh tmpfs of `size` at `folder`, to fill up."""
    folder.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder))
    try:
        yield folder
    finally:
        _unmount(folder)


def fill(disk: Path, leave: int = 0) -> Path:
    """Fill the disk, then give back `leave` bytes; returns the filler file."""
    filler = disk / "filler"
    try:
        with filler.open("wb") as handle:
            while True:
                handle.write(bytes(65536))
                handle.flush()
    except OSError:
        pass  # full, which was the point
    with filler.open("r+b") as handle:
        handle.truncate(max(0, filler.stat().st_size - leave))
    return filler
