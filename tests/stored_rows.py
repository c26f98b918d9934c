"""What a vault keeps on disk, read the way anyone holding the file (and a passphrase) could.

For tests that check what is sealed, and under which key, without reaching into a Workspace's private parts:
a read-only connection of their own on the vault file, and a keyring of their own unlocked on it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
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
