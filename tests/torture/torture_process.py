"""The child under torture, seen from the parent: start it, read what it reports, kill it."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CHILD = HERE / "torture_child.py"
# Far longer than any step takes; only a child that hangs waits this long.
REPORT_TIMEOUT_SECONDS = 60


class ChildStopped(AssertionError):
    pass


class TortureChild:
    def __init__(self, home: Path, seed: int, passphrase: str, errors: Path) -> None:
        environment = {key: value for key, value in os.environ.items() if not key.startswith("CIRCLE_")}
        environment["PYTHONPATH"] = str(REPO)
        environment["CIRCLE_PASSPHRASE"] = passphrase
        self._errors = errors
        with errors.open("wb") as stderr:
            self._process = subprocess.Popen(
                [sys.executable, str(CHILD), str(home), str(seed)],
                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=stderr, env=environment, cwd=REPO,
            )
        assert self._process.stdout is not None
        self._out = self._process.stdout.fileno()
        self._buffer = b""

    def report(self) -> str:
        """The child's next line; it is sent only after what it reports has been committed."""
        while b"\n" not in self._buffer:
            ready, _, _ = select.select([self._out], [], [], REPORT_TIMEOUT_SECONDS)
            chunk = os.read(self._out, 65536) if ready else b""
            if not chunk:
                self.kill()
                problem = self._errors.read_text(errors="replace").strip().splitlines()[-5:]
                why = "stopped reporting" if ready else f"said nothing for {REPORT_TIMEOUT_SECONDS} s"
                raise ChildStopped(f"the child {why} (exit {self._process.returncode}): {' | '.join(problem)}")
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line.decode()

    def kill(self) -> None:
        """SIGKILL, then keep what it had reported and was not read yet: that was committed too."""
        if self._process.poll() is None:
            os.kill(self._process.pid, signal.SIGKILL)
        self._process.wait()
        assert self._process.stdout is not None
        if not self._process.stdout.closed:
            while chunk := os.read(self._out, 65536):
                self._buffer += chunk
            self._process.stdout.close()

    def unread_reports(self) -> list[str]:
        """Whole lines only: a line cut short by the kill reports nothing."""
        lines = self._buffer.split(b"\n")[:-1]
        self._buffer = b""
        return [line.decode() for line in lines]
