"""Vaults as an older circle left them, for testing that a newer circle opens them without losing anything.

A vault is written with today's code, then taken back step by step: each step undoes one migration's schema
change and writes what that migration's code did not know about the older way. The keys the steps need are
taken once, before any step, from a read-only opening, so taking the vault back never migrates it forward.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from circle.paths import locations
from circle.store.db import MIGRATIONS, open_database
from circle.store.keys import GROUP_SEALED_COLUMNS
from circle.store.repository import Repository
from circle.store.sealing import GroupSealer
from circle.vault import crypto, keyring
from circle.workspace.facilitator_record import RECORD_FLOOR, Seen
from circle.workspace.keyring import Keyring


@dataclass(frozen=True)
class HeldKeys:
    facilitator_id: str
    personal_key: bytes
    handle: str
    sealers: dict[str, GroupSealer]
    seen: Seen


def _held_keys(vault_file: Path, passphrase: str) -> HeldKeys:
    conn = open_database(vault_file, read_only=True)
    try:
        keys = Keyring(Repository(conn, vault_file), can_write=False)
        keys.unlock(passphrase)
        assert keys.facilitator_id and keys.personal_key and keys.handle is not None
        return HeldKeys(keys.facilitator_id, keys.personal_key, keys.handle, dict(keys.sealers), keys.seen)
    finally:
        conn.close()


def _record_before_keys(keys: HeldKeys, seen: Seen) -> bytes:
    """The facilitator's own record as circle sealed it before it kept their keys: what they saw, and the handle."""
    plain = {"groups": {group_id: list(pair) for group_id, pair in sorted(seen.items())}, "handle": keys.handle}
    text = json.dumps(plain, ensure_ascii=False, sort_keys=True).encode("utf-8")
    parts: list[str | int] = ["facilitators", "handle", keys.facilitator_id]
    return crypto.seal_padded(keys.personal_key, text, parts, floor=RECORD_FLOOR)


def _set_record(conn: sqlite3.Connection, keys: HeldKeys, seen: Seen) -> None:
    sealed = _record_before_keys(keys, seen)
    conn.execute("UPDATE facilitators SET handle = ? WHERE id = ?", [sealed, keys.facilitator_id])


def _has_column(conn: sqlite3.Connection, table: str, column: str) -> bool:
    return any(row[1] == column for row in conn.execute(f"PRAGMA table_info({table})"))


def _meetings_and_members_in_the_clear(conn: sqlite3.Connection, keys: HeldKeys) -> None:
    """Format 3 -> 2 for meetings, attendance and members: each meeting's summary back in its clear columns,
    its attendance back as one row per person, a member's dates back in `created_at` and `joined_on`."""
    for group_id, sealer in keys.sealers.items():
        meetings = conn.execute(
            "SELECT id, summary, attendance FROM sessions WHERE group_id = ?", [group_id]
        ).fetchall()
        for meeting_id, summary, attendance in meetings:
            fields = sealer.open_json("sessions", "summary", meeting_id, summary)
            pulse = fields.pop("pulse")
            fields.pop("guests", None)  # newer than format 2, which had no column for it
            conn.execute(
                f"UPDATE sessions SET {', '.join(f'{name} = ?' for name in fields)}, pulse = ?,"
                " summary = NULL, attendance = NULL WHERE id = ?",
                [*fields.values(), None if pulse is None else json.dumps(pulse), meeting_id],
            )
            came = {} if attendance is None else sealer.open_json("sessions", "attendance", meeting_id, attendance)
            columns = ("member_ids", "present", "newcomer", "late", "left_early")
            entries = zip(*(came[column] for column in columns), strict=True) if came else []
            conn.executemany(
                "INSERT INTO attendance (session_id, member_id, status, newcomer, late, left_early)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [(meeting_id, member, "present" if present else "absent", new, late, left)
                 for member, present, new, late, left in entries],
            )
        members = conn.execute("SELECT id, details FROM members WHERE group_id = ?", [group_id]).fetchall()
        for member_id, details in members:
            dates = sealer.open_json("members", "details", member_id, details)
            conn.execute(
                "UPDATE members SET created_at = ?, joined_on = ?, details = NULL WHERE id = ?",
                [dates["created_at"], dates["joined_on"], member_id],
            )
        conn.execute("UPDATE groups SET format = 2 WHERE id = ?", [group_id])


def _before_sealed_records(conn: sqlite3.Connection, keys: HeldKeys) -> None:
    """Events with their kind and time in clear columns too; notes' kind and dates in clear columns, NOT NULL
    again; meetings, attendance and members' dates in their clear columns; the groups held back in format 2."""
    from sqlite_utils import Database

    db = Database(conn)
    _meetings_and_members_in_the_clear(conn, keys)
    db["session_events"].add_column("kind", str)
    db["session_events"].add_column("at", str)
    for group_id, sealer in keys.sealers.items():
        rows = conn.execute(
            "SELECT e.id, e.data FROM session_events e JOIN sessions s ON s.id = e.session_id WHERE s.group_id = ?",
            [group_id],
        ).fetchall()
        for event_id, sealed in rows:
            event = sealer.open_json("session_events", "data", event_id, sealed)
            conn.execute("UPDATE session_events SET kind = ?, at = ? WHERE id = ?", [event["kind"], event["at"], event_id])
    db["session_events"].transform(
        not_null={"kind": True, "at": True}, column_order=("id", "session_id", "seq", "kind", "at", "data")
    )
    _notes_before_sealed_records(conn, keys)
    db["notes"].transform(not_null={"kind": True, "created_at": True, "expires_on": True})
    held = list(keys.sealers)
    conn.execute(f"UPDATE groups SET format = 2 WHERE id IN ({','.join('?' * len(held))})", held)
    for table, column in (("sessions", "summary"), ("sessions", "attendance"), ("members", "details")):
        conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")


def _notes_before_sealed_records(conn: sqlite3.Connection, keys: HeldKeys) -> None:
    """Each note's kind and dates back in clear columns, its body holding only its person, action and text."""
    for group_id, sealer in keys.sealers.items():
        rows = conn.execute("SELECT id, body FROM notes WHERE group_id = ?", [group_id]).fetchall()
        for note_id, sealed in rows:
            body = sealer.open_json("notes", "body", note_id, sealed)
            clear = [body.pop(column) for column in ("kind", "created_at", "expires_on", "resolved_at")]
            conn.execute(
                "UPDATE notes SET kind = ?, created_at = ?, expires_on = ?, resolved_at = ?, body = ? WHERE id = ?",
                [*clear, sealer.seal_json("notes", "body", note_id, body), note_id],
            )


def _before_group_format(conn: sqlite3.Connection, keys: HeldKeys) -> None:
    """Every value sealed as it was, unpadded: the groups this facilitator holds, and their own handle.
    (Other facilitators' handles stay padded: only their own passphrases could seal them again.)"""
    present = [sealed for sealed in GROUP_SEALED_COLUMNS if _has_column(conn, sealed.table, sealed.column)]
    for group_id, sealer in keys.sealers.items():
        for sealed in present:
            rows = conn.execute(
                f"SELECT {sealed.row_id}, {sealed.column} FROM {sealed.table} WHERE {sealed.of_group}", [group_id]
            ).fetchall()
            for row_id, value in rows:
                plain = sealer.open_bytes(sealed.table, sealed.column, row_id, value)
                parts = [sealed.table, sealed.column, row_id, group_id, sealer.key_version]
                conn.execute(
                    f"UPDATE {sealed.table} SET {sealed.column} = ? WHERE {sealed.row_id} = ? AND {sealed.of_group}",
                    [crypto.seal(sealer.key, plain, crypto.associated_data(parts)), row_id, group_id],
                )
    handle_aad = crypto.associated_data(["facilitators", "handle", keys.facilitator_id])
    conn.execute(
        "UPDATE facilitators SET handle = ? WHERE id = ?",
        [crypto.seal(keys.personal_key, keys.handle.encode("utf-8"), handle_aad), keys.facilitator_id],
    )
    conn.execute("ALTER TABLE groups DROP COLUMN format")


def _before_cofacilitators(conn: sqlite3.Connection, keys: HeldKeys) -> None:
    """Key slots wrapped under the personal key itself; no public keys, group handles or settings dates."""
    for group_id, sealer in keys.sealers.items():
        wrapped = keyring.wrap_group_key(keys.personal_key, sealer.key, keys.facilitator_id, group_id, sealer.key_version)
        conn.execute(
            "UPDATE key_slots SET wrapped_key = ? WHERE facilitator_id = ? AND group_id = ?",
            [wrapped, keys.facilitator_id, group_id],
        )
    conn.execute("DROP TABLE group_facilitators")
    conn.execute("ALTER TABLE facilitators DROP COLUMN public_key")
    conn.execute("ALTER TABLE groups DROP COLUMN settings_changed_at")


def _drop_manifest_part(conn: sqlite3.Connection, keys: HeldKeys, part: str) -> None:
    """Each group's manifest without `part`, as a release from before that part sealed it."""
    for group_id, sealed in conn.execute("SELECT id, manifest FROM groups WHERE manifest IS NOT NULL").fetchall():
        sealer = keys.sealers[group_id]
        manifest = sealer.open_json("groups", "manifest", group_id, sealed)
        manifest.pop(part, None)
        conn.execute(
            "UPDATE groups SET manifest = ? WHERE id = ?", [sealer.seal_json("groups", "manifest", group_id, manifest), group_id]
        )


def _before_group_signing(conn: sqlite3.Connection, keys: HeldKeys) -> None:
    """No group has a signing key, and no manifest a part for one, as the release before kept them."""
    _drop_manifest_part(conn, keys, "signing")
    conn.execute("ALTER TABLE groups DROP COLUMN signing")


def _before_manifests(conn: sqlite3.Connection, keys: HeldKeys) -> None:
    """No group has a manifest yet, and this facilitator's record has seen none: the first unlock after makes them."""
    conn.execute("ALTER TABLE groups DROP COLUMN manifest")
    _set_record(conn, keys, {})


def _before_key_directory(conn: sqlite3.Connection, keys: HeldKeys) -> None:
    """No group trusts any public key yet: each facilitator vouches for their own at their next unlock."""
    conn.execute("ALTER TABLE group_facilitators DROP COLUMN public_key")


def _before_pulse(conn: sqlite3.Connection, keys: HeldKeys) -> None:
    conn.execute("ALTER TABLE sessions DROP COLUMN pulse")


def _before_held_meetings_index(conn: sqlite3.Connection, keys: HeldKeys) -> None:
    conn.execute("DROP INDEX sessions_by_group_status")


def _before_trend_history(conn: sqlite3.Connection, keys: HeldKeys) -> None:
    for change in ("insert", "update", "delete"):
        conn.execute(f"DROP TRIGGER trend_history_after_{change}")
    conn.execute("DROP TABLE trend_history")


def _before_period_counts(conn: sqlite3.Connection, keys: HeldKeys) -> None:
    """Kept histories alone, as the release before kept them."""
    for period in ("week", "month", "quarter"):
        conn.execute(f"ALTER TABLE trend_history DROP COLUMN {period}")


def _before_discarded_meetings(conn: sqlite3.Connection, keys: HeldKeys) -> None:
    """No group remembers a discarded meeting, and no manifest has a part for them, as the release before kept them."""
    _drop_manifest_part(conn, keys, "discarded")
    conn.execute("ALTER TABLE groups DROP COLUMN discarded")


UNDO: dict[str, Callable[[sqlite3.Connection, HeldKeys], None]] = {
    "m012_discarded_meetings": _before_discarded_meetings,
    "m011_period_counts": _before_period_counts,
    "m010_trend_history": _before_trend_history,
    "m009_held_meetings_index": _before_held_meetings_index,
    "m008_group_signing": _before_group_signing,
    "m007_manifests": _before_manifests,
    "m006_key_directory": _before_key_directory,
    "m005_sealed_records": _before_sealed_records,
    "m004_group_format": _before_group_format,
    "m003_cofacilitators": _before_cofacilitators,
    "m002_pulse": _before_pulse,
}


def make_record_older(home: Path, passphrase: str) -> None:
    """The facilitator's own record as the release before kept it, without their keys; the schema as it is."""
    make_older(home, passphrase, last_migration=MIGRATIONS[-1][0])


def make_older(home: Path, passphrase: str, *, last_migration: str) -> None:
    """Take the vault at `home` back to the schema it had when `last_migration` was the newest, and the
    facilitator's own record to what a release of then sealed (without their keys)."""
    vault_file = locations(home).vault_file
    keys = _held_keys(vault_file, passphrase)
    conn = sqlite3.connect(vault_file, isolation_level=None)
    try:
        with conn:
            _set_record(conn, keys, keys.seen)
    finally:
        conn.close()
    names = [name for name, _ in MIGRATIONS]
    for name in reversed(names[names.index(last_migration) + 1 :]):
        conn = sqlite3.connect(vault_file, isolation_level=None)
        try:
            with conn:
                UNDO[name](conn, keys)
                conn.execute("DELETE FROM _sqlite_migrations WHERE name = ?", [name])
        finally:
            conn.close()
