"""Vaults as an older circle left them, for testing that a newer circle opens them without losing anything.

A vault is written with today's code, then taken back step by step: each step undoes one migration's schema
change and writes what that migration's code did not know about the older way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from circle.store.db import MIGRATIONS
from circle.vault import keyring
from circle.workspace import Workspace
from tests.stored_rows import unlocked_keyring


def _before_cofacilitators(conn: sqlite3.Connection, home: Path, passphrase: str) -> None:
    """Key slots wrapped under the personal key itself; no public keys, group handles or settings dates."""
    # Rewriting the slots needs the personal key itself.
    with Workspace.open(home) as workspace, unlocked_keyring(workspace, passphrase) as keys:
        personal_key, facilitator_id, sealers = keys.personal_key, keys.facilitator_id, dict(keys.sealers)
    assert personal_key is not None and facilitator_id is not None
    for group_id, sealer in sealers.items():
        wrapped = keyring.wrap_group_key(personal_key, sealer.key, facilitator_id, group_id, sealer.key_version)
        conn.execute(
            "UPDATE key_slots SET wrapped_key = ? WHERE facilitator_id = ? AND group_id = ?",
            [wrapped, facilitator_id, group_id],
        )
    conn.execute("DROP TABLE group_facilitators")
    conn.execute("ALTER TABLE facilitators DROP COLUMN public_key")
    conn.execute("ALTER TABLE groups DROP COLUMN settings_changed_at")


def _before_key_directory(conn: sqlite3.Connection, home: Path, passphrase: str) -> None:
    """No group trusts any public key yet: each facilitator vouches for their own at their next unlock."""
    conn.execute("ALTER TABLE group_facilitators DROP COLUMN public_key")


def _before_pulse(conn: sqlite3.Connection, home: Path, passphrase: str) -> None:
    conn.execute("ALTER TABLE sessions DROP COLUMN pulse")


UNDO: dict[str, Callable[[sqlite3.Connection, Path, str], None]] = {
    "m005_key_directory": _before_key_directory,
    "m003_cofacilitators": _before_cofacilitators,
    "m002_pulse": _before_pulse,
}


def make_older(home: Path, passphrase: str, *, last_migration: str) -> None:
    """Take the vault at `home` back to the schema it had when `last_migration` was the newest."""
    names = [name for name, _ in MIGRATIONS]
    later = names[names.index(last_migration) + 1 :]
    for index in reversed(range(len(later))):
        conn = sqlite3.connect(home / "data" / "circle.db", isolation_level=None)
        try:
            UNDO[later[index]](conn, home, passphrase)
            # A step that opens a Workspace migrates the vault forward again first; the later steps' changes
            # it so redid are on what that step itself takes back (m005's column on m003's table), so only
            # their marks are left to clear.
            marks = later[index:]
            conn.execute(
                f"DELETE FROM _sqlite_migrations WHERE name IN ({','.join('?' * len(marks))})", marks
            )
        finally:
            conn.close()
