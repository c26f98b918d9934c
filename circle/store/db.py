"""Opening the vault database: pragmas, a sanity check, and migrations.

Reads use the plain sqlite3 connection. sqlite-utils, which takes a while to import, is
loaded only when there is something to write or a migration to apply, so the unlock
screen appears sooner.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from circle.files import make_private
from circle.store.integrity import watch
from circle.store.trend_triggers import create_triggers, ensure_triggers
from circle.store.errors import VaultCorrupt, VaultNeedsUpdate, VaultTooNew, storage_error

if TYPE_CHECKING:
    from sqlite_utils import Database

MIGRATION_SET = "circle"
MIGRATIONS_TABLE = "_sqlite_migrations"
SQLITE_HEADER = b"SQLite format 3\x00"


def m001_foundation(db: Database) -> None:
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute(
        """CREATE TABLE facilitators (
            id TEXT PRIMARY KEY,
            created_at TEXT NOT NULL,
            kdf_salt BLOB NOT NULL,
            kdf_memory_kib INTEGER NOT NULL,
            kdf_iterations INTEGER NOT NULL,
            kdf_lanes INTEGER NOT NULL,
            wrapped_key BLOB NOT NULL,
            handle BLOB NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE groups (
            id TEXT PRIMARY KEY,
            created_at TEXT NOT NULL,
            key_version INTEGER NOT NULL,
            name BLOB NOT NULL,
            profile BLOB NOT NULL,
            rules BLOB NOT NULL,
            next_meeting_on TEXT
        )"""
    )
    db.execute(
        """CREATE TABLE key_slots (
            facilitator_id TEXT NOT NULL REFERENCES facilitators(id) ON DELETE CASCADE,
            group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
            key_version INTEGER NOT NULL,
            wrapped_key BLOB NOT NULL,
            PRIMARY KEY (facilitator_id, group_id)
        )"""
    )
    db.execute(
        """CREATE TABLE members (
            id TEXT PRIMARY KEY,
            group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
            created_at TEXT NOT NULL,
            joined_on TEXT,
            name BLOB
        )"""
    )
    db.execute("CREATE INDEX members_by_group ON members(group_id)")
    db.execute(
        """CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
            held_on TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('open', 'closed', 'cancelled')),
            started_at TEXT,
            ended_at TEXT,
            planned_minutes INTEGER NOT NULL DEFAULT 0,
            actual_minutes INTEGER,
            headcount INTEGER NOT NULL DEFAULT 0,
            newcomers INTEGER NOT NULL DEFAULT 0,
            shared_turns INTEGER NOT NULL DEFAULT 0,
            passed_turns INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX sessions_by_group ON sessions(group_id, held_on)")
    db.execute(
        """CREATE TABLE session_events (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            kind TEXT NOT NULL,
            at TEXT NOT NULL,
            data BLOB NOT NULL,
            UNIQUE (session_id, seq)
        )"""
    )
    db.execute(
        """CREATE TABLE attendance (
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
            status TEXT NOT NULL CHECK (status IN ('present', 'absent')),
            newcomer INTEGER NOT NULL DEFAULT 0,
            late INTEGER NOT NULL DEFAULT 0,
            left_early INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (session_id, member_id)
        )"""
    )
    db.execute("CREATE INDEX attendance_by_member ON attendance(member_id)")
    db.execute(
        """CREATE TABLE notes (
            id TEXT PRIMARY KEY,
            group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
            session_id TEXT REFERENCES sessions(id) ON DELETE SET NULL,
            kind TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_on TEXT NOT NULL,
            resolved_at TEXT,
            body BLOB NOT NULL
        )"""
    )


def m002_pulse(db: Database) -> None:
    # The closing's anonymous show of hands: a JSON list of five counts, or NULL when none was taken.
    db.execute("ALTER TABLE sessions ADD COLUMN pulse TEXT")


def m003_cofacilitators(db: Database) -> None:
    # A facilitator's X25519 public key, so that anyone holding a group's key can seal it to them (a new
    # co-facilitator, or everyone left after a removal). NULL until their first unlock after this migration:
    # until then their key slots are still wrapped under their personal key.
    db.execute("ALTER TABLE facilitators ADD COLUMN public_key BLOB")
    # Each group's facilitators as its other facilitators see them: the handle sealed under the group's key.
    # It also names facilitators who took the meeting over on another laptop.
    db.execute(
        """CREATE TABLE group_facilitators (
            group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
            facilitator_id TEXT NOT NULL,
            handle BLOB NOT NULL,
            PRIMARY KEY (group_id, facilitator_id)
        )"""
    )
    # When the name or format was last edited, so that a handoff coming back keeps the newer one.
    db.execute("ALTER TABLE groups ADD COLUMN settings_changed_at TEXT")


def m004_group_format(db: Database) -> None:
    # Which way a group's sealed values are written: 1 as they were, 2 padded to buckets. Sealing again
    # needs the group's key, so a group moves to 2 when a facilitator who holds it next unlocks.
    db.execute("ALTER TABLE groups ADD COLUMN format INTEGER NOT NULL DEFAULT 1")


def m005_sealed_records(db: Database) -> None:
    # Group format 3: nothing about a person, or about what happened to them, in a clear column. A meeting's
    # counts, times and pulse move into `sessions.summary`, who came into `sessions.attendance`, a member's
    # dates into `members.details`, and a note's kind and dates into its body, all sealed. Filling them needs
    # each group's key, so it happens at unlock (store/upgrades.py); until then the clear columns stay, which
    # is why those of `notes` may now be NULL. An event's kind and time were always in its sealed data too,
    # so their clear copies simply go.
    db.execute("ALTER TABLE sessions ADD COLUMN summary BLOB")
    db.execute("ALTER TABLE sessions ADD COLUMN attendance BLOB")
    db.execute("ALTER TABLE members ADD COLUMN details BLOB")
    # Rebuilt tables are referenced by no foreign key, so dropping the old ones deletes nothing else.
    db["notes"].transform(not_null={"kind": False, "created_at": False, "expires_on": False})
    db["session_events"].transform(drop={"kind", "at"})


def m006_key_directory(db: Database) -> None:
    # The public key each group trusts for each of its facilitators, sealed under the group's key (see
    # circle/store/key_directory.py): the clear facilitators.public_key is used only when it matches. NULL
    # until the facilitator vouches for their own key at their next unlock.
    db.execute("ALTER TABLE group_facilitators ADD COLUMN public_key BLOB")


def m007_manifests(db: Database) -> None:
    # Each group's manifest (store/integrity.py): a sealed digest of all its rows, written with every change,
    # so that rows deleted, reordered or put back from an older copy are noticed at unlock.
    # What each facilitator last saw of their groups is kept in their own sealed record (facilitators.handle).
    db.execute("ALTER TABLE groups ADD COLUMN manifest BLOB")


def m008_group_signing(db: Database) -> None:
    # Each group's signing key for lead bundles (store/signing_keys.py), sealed under the group's key and
    # shared by every copy of the group through handoffs. NULL until the group first needs one.
    db.execute("ALTER TABLE groups ADD COLUMN signing BLOB")


def m009_held_meetings_index(db: Database) -> None:
    # Home shows each group's meetings held and the day it last met: counted from this index alone, not from the
    # meeting rows, whose sealed summary and attendance make them long. It holds only what is clear already.
    db.execute("CREATE INDEX sessions_by_group_status ON sessions(group_id, status, held_on)")


def m010_trend_history(db: Database) -> None:
    # Each group's trend history, sealed under its key with the digest of the meetings it was worked out from
    # (store/trend_history.py), so that trends do not open years of meetings each time. Derived, not a record:
    # any change to a group's meetings deletes it in the same statement, so that nothing a purge or a correction
    # took from the meetings stays behind in it.
    db.execute(
        "CREATE TABLE trend_history (group_id TEXT PRIMARY KEY REFERENCES groups(id) ON DELETE CASCADE,"
        " history BLOB NOT NULL)"
    )
    create_triggers(db.execute)


def m011_period_counts(db: Database) -> None:
    # Beside each group's kept trend history, its counts for every week, month and quarter, sealed with the same
    # digest (store/trend_history.py), so that `circle trends` need not count from the history each time; deleted
    # with it, by the same triggers. The histories kept so far go, to be kept again with their counts: derived,
    # they are worked out again when next asked for.
    for period in ("week", "month", "quarter"):
        db.execute(f"ALTER TABLE trend_history ADD COLUMN {period} BLOB")
    db.execute("DELETE FROM trend_history")


def m012_discarded_meetings(db: Database) -> None:
    # Each group's discarded meetings, by id with the status their copy had (store/discarded.py), sealed under the
    # group's key, so that a handoff from a laptop that still holds one does not bring it back. NULL until the
    # group discards one.
    db.execute("ALTER TABLE groups ADD COLUMN discarded BLOB")


# Migrations that add only what circle keeps to save work (store/trend_history.py): a reader can do without them,
# and counts from the meetings until circle has opened the vault to write and applied them.
KEPT_TO_SAVE_WORK = frozenset({"m010_trend_history", "m011_period_counts"})
# What a reader opens a vault without, leaving the migration to a writer: those, and m012, whose column a reader
# reads only to compare with a manifest, which no circle that lacked the column sealed a part of it into.
READERS_DO_WITHOUT = KEPT_TO_SAVE_WORK | {"m012_discarded_meetings"}

# In order. A released migration is never edited; a change to the schema is a new one.
MIGRATIONS: list[tuple[str, Callable[[Database], None]]] = [
    ("m001_foundation", m001_foundation),
    ("m002_pulse", m002_pulse),
    ("m003_cofacilitators", m003_cofacilitators),
    ("m004_group_format", m004_group_format),
    ("m005_sealed_records", m005_sealed_records),
    ("m006_key_directory", m006_key_directory),
    ("m007_manifests", m007_manifests),
    ("m008_group_signing", m008_group_signing),
    ("m009_held_meetings_index", m009_held_meetings_index),
    ("m010_trend_history", m010_trend_history),
    ("m011_period_counts", m011_period_counts),
    ("m012_discarded_meetings", m012_discarded_meetings),
]


class VaultConnection(sqlite3.Connection):
    """A connection that knows which file it opened, to notice it being moved, removed or replaced underneath.

    SQLite goes on writing to the file it opened, wherever it went, and keeps its write-ahead log by the path:
    a log that whatever is at the path now would read as its own.
    """

    database_path: Path
    opened: tuple[int, int] | None = None  # (device, inode) of the vault file, once open
    lacking: frozenset[str] = frozenset()  # for a reader: what of READERS_DO_WITHOUT the vault has not been given

    @property
    def keeps_trends(self) -> bool:
        """False for a reader of a vault not yet given KEPT_TO_SAVE_WORK."""
        return not KEPT_TO_SAVE_WORK & self.lacking

    def in_place(self) -> bool:
        if self.opened is None:
            return True
        try:
            found = os.stat(self.database_path)
        except OSError:
            return False
        return (found.st_dev, found.st_ino) == self.opened

    def close(self) -> None:
        # SQLite folds its write-ahead log into the file at close only while that file is still at its path.
        # Otherwise fold it now, into the file it belongs to: a moved vault is then whole, and the log left
        # at the path is empty, so a vault put there is never mixed with this one's pages.
        if not self.in_place():
            with suppress(sqlite3.Error):
                self.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        super().close()


def _connect(path: Path, *, read_only: bool) -> VaultConnection:
    if read_only:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False, factory=VaultConnection)
    else:
        conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None, factory=VaultConnection)
    conn.database_path = path
    return conn


def _remember_the_file(conn: VaultConnection, path: Path) -> None:
    with suppress(OSError):  # gone already: the first read or write will say so
        found = path.stat()
        conn.opened = (found.st_dev, found.st_ino)


def _looks_like_sqlite(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def _apply_pragmas(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA secure_delete=ON")
    conn.execute("PRAGMA busy_timeout=2000")


def applied_migrations(conn: sqlite3.Connection) -> set[str]:
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # fails early on a damaged file
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]
    ).fetchone()
    if not exists:
        return set()
    rows = conn.execute(f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?", [MIGRATION_SET])
    return {row[0] for row in rows}


def migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Apply pending migrations; refuse a vault that a newer circle has migrated further."""
    applied = applied_migrations(conn)
    known = [name for name, _ in MIGRATIONS]
    if applied - set(known):
        raise VaultTooNew(path)
    if set(known) <= applied:
        return
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

    schema = Migrations(MIGRATION_SET)
    for name, step in MIGRATIONS:
        schema(name=name)(step)
    schema.apply(Database(conn))


def open_database(path: Path, *, read_only: bool = False) -> VaultConnection:
    """Open (creating if allowed) and migrate the vault; refuse, untouched, anything that isn't one."""
    exists = path.exists() and path.stat().st_size > 0
    if exists and not _looks_like_sqlite(path):
        raise VaultCorrupt(path)
    try:
        conn = _connect(path, read_only=read_only)
        if read_only:
            conn.execute("PRAGMA busy_timeout=2000")
            applied, known = applied_migrations(conn), {name for name, _ in MIGRATIONS}
            if applied - known:
                raise VaultTooNew(path)
            if known - applied - READERS_DO_WITHOUT:  # a reader never migrates: that is the writer's job
                raise VaultNeedsUpdate(path)
            conn.lacking = frozenset(READERS_DO_WITHOUT - applied)
            _remember_the_file(conn, path)
            return conn
        make_private(path)
        _apply_pragmas(conn)
        _remember_the_file(conn, path)
        migrate(conn, path)
        ensure_triggers(conn)
        watch(conn)
        for suffix in ("-wal", "-shm"):
            make_private(path.with_name(path.name + suffix))
        return conn
    except sqlite3.Error as error:
        raise storage_error(error, path) from None
