"""Changing circle's files behind its back, as an attacker with the file or a failing disk would.

Tests use these to check what circle says about what it then finds; none of them is how circle writes.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Sequence
from pathlib import Path

DIGEST_BYTES = 32


def flip(data: bytes, index: int, mask: int = 0x01) -> bytes:
    """`data` with the bits of `mask` flipped in the byte at `index`."""
    return data[:index] + bytes([data[index] ^ mask]) + data[index + 1 :]


def flip_last_byte(value: bytes) -> bytes:
    return flip(value, len(value) - 1)


def with_digest(body: bytes) -> bytes:
    """A forger's file: whatever they changed, with the trailing SHA-256 made to match again."""
    return body + hashlib.sha256(body).digest()


def redigest(data: bytes) -> bytes:
    """A whole file, changed, its old digest replaced by one that matches."""
    return with_digest(data[:-DIGEST_BYTES])


def _vault(home: Path) -> sqlite3.Connection:
    return sqlite3.connect(home / "data" / "circle.db")


def run_sql(home: Path, sql: str, params: Sequence[object] = ()) -> list[tuple]:
    """Run one statement on the vault file directly and commit it; the rows it returns."""
    conn = _vault(home)
    try:
        rows = conn.execute(sql, list(params)).fetchall()
        conn.commit()
        return rows
    finally:
        conn.close()


def column_names(home: Path, table: str) -> list[str]:
    conn = _vault(home)
    try:
        return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
    finally:
        conn.close()


def table_dump(home: Path) -> dict[str, list[tuple]]:
    """Every table's raw rows, as stored (sealed values stay sealed), in an order that ignores row order."""
    conn = _vault(home)
    try:
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {table: sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr) for table in tables}
    finally:
        conn.close()
