"""The rows the unlock's check compares with each group's manifest, read while the passphrase's key is derived.

Reading every group's rows (store/integrity.py) needs no key, and on a vault of years it is most of what an
unlock does after the key derivation. So it starts with the attempt, on a thread and a read-only connection of
its own, and the check takes its digests when the key is there. What it read stands only if nothing has written
the vault since the attempt began (SQLite's data_version and the connection's own count of changes say so):
otherwise, and if the reading failed in any way, the check reads the rows again itself. Digests hold counts and
hashes of the rows as stored, nothing opened, so the thread never holds a key or anything sealed.

The file read is checked to be the one the vault's connection has open once the reading is done. A process of
someone else's running beside circle, able to swap the vault's file twice within the reading, could show it a
clean copy; such a writer could as well change the file just after any check, so it is outside what the check
defends against: a copy of the vault, changed and put back.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

from circle.store.integrity import digests

Digests = dict[str, object]


class RowsReadAhead:
    """`parts`: the parts of each group's rows read (store/integrity.py PARTS; None: all of them)."""

    def __init__(self, conn: sqlite3.Connection, path: Path, parts: frozenset[str] | None = None) -> None:
        self._conn = conn
        self._parts = parts
        self._version = _data_version(conn)
        self._own_changes = conn.total_changes  # data_version does not count this connection's own writes
        group_ids = [row[0] for row in conn.execute("SELECT id FROM groups").fetchall()]
        self._read: dict[str, Digests] | None = None
        self._file: tuple[int, int] | None = None
        self._thread = threading.Thread(target=self._read_all, args=(path, group_ids), daemon=True,
                                        name="circle-unlock-rows")
        self._thread.start()

    def _read_all(self, path: Path, group_ids: list[str]) -> None:
        try:
            reader = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                read = {group_id: digests(reader, group_id, self._parts) for group_id in group_ids}
            finally:
                reader.close()
            found = os.stat(path)
            self._file = (found.st_dev, found.st_ino)
            self._read = read
        except Exception:  # noqa: BLE001 - whatever went wrong here, the check reads the rows itself and says so
            self._read = None

    def finish(self) -> None:
        """Wait for the reading to end: once let go, nothing is left reading the vault's file."""
        self._thread.join()

    def digests(self, group_id: str) -> Digests:
        """The group's digests as the vault is now: read ahead if nothing has written it since, else read now."""
        self._thread.join()
        if self._read is not None and group_id in self._read and self._same_vault():
            return self._read[group_id]
        return digests(self._conn, group_id, self._parts)

    def _same_vault(self) -> bool:
        """Nothing wrote the vault since the attempt began (another connection, or the unlock itself: an older
        vault's key slots are sealed again before the check), and what was read is the file the vault's own
        connection has open (not another put at its path)."""
        opened = getattr(self._conn, "opened", None)  # a VaultConnection's (device, inode)
        unwritten = _data_version(self._conn) == self._version and self._conn.total_changes == self._own_changes
        return unwritten and (opened is None or opened == self._file)


def _data_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA data_version").fetchone()[0]
