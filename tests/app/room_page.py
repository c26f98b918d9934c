"""The real `circle display --web` in a subprocess, for tests that talk to it as a browser would."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from queue import Empty, Queue
from threading import Thread

from tests.conftest import REPO_ROOT

ADDRESS = re.compile(r"http://127\.0\.0\.1:(\d+)/([A-Za-z0-9_-]+)/")


@contextmanager
def serving_room_page(home: Path, *, browser: str | None = None) -> Iterator[str]:
    """Start the server on `home`'s room board, yield the page's address, then stop it with Ctrl+C.

    With `browser` (a command line, %s for the address) the server opens the page in it, as the
    default browser; without, it is told --no-open.
    """
    environment = {key: value for key, value in os.environ.items() if not key.startswith("CIRCLE_")}
    environment.update(
        CIRCLE_HOME=str(home), PYTHONIOENCODING="utf-8",
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])),
    )
    if browser is not None:
        environment["BROWSER"] = browser  # what Python's webbrowser takes as the default browser
    server = subprocess.Popen(
        [sys.executable, "-m", "circle", "display", "--web", *([] if browser else ["--no-open"])],
        env=environment, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        yield _address_printed_by(server)
    finally:
        server.send_signal(signal.SIGINT)
        _, errors = server.communicate(timeout=30)
        assert "Traceback" not in errors


def _address_printed_by(server: subprocess.Popen[str]) -> str:
    lines: Queue[str] = Queue()
    Thread(target=lambda: [lines.put(line) for line in server.stdout], daemon=True).start()  # type: ignore[union-attr]
    try:
        first = lines.get(timeout=60)
    except Empty:
        raise AssertionError("the server printed no address within a minute") from None
    found = ADDRESS.search(first)
    assert found, f"no address in {first!r}"
    return found.group(0)
