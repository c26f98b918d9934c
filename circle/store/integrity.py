"""Each group's manifest: a sealed digest of all its rows, so that rows deleted, reordered or put back are noticed.

Every value is sealed on its own, so a value cannot be changed; but whole rows can be deleted, or replaced by
an older copy of themselves, and each would still open. The manifest closes that gap. It is kept in
`groups.manifest`, sealed under the group's key, and holds for each part of the group (its settings, members,
meetings, the live meeting's log, notes and facilitators) how many rows it has and a SHA-256 digest of them.
circle writes it again in the same transaction as every change to the group, and checks it at unlock.

Changes are found by temporary triggers that note which part of which group a statement touched; at the end
of the transaction only the touched parts are read again. The notes have no key to conflict on: a trigger's
statement takes the conflict handling of the statement that fired it, so an OR IGNORE inside it cannot be
relied on.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import NamedTuple

from circle.language import N_

# A group's meetings' logs, in the order of their meetings and then of a column named after it.
_LOG_ROWS = "FROM session_events e WHERE (SELECT group_id FROM sessions s WHERE s.id = e.session_id) = ?1 ORDER BY session_id, "
# The group a row belongs to, per table, as an SQL expression over the row (`r`).
_IN_SESSION = "(SELECT group_id FROM sessions WHERE id = {row}.session_id)"


def _tag(column: str) -> str:
    """A sealed value enters the digest as its first 16 bytes: its version and its random nonce (or, sealed to a
    public key, its one-time public key), which no two seals share. Another value, or the same one sealed again,
    starts differently, and a value changed in place no longer opens at all. The first bytes of a row are read
    without reading the rest of a long value, which keeps the check at unlock quick on a vault of years."""
    return f"substr({column}, 1, 16)"


class Part(NamedTuple):
    """Rows of one kind that belong to a group: what is read of each, from where in a fixed order, and how a
    trigger finds the group of a row."""

    name: str  # the key in the manifest
    described: str  # how a facilitator would say it (marked N_, said with _ where shown)
    columns: tuple[str, ...]
    source: str  # FROM … WHERE (the group id is parameter 1) … ORDER BY
    tables: tuple[tuple[str, str], ...]  # (table, SQL naming the group of a row called {row})
    added_by: str | None = None  # the migration that made its column; a vault without it has none of its rows

    @property
    def select(self) -> str:
        return self.select_from(self.source)

    def select_from(self, source: str, first: str | None = None) -> str:
        """Each row's first column (or `first`), and the row as one text made by SQLite: its values as quote()
        writes them (NULL, digits, 'text' with quotes doubled, X'hex': never ambiguous), joined by commas."""
        encoded = " || ',' || ".join(f"quote({column})" for column in self.columns)
        return f"SELECT {first or self.columns[0]}, CAST({encoded} AS BLOB) {source}"


PARTS = (
    Part(
        "settings", N_("the group's settings"),
        ("id", "created_at", "key_version", _tag("name"), _tag("profile"), _tag("rules"), "next_meeting_on",
         "settings_changed_at", "format"),
        "FROM groups WHERE id = ?1",
        (("groups", "{row}.id"),),
    ),
    Part(
        # Its own part, so that a manifest sealed before signing keys were kept still matches while a group has
        # none (a part a manifest does not name is read as one with no rows).
        "signing", N_("the group's signing key"),
        ("id", _tag("signing")),
        "FROM groups WHERE id = ?1 AND signing IS NOT NULL",
        (("groups", "{row}.id"),),
    ),
    Part(
        # Its own part, as `signing` is: a manifest sealed before discarded meetings were remembered still matches
        # while the group has discarded none.
        "discarded", N_("the meetings the group discarded"),
        ("id", _tag("discarded")),
        "FROM groups WHERE id = ?1 AND discarded IS NOT NULL",
        (("groups", "{row}.id"),),
        added_by="m012_discarded_meetings",
    ),
    Part(
        "members", N_("the roster"),
        ("id", "created_at", "joined_on", _tag("name"), _tag("details")),
        "FROM members WHERE group_id = ?1 ORDER BY id",
        (("members", "{row}.group_id"),),
    ),
    Part(
        "meetings", N_("the meetings"),
        ("id", "held_on", "status", "started_at", "ended_at", "planned_minutes", "actual_minutes", "headcount",
         "newcomers", "shared_turns", "passed_turns", "pulse", _tag("summary"), _tag("attendance")),
        "FROM sessions WHERE group_id = ?1 ORDER BY id",
        (("sessions", "{row}.group_id"),),
    ),
    Part(
        "attendance", N_("the attendance"),
        ("a.session_id", "a.member_id", "a.status", "a.newcomer", "a.late", "a.left_early"),
        # Read from the (small) table itself: going through the group's meetings would read every meeting's row.
        "FROM attendance a WHERE (SELECT group_id FROM sessions WHERE id = a.session_id) = ?1"
        " ORDER BY a.session_id, a.member_id",
        (("attendance", _IN_SESSION),),
    ),
    Part(
        # Kept per meeting ({session id: [count, digest]}), so that a step of the live meeting reads only its
        # own meeting's log again. The first column says which meeting a row is of.
        "log", N_("a meeting's log"),
        ("session_id", "id", "seq", _tag("data")),
        _LOG_ROWS + "seq",
        (("session_events", _IN_SESSION),),
    ),
    Part(
        "notes", N_("the notes"),
        ("id", "session_id", "kind", "created_at", "expires_on", "resolved_at", _tag("body")),
        "FROM notes WHERE group_id = ?1 ORDER BY id",
        (("notes", "{row}.group_id"),),
    ),
    Part(
        "facilitators", N_("who holds the group's key"),
        ("kind", "facilitator_id", "key_version", _tag("sealed"), _tag("public_key")),
        "FROM (SELECT 'slot' AS kind, facilitator_id, key_version, wrapped_key AS sealed, NULL AS public_key"
        " FROM key_slots WHERE group_id = ?1 UNION ALL SELECT 'named', facilitator_id, NULL, handle, public_key"
        " FROM group_facilitators WHERE group_id = ?1) ORDER BY kind, facilitator_id",
        (("key_slots", "{row}.group_id"), ("group_facilitators", "{row}.group_id")),
    ),
)
PARTS_BY_NAME = {part.name: part for part in PARTS}
# What a group is, apart from its people and its meetings: a few rows each, compared at every unlock. A view
# unlocked to report counts compares the rest (the roster, meetings, logs and notes) only as it reads them, and
# counts the group's meetings at unlock: its kept counts stand for the meetings its manifest names, and a manifest
# put back from before a meeting was held names fewer.
GROUP_ITSELF = frozenset({"settings", "signing", "facilitators"})
COUNTED_AT_UNLOCK = frozenset({"meetings"})
TOUCHED = "circle_touched"
# How the triggers name a meeting's log: steps appended to it, or steps changed or deleted.
APPENDED, CHANGED = "log+:", "log:"
# A manifest says the order its logs were hashed in. In step order (seq), a step appended is hashed on from the
# log's last digest; a manifest without it (written before) hashed them by step id, and is checked that way.
LOG_ORDER, BY_STEP = "log_order", "seq"
LOG_BY_ID = PARTS_BY_NAME["log"]._replace(source=_LOG_ROWS + "id")


def _digest(rows: list[tuple], name: str) -> list[object]:
    """[row count, hex SHA-256 of the part's name and then each row's text and a newline]."""
    return _hashed(hashlib.sha256(name.encode()), rows)


def _hashed(hasher: hashlib._Hash, rows: list[tuple]) -> list[object]:
    for row in rows:
        hasher.update(row[1] + b"\n")
    return [len(rows), hasher.hexdigest()]


def digest(conn: sqlite3.Connection, part: Part, group_id: str) -> object:
    """What the manifest holds for one part of one group."""
    if part.added_by in getattr(conn, "lacking", ()):  # a reader of a vault that no circle has given the column yet
        return _digest([], part.name)
    rows = conn.execute(part.select, [group_id]).fetchall()
    if part.name != "log":
        return _digest(rows, part.name)
    by_meeting: dict[str, list[tuple]] = {}
    for row in rows:
        by_meeting.setdefault(row[0], []).append(row)
    return {session_id: _digest(found, part.name) for session_id, found in by_meeting.items()}


_LOG_AFTER = PARTS_BY_NAME["log"].select_from("FROM session_events WHERE session_id = ?1 AND seq > ?2 ORDER BY seq", "seq")
_LOG_WHOLE = PARTS_BY_NAME["log"].select_from("FROM session_events WHERE session_id = ?1 ORDER BY seq", "seq")
_LOG_COUNT = "SELECT count(*) FROM session_events WHERE session_id = ?"


@dataclass
class _Hashed:
    """A log hashed up to its step `last_step`: the hash part-way (hashlib can copy one) and how many steps."""

    hasher: hashlib._Hash
    count: int
    last_step: int

    @property
    def entry(self) -> list[object]:
        return [self.count, self.hasher.hexdigest()]


class LogDigests:
    """Each live meeting's log entry, carried on from the last one as steps are appended, so that a keypress in a
    meeting of three hours hashes one step, not the whole log again.

    The entry is the same SHA-256 over the same rows as reading the log whole, so manifests and their check at
    unlock do not change. It is carried on only when that is certain: in this transaction the log was only
    appended to, the entry the manifest holds is the one last worked out here, every new step comes after the last
    one hashed, and the steps add up. Otherwise the log is read whole.
    """

    def __init__(self) -> None:
        self._hashed: dict[str, _Hashed] = {}

    def entry(
        self, conn: sqlite3.Connection, session_id: str, kept: object, appended_only: bool
    ) -> list[object] | None:
        """The log part's entry for one meeting; None when it has no steps left."""
        hashed = self._hashed.get(session_id)
        if appended_only and hashed is not None and kept == hashed.entry:
            rows = conn.execute(_LOG_AFTER, [session_id, hashed.last_step]).fetchall()
            if rows and conn.execute(_LOG_COUNT, [session_id]).fetchone()[0] == hashed.count + len(rows):
                return self._carried(session_id, hashed.hasher.copy(), hashed.count, rows)
        rows = conn.execute(_LOG_WHOLE, [session_id]).fetchall()
        if not rows:
            self._hashed.pop(session_id, None)
            return None
        return self._carried(session_id, hashlib.sha256(b"log"), 0, rows)

    def _carried(self, session_id: str, hasher: hashlib._Hash, count: int, rows: list[tuple]) -> list[object]:
        _hashed(hasher, rows)
        hashed = self._hashed[session_id] = _Hashed(hasher, count + len(rows), rows[-1][0])
        return hashed.entry

    def forget(self) -> None:
        self._hashed = {}


def empty_digest(part: Part) -> object:
    """What the manifest holds for a part with no rows: also how a part a manifest does not name is read."""
    return {} if part.name == "log" else _digest([], part.name)


def row_count(conn: sqlite3.Connection, part: Part, group_id: str) -> int:
    """How many rows of a part (not the log, kept per meeting) the group has: its manifest entry's first number."""
    return conn.execute(f"SELECT count(*) {part.source}", [group_id]).fetchone()[0]


def digests(conn: sqlite3.Connection, group_id: str, names: AbstractSet[str] | None = None) -> dict[str, object]:
    return {part.name: digest(conn, part, group_id) for part in PARTS if names is None or part.name in names}


def watch(conn: sqlite3.Connection) -> None:
    """Temporary triggers (this connection only) that note the group and part of every row written."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS circle_touched (group_id TEXT, part TEXT)")
    for part in PARTS:
        for table, group_of in part.tables:
            columns = [row[1] for row in conn.execute(f"PRAGMA main.table_info({table})") if row[1] != "manifest"]
            events = {
                "insert": ("INSERT", "NEW"),
                "delete": ("DELETE", "OLD"),
                "update": (f"UPDATE OF {', '.join(columns)}", "NEW"),
                "update_old": (f"UPDATE OF {', '.join(columns)}", "OLD"),
            }
            for suffix, (event, row) in events.items():
                # A step of a meeting's log names its meeting, so that only that meeting's log is read again;
                # a step appended says so, so that its log can be hashed on from where it was (LogDigests).
                log = APPENDED if suffix == "insert" else CHANGED
                touched = f"'{log}' || {row}.session_id" if table == "session_events" else f"'{part.name}'"
                conn.execute(
                    f"CREATE TEMP TRIGGER IF NOT EXISTS circle_{part.name}_{table}_{suffix} AFTER {event} ON main.{table}"
                    f" BEGIN INSERT INTO {TOUCHED} VALUES ({group_of.format(row=row)}, {touched}); END"
                )


def take_touched(conn: sqlite3.Connection) -> dict[str, set[str]]:
    """Group id -> the parts written since the last call; the notes are cleared."""
    found: dict[str, set[str]] = {}
    try:
        rows = conn.execute(f"SELECT group_id, part FROM {TOUCHED}").fetchall()
    except sqlite3.OperationalError:
        return found  # a connection nobody watches: one that only reads
    for group_id, part in rows:
        if group_id is not None:
            found.setdefault(group_id, set()).add(part)
    conn.execute(f"DELETE FROM {TOUCHED}")
    return found
