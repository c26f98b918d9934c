"""Two circles on one vault: the second says so in one line and changes nothing; the vault stays whole.

The first circle is real: the app in a terminal of its own (a pty), or a circle in the middle of a meeting.
"""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fault_tools import GROUP, REPO, FaultChild, assert_one_line, integrity, vault_of

from circle.workspace import Workspace

CTRL_Q = b"\x11"
# The CLI's readers and writers, and the app's own start (no arguments).
SECOND_WINDOWS = [("group", "list"), ("group", "add", "Another group"), ("members", "list", GROUP), ("purge",), ()]


@contextmanager
def app_in_a_terminal(home: Path) -> Iterator[subprocess.Popen[bytes]]:
    """`python -m circle` in a pty of 100x30, open on its unlock screen; quit with ctrl+q afterwards."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    environment = {key: value for key, value in os.environ.items() if not key.startswith("CIRCLE_")}
    environment.update(PYTHONPATH=str(REPO), CIRCLE_HOME=str(home), TERM="xterm-256color")
    app = subprocess.Popen(
        [sys.executable, "-m", "circle"], stdin=follower, stdout=follower, stderr=follower,
        env=environment, cwd=home.parent, start_new_session=True,
    )
    os.close(follower)
    drawn = threading.Event()
    screen = bytearray()

    def read_the_screen() -> None:
        # The screen must be read all along: a terminal nobody reads stops the app's writes.
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break  # the app is gone
            if not chunk:
                break
            screen.extend(chunk)
            if b"assphrase" in screen:  # the unlock screen is drawn, so the vault is open and taken
                drawn.set()
        drawn.set()

    reader = threading.Thread(target=read_the_screen, daemon=True)
    reader.start()
    try:
        # circle opens the vault before it draws its unlock screen; any earlier bytes (a terminal's set-up) say
        # nothing yet, and a second circle started then could take the vault first.
        assert drawn.wait(60) and app.poll() is None, "the app did not start"
        yield app
    finally:
        if app.poll() is None:
            os.write(leader, CTRL_Q)
            try:
                app.wait(30)
            except subprocess.TimeoutExpired:
                app.kill()
                app.wait()
        reader.join(10)
        os.close(leader)




def test_every_second_circle_beside_the_app_says_the_vault_is_open_in_one_line(group_home: Path, run_circle) -> None:
    before = vault_of(group_home).read_bytes()
    with app_in_a_terminal(group_home) as app:
        for second in SECOND_WINDOWS:
            refused = run_circle(*second, home=group_home)
            assert refused.returncode == 1, second
            assert_one_line(refused.stderr, "already open in another circle window")
        assert app.poll() is None, "the first circle is still running"
    assert vault_of(group_home).read_bytes() == before
    assert integrity(vault_of(group_home)) == [("ok",)]
    again = run_circle("group", "list", home=group_home)
    assert again.returncode == 0, again.stderr


def test_second_circles_are_refused_while_a_meeting_writes_and_the_meeting_loses_nothing(
    open_circle: FaultChild, group_home: Path, passphrase: str, run_circle
) -> None:
    committed = [open_circle.step()]
    for second in SECOND_WINDOWS:
        refused = run_circle(*second, home=group_home)
        assert refused.returncode == 1
        assert_one_line(refused.stderr, "already open in another circle window")
        committed.append(open_circle.step())
    report = run_circle("trends", home=group_home)  # made to read beside a running circle; it writes nothing
    if report.returncode != 0:
        assert_one_line(report.stderr)
    committed.append(open_circle.step())
    open_circle.close()
    assert integrity(vault_of(group_home)) == [("ok",)]
    with Workspace.open(group_home) as workspace:
        workspace.unlock(passphrase)
        meeting = workspace.meeting(workspace.meetings_in_progress()[0])
        assert [f"{event.seq}:{event.id}" for event in meeting.events][1:] == committed
