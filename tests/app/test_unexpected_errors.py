"""A bug in a screen ends circle with one line, never with a traceback that shows local values."""

from __future__ import annotations

from pathlib import Path

import pytest

from circle.store.room_board import RoomBoard
from circle.ui.app import CircleApp
from circle.ui.room_display import RoomDisplayApp
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace


class AppWithABug(CircleApp):
    def on_mount(self) -> None:
        super().on_mount()
        member_name = "Ana Ramírez"  # a local value that Textual's own traceback would print
        raise ValueError(f"a bug near {len(member_name)} characters")


class RoomDisplayWithABug(RoomDisplayApp):
    def on_mount(self) -> None:
        first_name = "Ana"  # a local value that Textual's own traceback would print
        raise ValueError(f"a bug near {len(first_name)} characters")


def test_a_bug_ends_the_app_with_one_line_and_no_local_values(tmp_path: Path, capfd: pytest.CaptureFixture[str]):
    with Workspace.open(tmp_path, kdf=FLOOR_KDF) as workspace:
        app = AppWithABug(workspace)
        app.run(headless=True)
    assert_ended_in_one_line(app, capfd)


def test_a_bug_ends_the_room_display_with_one_line_too(tmp_path: Path, capfd: pytest.CaptureFixture[str]):
    display = RoomDisplayWithABug(RoomBoard(tmp_path / "room.json"))
    display.run(headless=True)
    assert_ended_in_one_line(display, capfd)


def assert_ended_in_one_line(app: CircleApp | RoomDisplayApp, capfd: pytest.CaptureFixture[str]) -> None:
    printed = capfd.readouterr()
    assert app.return_code == 1
    assert app.stopped_by == "an unexpected problem stopped circle (ValueError); everything saved before it is kept."
    assert "Ana" not in printed.out + printed.err
    assert "Traceback" not in printed.out + printed.err
