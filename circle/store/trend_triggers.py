"""The triggers that let go of a group's kept trend history whenever one of its meetings changes
(store/trend_history.py), in the same statement as the change.

They are part of the schema (migration m010), but a vault file written by someone else may lack them, or hold
others under their names: then a correction or a purge would leave behind, in a kept history, what it took from
the meetings. So a writer checks them each time it opens the vault, and if they are not exactly these, puts
them back and lets go of every kept history, which a change made meanwhile could have left behind.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from circle.store.transaction import transaction

# Each change to a meeting row, and the groups whose history it makes stale.
_CHANGES = (("INSERT", "NEW.group_id"), ("UPDATE", "OLD.group_id, NEW.group_id"), ("DELETE", "OLD.group_id"))
TRIGGERS = {
    f"trend_history_after_{change.lower()}": (
        f"CREATE TRIGGER trend_history_after_{change.lower()} AFTER {change} ON sessions"
        f" BEGIN DELETE FROM trend_history WHERE group_id IN ({groups}); END"
    )
    for change, groups in _CHANGES
}


def create_triggers(execute: Callable[[str], object]) -> None:
    for sql in TRIGGERS.values():
        execute(sql)


def ensure_triggers(conn: sqlite3.Connection) -> None:
    """Put the triggers back as they should be, and let go of every kept history, unless they are so already."""
    names = ", ".join("?" * len(TRIGGERS))
    found = dict(conn.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({names})",
                              list(TRIGGERS)).fetchall())
    if found == TRIGGERS:
        return
    with transaction(conn):
        for name in TRIGGERS:
            conn.execute(f"DROP TRIGGER IF EXISTS {name}")
        create_triggers(conn.execute)
        conn.execute("DELETE FROM trend_history")
