"""The rows the unlock's check compares with each manifest are read while the key is derived, and stand only
while nothing else has written the vault."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing
from pathlib import Path

import pytest

from circle.store import read_ahead
from circle.store.integrity import digests
from circle.store.errors import VaultChangedOutside
from circle.store.read_ahead import RowsReadAhead
from circle.vault.errors import WrongPassphrase
from circle.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.damage import run_sql
from tests.unit.test_changed_outside import a_group_with_history


def _rows_read_on(conn: sqlite3.Connection) -> list[str]:
    """Every statement run on `conn` from now on that reads a group's rows for a digest."""
    statements: list[str] = []
    conn.set_trace_callback(lambda sql: statements.append(sql) if "quote(" in sql else None)
    return statements


def test_rows_read_ahead_are_taken_as_read_until_another_connection_writes_the_vault(vault_home: Path):
    group_id = a_group_with_history(vault_home)
    conn = sqlite3.connect(vault_home / "data" / "circle.db")
    try:
        ahead = RowsReadAhead(conn, vault_home / "data" / "circle.db")
        read_here = _rows_read_on(conn)
        before = ahead.digests(group_id)
        assert read_here == []  # all read on the thread's own connection
        with closing(sqlite3.connect(vault_home / "data" / "circle.db")) as fresh:
            assert before == digests(fresh, group_id)
        run_sql(vault_home, "DELETE FROM sessions WHERE status = 'closed'")
        after = ahead.digests(group_id)
        assert read_here != []  # read again, here, as the vault is now
        assert after["meetings"] != before["meetings"]
    finally:
        conn.close()


def test_a_meeting_deleted_while_the_key_is_derived_is_still_found_by_the_unlock(vault_home: Path):
    a_group_with_history(vault_home)
    with Workspace.open(vault_home) as vault:
        attempt = vault.begin_unlock()
        opened = attempt.open_with(PASSPHRASE)
        run_sql(vault_home, "DELETE FROM sessions WHERE status = 'closed'")
        with pytest.raises(VaultChangedOutside, match="the meetings"):
            vault.finish_unlock(opened)


def test_an_unlock_reads_every_groups_rows_on_its_own_thread_while_the_key_is_derived(
    vault_home: Path, monkeypatch: pytest.MonkeyPatch
):
    a_group_with_history(vault_home)
    read_on: list[str] = []

    def noting_the_thread(conn: sqlite3.Connection, group_id: str, parts: frozenset[str] | None) -> dict[str, object]:
        read_on.append(threading.current_thread().name)
        return digests(conn, group_id, parts)

    monkeypatch.setattr(read_ahead, "digests", noting_the_thread)
    with Workspace.open(vault_home) as vault:
        vault.unlock(PASSPHRASE)
        assert vault.is_unlocked
    assert read_on and set(read_on) == {"circle-unlock-rows"}


def test_rows_read_ahead_are_read_again_after_the_vaults_own_connection_wrote(vault_home: Path):
    group_id = a_group_with_history(vault_home)
    with closing(sqlite3.connect(vault_home / "data" / "circle.db", isolation_level=None)) as conn:
        ahead = RowsReadAhead(conn, vault_home / "data" / "circle.db")
        conn.execute("DELETE FROM notes")  # as an older vault's unlock seals its key slots again before the check
        assert ahead.digests(group_id) == digests(conn, group_id)


def test_a_refused_unlock_leaves_nothing_reading_the_vault_once_it_is_closed(
    vault_home: Path, monkeypatch: pytest.MonkeyPatch
):
    """The rows are read on their own thread while a passphrase is tried; a wrong one must not leave that reading
    going after circle has let the vault go (another program may be moving or deleting the folder by then)."""
    a_group_with_history(vault_home)
    slow_disk = threading.Event()  # never set: each group's rows take a moment to read, as on a slow disk

    def slowly(conn: sqlite3.Connection, group_id: str, parts: frozenset[str] | None) -> dict[str, object]:
        slow_disk.wait(0.3)
        return digests(conn, group_id, parts)

    monkeypatch.setattr(read_ahead, "digests", slowly)
    with Workspace.open(vault_home) as vault, pytest.raises(WrongPassphrase):
        vault.unlock("not the passphrase")
    assert not [thread for thread in threading.enumerate() if thread.name == "circle-unlock-rows"]
