"""Deleting a whole group for real: its row and, by the schema's cascades, its key slots, roster, meetings and
their logs, notes and facilitators' names; then the write-ahead log is truncated so no page of them lingers."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from circle.store.repository import Repository


def delete_group(repository: Repository, group_id: str, also: Callable[[sqlite3.Connection], None]) -> None:
    """`also` runs inside the same transaction (the keyring's record of the groups its facilitator holds)."""
    with repository.writing() as db:
        db.execute("DELETE FROM groups WHERE id = ?", [group_id])
        # What circle keeps about the group outside its rows: the day its people were last looked at.
        db.execute("DELETE FROM meta WHERE key = ?", [f"people_purged_on:{group_id}"])
        also(repository.conn)
    repository.checkpoint()
