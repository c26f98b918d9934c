"""The vault file: schema, pragmas, permissions, refusals, and one writer at a time."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from circle.domain.errors import CircleError
from circle.store.db import MIGRATIONS, applied_migrations, open_database
from circle.store.errors import VaultCorrupt, VaultInUse, VaultTooNew
from circle.workspace import Workspace

TABLES = {
    "meta", "facilitators", "groups", "key_slots", "members",
    "sessions", "session_events", "attendance", "notes", "_sqlite_migrations",
}


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_migrating_an_empty_file_creates_every_table(tmp_path: Path):
    db = open_database(tmp_path / "circle.db")
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert TABLES <= tables
    assert applied_migrations(db) == {name for name, _ in MIGRATIONS}
    db.close()


def test_reopening_a_vault_applies_no_migration_again(tmp_path: Path):
    db = open_database(tmp_path / "circle.db")
    applied = applied_migrations(db)
    db.close()
    db = open_database(tmp_path / "circle.db")
    assert applied_migrations(db) == applied
    assert db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == len(applied)
    db.close()


def test_the_safety_pragmas_are_in_force(tmp_path: Path):
    db = open_database(tmp_path / "circle.db")
    pragma = {name: db.execute(f"PRAGMA {name}").fetchone()[0] for name in
              ("journal_mode", "synchronous", "foreign_keys", "secure_delete")}
    db.close()
    assert pragma == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "secure_delete": 1}


def test_the_data_folder_is_private_and_so_is_every_file_in_it(vault_home: Path, passphrase: str):
    with Workspace.open(vault_home) as workspace:
        workspace.unlock(passphrase)
        workspace.create_group("Tuesday")
        data = vault_home / "data"
        names = {path.name for path in data.iterdir()}
        assert {"circle.db", "circle.db-wal", "circle.db-shm", "circle.lock"} <= names
        assert mode(data) == 0o700
        assert {name: mode(data / name) for name in names} == dict.fromkeys(names, 0o600)


def test_a_new_vault_folder_is_created_private(tmp_path: Path):
    with Workspace.open(tmp_path / "home"):
        pass
    assert mode(tmp_path / "home" / "data") == 0o700
    assert mode(tmp_path / "home" / "data" / "circle.db") == 0o600


@pytest.mark.parametrize(
    "content",
    [b"name,joined\nAda,2024-01-01\n", b"x", b"SQLite format 3\x00" + bytes(range(256)) * 20],
    ids=["a CSV file", "one byte", "an SQLite header then garbage"],
)
def test_a_file_that_is_not_a_vault_is_refused_by_name_and_left_byte_identical(tmp_path: Path, content: bytes):
    data = tmp_path / "home" / "data"
    data.mkdir(parents=True)
    (data / "circle.db").write_bytes(content)
    with pytest.raises(VaultCorrupt) as caught:
        Workspace.open(tmp_path / "home")
    assert str(data / "circle.db") in str(caught.value)
    assert (data / "circle.db").read_bytes() == content


def test_a_vault_refused_as_corrupt_can_be_replaced_and_opened(tmp_path: Path):
    data = tmp_path / "home" / "data"
    data.mkdir(parents=True)
    (data / "circle.db").write_bytes(b"not a vault")
    with pytest.raises(VaultCorrupt):
        Workspace.open(tmp_path / "home")
    (data / "circle.db").unlink()
    with Workspace.open(tmp_path / "home") as workspace:
        assert workspace.is_new


def test_a_vault_migrated_by_a_newer_circle_is_refused(vault_home: Path):
    vault = vault_home / "data" / "circle.db"
    with sqlite3.connect(vault) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('circle', 'm999_future', 'x')"
        )
    conn.close()
    with pytest.raises(VaultTooNew) as caught:
        Workspace.open(vault_home)
    assert str(vault) in str(caught.value)
    with sqlite3.connect(vault) as conn:
        assert conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == len(MIGRATIONS) + 1
    conn.close()


def test_a_second_open_of_the_same_vault_is_refused_until_the_first_closes(vault_home: Path, passphrase: str):
    first = Workspace.open(vault_home)
    try:
        with pytest.raises(VaultInUse):
            Workspace.open(vault_home)
    finally:
        first.close()
    with Workspace.open(vault_home) as second:
        second.unlock(passphrase)


def test_another_process_is_refused_with_one_line_while_the_vault_is_open(vault_home: Path, run_circle):
    with Workspace.open(vault_home):
        refused = run_circle("group", "list", home=vault_home)
    assert refused.returncode != 0
    assert refused.stderr.count("\n") == 1
    assert "already open" in refused.stderr
    assert "Traceback" not in refused.stderr
    allowed = run_circle("group", "list", home=vault_home)
    assert allowed.returncode == 0, allowed.stderr


def test_a_data_folder_that_cannot_be_created_gives_one_plain_line(tmp_path: Path):
    blocker = tmp_path / "home"
    blocker.write_text("a file where the home folder should be")
    with pytest.raises(CircleError) as caught:
        Workspace.open(blocker)
    message = str(caught.value)
    assert "\n" not in message
    assert str(blocker / "data") in message


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="permissions do not bind root")
def test_a_read_only_home_gives_one_plain_line(tmp_path: Path):
    home = tmp_path / "home"
    home.mkdir(mode=0o500)
    try:
        with pytest.raises(CircleError) as caught:
            Workspace.open(home)
    finally:
        home.chmod(0o700)
    assert "\n" not in str(caught.value)
