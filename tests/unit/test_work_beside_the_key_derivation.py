"""A command may give work to a thread while the key is derived (which leaves Python free): loading what it
needs next. Whatever that work does, the unlock is the same, and nothing of it reaches the facilitator."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from circle.cli.support import unlocked_workspace
from tests.conftest import PASSPHRASE


@pytest.fixture(autouse=True)
def in_the_vault(vault_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CIRCLE_HOME", str(vault_home))


def test_the_work_runs_on_its_own_thread_and_is_done_once_the_vault_is_unlocked() -> None:
    ran_on: list[str] = []
    with unlocked_workspace(PASSPHRASE, meanwhile=lambda: ran_on.append(threading.current_thread().name)) as opened:
        assert opened.is_unlocked
        assert ran_on == ["circle-meanwhile"]


def test_work_that_fails_beside_the_unlock_says_nothing_and_changes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    def fails() -> None:
        raise RuntimeError("a problem of the work beside")

    with unlocked_workspace(PASSPHRASE, read_only=True, meanwhile=fails) as opened:
        assert opened.is_unlocked
    said = capsys.readouterr()
    assert said.out == "" and said.err == ""

