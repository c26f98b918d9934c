"""The threading rule: the vault is read and written on the event loop, key derivation on thread workers.

The vault's own connection, opened as circle opens it, reports each statement it runs through sqlite3's
trace callback; the thread that runs it is noted.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from circle.domain.clock import FakeClock
from circle.paths import locations
from circle.store.db import open_database
from circle.store.lock import VaultLock
from circle.store.repository import Repository
from circle.ui.screens.derived import KeyDerived
from circle.ui.screens.home import HomeScreen
from circle.ui.screens.unlock import UnlockScreen
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace
from tests.app.conftest import PASSPHRASE, make_app, shown_text, unlock_on_screen


@pytest.fixture
def traced(tmp_path: Path) -> Iterator[tuple[Workspace, list[str]]]:
    """A locked vault with one facilitator and a group, and the names of the threads its statements ran on."""
    with Workspace.open(tmp_path, kdf=FLOOR_KDF) as workspace:
        workspace.create_facilitator("Sam", PASSPHRASE)
        workspace.create_group("Tuesday Evening Support")
    where = locations(tmp_path)
    lock = VaultLock(where.lock_file)
    lock.acquire()
    db = open_database(where.vault_file)
    threads: list[str] = []
    db.set_trace_callback(lambda _statement: threads.append(threading.current_thread().name))
    with Workspace(where, Repository(db, where.vault_file), lock, FakeClock(), FLOOR_KDF) as workspace:
        yield workspace, threads


async def test_unlocking_on_screen_touches_the_vault_only_on_the_event_loop(
    traced: tuple[Workspace, list[str]],
) -> None:
    workspace, threads = traced
    app = make_app(workspace)
    async with app.run_test() as pilot:
        assert isinstance(app.screen, UnlockScreen)
        loop = threading.current_thread().name
        threads.clear()

        await unlock_on_screen(pilot, "not the passphrase")
        assert "That passphrase does not open this vault. Try again." in shown_text(app)
        await unlock_on_screen(pilot)
        assert isinstance(app.screen, HomeScreen) and workspace.is_unlocked

    assert threads, "unlocking read the vault"
    assert set(threads) == {loop}


async def test_an_unlock_result_for_an_earlier_attempt_is_dropped(workspace_with_group: Workspace) -> None:
    workspace = workspace_with_group
    app = make_app(workspace)
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, UnlockScreen)
        earlier = workspace.begin_unlock()
        opened = earlier.open_with(PASSPHRASE)
        screen.trying = workspace.begin_unlock()  # a later attempt is under way

        screen.post_message(KeyDerived(earlier, opened))
        await pilot.pause()
        assert app.screen is screen and not workspace.is_unlocked

        screen.post_message(KeyDerived(screen.trying, opened))
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and workspace.is_unlocked
