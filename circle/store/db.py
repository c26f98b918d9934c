"""Opening the vault database: pragmas, a sanity check, and migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from circle.paths import make_private
from circle.store.errors import VaultCorrupt, VaultTooNew, storage_error

SCHEMA = Migrations("circle")
SQLITE_HEADER = b"SQLite format 3\x00"


@SCHEMA()
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


def _looks_like_sqlite(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def _apply_pragmas(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA secure_delete=ON")
    conn.execute("PRAGMA busy_timeout=2000")


def open_database(path: Path, *, read_only: bool = False) -> Database:
    """Open (creating if allowed) and migrate the vault; refuse, untouched, anything that isn't one."""
    exists = path.exists() and path.stat().st_size > 0
    if exists and not _looks_like_sqlite(path):
        raise VaultCorrupt(path)
    conn: sqlite3.Connection | None = None
    try:
        if read_only:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            conn.execute("PRAGMA busy_timeout=2000")
            db = Database(conn)
            _check_schema(db, path)
            return db
        conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        make_private(path)
        _apply_pragmas(conn)
        db = Database(conn)
        _check_schema(db, path)
        SCHEMA.apply(db)
        for suffix in ("-wal", "-shm"):
            make_private(path.with_name(path.name + suffix))
        return db
    except BaseException as error:
        # A refused vault (too new, corrupt) must not keep a connection to it open.
        if conn is not None:
            conn.close()
        if isinstance(error, sqlite3.Error):
            raise storage_error(error, path) from None
        raise


def _check_schema(db: Database, path: Path) -> None:
    """A vault migrated by a newer circle is refused rather than half-understood."""
    db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    known = {migration.name for migration in SCHEMA._migrations}
    applied = {migration.name for migration in SCHEMA.applied(db)}
    if applied - known:
        raise VaultTooNew(path)
