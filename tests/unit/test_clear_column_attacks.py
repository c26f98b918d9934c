"""Every clear column of a vault, set by whoever holds the file to what circle never writes there (text where a
number goes, bytes, a huge or negative number, a fraction, NULL, JSON nested too deep to parse): circle reads the vault, or refuses it in one line
that names no one and leaves the file as it found it. Never a traceback.

Both a vault as circle writes it now and one from the release that still kept meetings, members and notes in the
clear, which circle updates as it opens it, so its clear columns are read once more."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from circle.domain.errors import CircleError
from circle.paths import locations
from circle.store.errors import VaultChangedOutside
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace
from tests.fuzz.conftest import PASSPHRASE, a_group_with_a_history
from tests.older_vaults import make_older

WRONG = {
    "text": "x",
    "bytes": b"\x00\x01",
    "a huge number": 2**62,
    "a negative number": -1,
    "a fraction": 1.5,
    "NULL": None,
    "JSON nested past Python's depth": "[" * 100_000,
}
# What the vault holds that must never be in a message.
SECRETS = ("Tuesday Evening", "Ada Lovelace", "Grace Hopper", "Alan Turing", "Call on Friday", "A calm evening", "Sam")
# The release before meetings, members and notes were sealed whole (group format 3).
CLEAR_RECORDS = "m004_group_format"


@pytest.fixture(scope="module")
def vaults(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two groups, one with members, a closed meeting with notes and a meeting under way; as now and as before."""
    made = {}
    for shape in ("as written now", "with its records in the clear"):
        home = tmp_path_factory.mktemp("clear-columns") / "home"
        with Workspace.open(home, kdf=FLOOR_KDF) as workspace:
            workspace.create_facilitator("Sam", PASSPHRASE)
            a_group_with_a_history(workspace)
            workspace.create_group("Second")
        if shape != "as written now":
            make_older(home, PASSPHRASE, last_migration=CLEAR_RECORDS)
        made[shape] = home
    return made


def clear_columns(vault_file: Path) -> Iterator[tuple[str, str]]:
    """Each column of each table that has rows: sealed ones too, since a sealed column is a clear one to swap."""
    with closing(sqlite3.connect(vault_file)) as conn:
        tables = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            if conn.execute(f"SELECT count(*) FROM \"{table}\"").fetchone()[0]:
                for row in conn.execute(f"PRAGMA table_info(\"{table}\")"):
                    yield table, row[1]


def everything_read(workspace: Workspace) -> None:
    """What home, a meeting, the trends, the notes, a handoff and the daily purge read."""
    workspace.purge()
    workspace.follow_ups()
    workspace.follow_ups_due()
    in_progress = workspace.meetings_in_progress()
    for overview in workspace.groups():
        workspace.group(overview.id)
        workspace.members(overview.id)
        workspace.notes(overview.id)
        workspace.next_meeting_day(overview.id, date(2026, 1, 1))
        workspace.trends([overview.id])
        workspace.trend_facts([overview.id])
        workspace.dropped_off_names(overview.id)
        workspace.export_handoff(overview.id, kdf=FLOOR_KDF)
        if overview.id in in_progress:
            assert workspace.meeting(overview.id).state is not None


def unlocked(workspace: Workspace) -> None:
    """As circle unlocks: a change made outside it is shown, and the facilitator may take it in."""
    try:
        workspace.unlock(PASSPHRASE)
    except VaultChangedOutside:
        workspace.unlock(PASSPHRASE, accept_changes=True)


def rows_of(vault_file: Path) -> list[str]:
    with closing(sqlite3.connect(vault_file)) as conn:
        return list(conn.iterdump())


@pytest.mark.parametrize("shape", ["as written now", "with its records in the clear"])
@pytest.mark.parametrize("wrong", WRONG)
def test_a_clear_column_holding_what_circle_never_writes_there_is_read_or_refused_in_one_line(
    vaults: dict[str, Path], tmp_path: Path, shape: str, wrong: str
) -> None:
    vault_file = locations(vaults[shape]).vault_file
    tracebacks, unclear, changed = [], [], []
    for table, column in clear_columns(vault_file):
        home = tmp_path / f"{table}.{column}"
        shutil.copytree(vaults[shape], home)
        tampered = locations(home).vault_file
        with closing(sqlite3.connect(tampered)) as conn, conn:
            try:
                conn.execute(f"UPDATE \"{table}\" SET \"{column}\" = ?", [WRONG[wrong]])
            except sqlite3.IntegrityError:
                continue  # the schema itself refuses it: NOT NULL, a CHECK, a key
        try:
            with Workspace.open(home, kdf=FLOOR_KDF) as workspace:
                before = rows_of(tampered)  # the schema brought up to date, which needs no key
                try:
                    unlocked(workspace)
                except CircleError:
                    if rows_of(tampered) != before:  # refused at unlock: nothing written, not even in part
                        changed.append(f"{table}.{column}")
                    raise
                everything_read(workspace)
        except CircleError as refused:
            said = str(refused)
            if "\n" in said or any(secret in said for secret in SECRETS):
                unclear.append(f"{table}.{column}: {said}")
        except Exception as error:  # noqa: BLE001 - the very thing this test looks for
            tracebacks.append(f"{table}.{column}: {type(error).__name__}")
        shutil.rmtree(home)
    assert tracebacks == []
    assert unclear == []
    assert changed == []
