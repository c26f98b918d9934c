"""What a vault keeps on disk, read the way anyone holding the file (and a passphrase) could.

For tests that check what is sealed, and under which key, without reaching into a Workspace's private parts:
a read-only connection of their own on the vault file, and a keyring of their own unlocked on it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from circle.store.db import open_database
from circle.store.repository import Repository
from circle.workspace import Workspace
from circle.workspace.keyring import Keyring


def stored_rows(workspace: Workspace, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """Rows exactly as stored (sealed columns stay sealed)."""
    uri = f"{workspace.locations.vault_file.as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as conn:
        return [tuple(row) for row in conn.execute(sql, list(parameters))]


@contextmanager
def unlocked_keyring(workspace: Workspace, passphrase: str, *, accept_changes: bool = False) -> Iterator[Keyring]:
    """The keys `passphrase` opens in the workspace's vault file: what a copy of the vault would give them
    (`accept_changes`: even when it was changed outside circle)."""
    vault_file = workspace.locations.vault_file
    conn = open_database(vault_file, read_only=True)
    try:
        keyring = Keyring(Repository(conn, vault_file), can_write=False)
        keyring.unlock(passphrase, accept_changes=accept_changes)
        yield keyring
    finally:
        conn.close()


@dataclass(frozen=True)
class OpenedMeeting:
    """A row of `sessions` as stored, with its sealed summary and attendance opened."""

    clear: dict[str, Any]
    summary: dict[str, Any]
    attendance: list[list[Any]] | None  # as `entries` gives it


def entries(attendance: dict[str, list[Any]]) -> list[list[Any]]:
    """A meeting's sealed attendance (docs/FORMAT.md 6.6) as one [member_id, present, newcomer, late, left_early]
    per member."""
    columns = ("member_ids", "present", "newcomer", "late", "left_early")
    return [list(entry) for entry in zip(*(attendance[column] for column in columns), strict=True)]


def opened_meetings(vault_file: Path, passphrase: str) -> dict[str, OpenedMeeting]:
    """Every meeting of the groups `passphrase` holds, opened the way a reader of docs/FORMAT.md would."""
    conn = open_database(vault_file, read_only=True)
    try:
        keyring = Keyring(Repository(conn, vault_file), can_write=False)
        keyring.unlock(passphrase)
        conn.row_factory = sqlite3.Row
        found = {}
        for row in conn.execute("SELECT * FROM sessions"):
            sealer = keyring.sealers.get(row["group_id"])
            if sealer is None:
                continue
            sealed = row["attendance"]
            came = None if sealed is None else sealer.open_json("sessions", "attendance", row["id"], sealed)
            found[row["id"]] = OpenedMeeting(
                clear=dict(row),
                summary=sealer.open_json("sessions", "summary", row["id"], row["summary"]),
                attendance=None if came is None else entries(came),
            )
        return found
    finally:
        conn.close()


def opened_member_dates(vault_file: Path, passphrase: str) -> dict[str, dict[str, Any]]:
    """Each member's sealed details (when they were added and joined), opened."""
    conn = open_database(vault_file, read_only=True)
    try:
        keyring = Keyring(Repository(conn, vault_file), can_write=False)
        keyring.unlock(passphrase)
        return {
            member_id: keyring.sealers[group_id].open_json("members", "details", member_id, details)
            for member_id, group_id, details in conn.execute("SELECT id, group_id, details FROM members")
            if group_id in keyring.sealers
        }
    finally:
        conn.close()
