"""A bug in a screen ends circle with one line, never with a traceback that shows local values."""

from __future__ import annotations

from pathlib import Path

import pytest

from circle.ui.app import CircleApp
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace


class AppWithABug(CircleApp):
    def on_mount(self) -> None:
        super().on_mount()
        member_name = "Ana Ramírez"  # a local value that Textual's own traceback would print
        raise ValueError(f"a bug near {len(member_name)} characters")


def test_a_bug_ends_the_app_with_one_line_and_no_local_values(tmp_path: Path, capfd: pytest.CaptureFixture[str]):
    with Workspace.open(tmp_path, kdf=FLOOR_KDF) as workspace:
        app = AppWithABug(workspace)
        app.run(headless=True)

    printed = capfd.readouterr()
    assert app.return_code == 1
    assert app.stopped_by == "an unexpected problem stopped circle (ValueError); everything saved before it is kept."
    assert "Ana" not in printed.out + printed.err
    assert "Traceback" not in printed.out + printed.err
