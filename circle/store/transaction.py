"""A write transaction on the vault's connection, without sqlite-utils.

sqlite-utils (with click, dateutil and pluggy, ~5 MB) is what most writes use for their tables, but a meeting
only appends its steps: `Writing` gives a caller plain `execute`, and loads sqlite-utils' Database only when
the caller asks for a table or anything else of it. The transaction is sqlite-utils' `atomic()`, step for step.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.db import Table

_savepoints = itertools.count()


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """BEGIN ... COMMIT, or a savepoint inside a transaction already open; rolled back on any exception."""
    if conn.in_transaction:
        savepoint = f"circle_{next(_savepoints)}"
        conn.execute(f"SAVEPOINT {savepoint}")
        try:
            yield
        except BaseException:
            if conn.in_transaction:  # an error may have ended the whole transaction, savepoints with it
                conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            raise
        conn.execute(f"RELEASE SAVEPOINT {savepoint}")
        return
    conn.execute("BEGIN")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


class Writing:
    """What a write transaction hands its caller: SQL at once, sqlite-utils' Database when first asked for."""

    def __init__(self, conn: sqlite3.Connection, database: Callable[[], Database]) -> None:
        self.conn = conn
        self._database = database

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, parameters)

    def __getitem__(self, table: str) -> Table:
        return self._database()[table]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._database(), name)


def insert_rows(conn: sqlite3.Connection, table: str, rows: Iterable[Mapping[str, Any]]) -> None:
    """Plain INSERTs of rows that all have the same columns (circle's own names, never a caller's text)."""
    rows = list(rows)
    if rows:
        columns = list(rows[0])
        conn.executemany(
            f"INSERT INTO [{table}] ({', '.join(f'[{column}]' for column in columns)})"
            f" VALUES ({', '.join('?' * len(columns))})",
            [[row[column] for column in columns] for row in rows],
        )
