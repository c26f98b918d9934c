"""Rows in and out of the vault database. Everything about a person is sealed before it is written."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, cast

from circle.store.clear_values import clear_day_or_none, clear_whole
from circle.store.db import VaultConnection
from circle.store.errors import GroupUnvouched, VaultMoved, storage_error
from circle.store.format_versions import CURRENT_GROUP_FORMAT
from circle.store.integrity import take_touched
from circle.store.transaction import Writing, transaction

# The domain's groups, meetings and members, and the rows they are sealed into, are loaded by the methods that
# read or write them: the unlock screen opens the vault through this class before any of them is needed.
if TYPE_CHECKING:
    from sqlite_utils import Database

    from circle.domain.group import Group, Member
    from circle.domain.records import AttendanceRecord, MeetingRecord
    from circle.domain.schedule import Schedule
    from circle.domain.signing import SigningKey
    from circle.store.lock import VaultLock
    from circle.store.manifests import Manifests
    from circle.store.sealing import GroupSealer


class MeetingDates(NamedTuple):
    group_id: str
    last_held_on: date | None
    next_meeting_on: date | None
    meetings_held: int


class GroupHeading(NamedTuple):
    name: str
    schedule: Schedule


class GroupFormat(NamedTuple):
    key_version: int
    format: int


class Repository:
    """`lock`: the writer's lock, checked before each write (None for a reader, which never writes)."""

    def __init__(self, conn: sqlite3.Connection, path: Path, lock: VaultLock | None = None) -> None:
        self.conn = conn
        self.path = path
        self.lock = lock
        self.manifests: Manifests | None = None  # set by the keyring of a writer

    @cached_property
    def db(self) -> Database:
        """sqlite-utils over the same connection, loaded when a write first asks for a table."""
        from sqlite_utils import Database

        return Database(self.conn)

    def _still_there(self) -> None:
        """Refuse to go on with a vault file that was moved, removed or replaced since it was opened."""
        if isinstance(self.conn, VaultConnection) and not self.conn.in_place():
            raise VaultMoved(self.path)

    @contextmanager
    def writing(self) -> Iterator[Database]:
        """One transaction; SQLite failures become one plain line and nothing half-written remains."""
        self._still_there()
        if self.lock is not None:
            self.lock.hold()  # a renamed lock file must not let a second circle write beside this one
        try:
            with transaction(self.conn):
                yield cast("Database", Writing(self.conn, lambda: self.db))  # sqlite-utils loads on a table's use
                self._vouch_for_changes()
        except sqlite3.Error as error:
            raise storage_error(error, self.path) from None

    def _vouch_for_changes(self) -> None:
        """Seal again, inside the transaction, the manifest of every group it changed."""
        if self.manifests is not None:
            self.manifests.seal_touched(self.conn)
        elif take_touched(self.conn):
            raise GroupUnvouched()

    def checkpoint(self) -> bool:
        """Fold the write-ahead log into the vault and truncate it, so removed data leaves no copy there.

        False when a reader (the room display) holds the log open; the next checkpoint finishes the job.
        """
        self._still_there()
        try:
            busy, _, _ = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.Error as error:
            raise storage_error(error, self.path) from None
        return busy == 0

    def rows(self, sql: str, params: Iterable[object] = ()) -> list[tuple]:
        self._still_there()
        try:
            return self.conn.execute(sql, list(params)).fetchall()
        except sqlite3.Error as error:
            raise storage_error(error, self.path) from None

    def has_facilitators(self) -> bool:
        """Whether anyone has made this vault theirs yet: asked before the first screen, without the key store."""
        return bool(self.rows("SELECT 1 FROM facilitators LIMIT 1"))

    # meta -----------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        rows = self.rows("SELECT value FROM meta WHERE key = ?", [key])
        return rows[0][0] if rows else None

    def set_meta(self, key: str, value: str) -> None:
        self.set_metas({key: value})

    def set_metas(self, values: dict[str, str]) -> None:
        """Several meta values in one transaction."""
        with self.writing() as db:  # plain SQL: each unlock's purge stamps these, and needs no sqlite-utils
            db.conn.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                list(values.items()),
            )

    # groups ---------------------------------------------------------------
    def add_group(self, sealer: GroupSealer, group: Group, created_at: datetime) -> None:
        if self.manifests is not None:
            self.manifests.sealing_with(sealer)
        with self.writing() as db:
            db["groups"].insert(
                {
                    "id": group.id,
                    "created_at": created_at.isoformat(),
                    "key_version": sealer.key_version,
                    "format": CURRENT_GROUP_FORMAT,
                    "settings_changed_at": created_at.isoformat(),
                    **self.sealed_group_fields(sealer, group),
                }
            )

    def sealed_group_fields(self, sealer: GroupSealer, group: Group) -> dict[str, bytes]:
        return {
            "name": sealer.seal_text("groups", "name", group.id, group.name),
            "profile": sealer.seal_json("groups", "profile", group.id, group.profile.to_dict()),
            "rules": sealer.seal_json("groups", "rules", group.id, group.rules.to_dict()),
        }

    def update_group(self, sealer: GroupSealer, group: Group, changed_at: datetime) -> None:
        with self.writing() as db:
            db["groups"].update(
                group.id, {**self.sealed_group_fields(sealer, group), "settings_changed_at": changed_at.isoformat()}
            )

    def signing_key(self, sealer: GroupSealer) -> SigningKey | None:
        from circle.store.signing_keys import open_signing_key

        rows = self.rows("SELECT signing FROM groups WHERE id = ?", [sealer.group_id])
        return open_signing_key(sealer, rows[0][0]) if rows and rows[0][0] is not None else None

    def set_signing_key(self, sealer: GroupSealer, key: SigningKey) -> None:
        from circle.store.signing_keys import seal_signing_key

        with self.writing() as db:
            db["groups"].update(sealer.group_id, {"signing": seal_signing_key(sealer, key)})

    def group_key_versions(self) -> dict[str, int]:
        return dict(self.rows("SELECT id, key_version FROM groups"))

    def groups_below(self, group_format: int) -> int:
        return self.rows("SELECT count(*) FROM groups WHERE format < ?", [group_format])[0][0]

    def group_formats(self) -> dict[str, GroupFormat]:
        """Each group's key version and the format its sealed values are written in."""
        return {
            gid: GroupFormat(
                clear_whole(version, "groups.key_version", lowest=1), clear_whole(fmt, "groups.format", lowest=1)
            )
            for gid, version, fmt in self.rows("SELECT id, key_version, format FROM groups")
        }

    def group(self, sealer: GroupSealer) -> Group:
        from circle.domain.group import Group, GroupProfile
        from circle.domain.rules import ConfidentialityRules

        rows = self.rows("SELECT name, profile, rules FROM groups WHERE id = ?", [sealer.group_id])
        name, profile, rules = rows[0]
        gid = sealer.group_id
        return Group(
            id=gid,
            name=sealer.open_text("groups", "name", gid, name),
            profile=GroupProfile.from_dict(sealer.open_json("groups", "profile", gid, profile)),
            rules=ConfidentialityRules.from_dict(sealer.open_json("groups", "rules", gid, rules)),
        )

    def group_name(self, sealer: GroupSealer) -> str:
        """The group's name alone, for a report that names its groups and reads nothing else of them."""
        (name,) = self.rows("SELECT name FROM groups WHERE id = ?", [sealer.group_id])[0]
        return sealer.open_text("groups", "name", sealer.group_id, name)

    def heading(self, sealer: GroupSealer) -> GroupHeading:
        """The group's name and schedule alone: all the home screen shows of its settings. Opening the whole
        profile checks every text of its format, agreements and crisis resources, which home has no use for."""
        from circle.domain.errors import InvalidInput
        from circle.domain.schedule import Schedule

        rows = self.rows("SELECT name, profile FROM groups WHERE id = ?", [sealer.group_id])
        name, profile = rows[0]
        gid = sealer.group_id
        settings = sealer.open_json("groups", "profile", gid, profile)
        try:
            schedule = Schedule.from_dict(settings.get("schedule", {}))
        except (AttributeError, ValueError, TypeError, OverflowError) as error:  # as GroupProfile.from_dict says
            raise InvalidInput("The group's settings could not be read.") from error
        return GroupHeading(sealer.open_text("groups", "name", gid, name), schedule)

    def meeting_dates(self) -> dict[str, MeetingDates]:
        rows = self.rows(
            """SELECT g.id, g.next_meeting_on,
                      (SELECT max(held_on) FROM sessions s WHERE s.group_id = g.id AND s.status = 'closed'),
                      (SELECT count(*) FROM sessions s WHERE s.group_id = g.id AND s.status = 'closed')
               FROM groups g"""
        )
        return {
            gid: MeetingDates(
                group_id=gid,
                last_held_on=clear_day_or_none(last, "sessions.held_on"),
                next_meeting_on=clear_day_or_none(upcoming, "groups.next_meeting_on"),
                meetings_held=held,
            )
            for gid, upcoming, last, held in rows
        }

    # members --------------------------------------------------------------
    def add_members(self, sealer: GroupSealer, members: Iterable[Member], created_at: datetime) -> None:
        from circle.store.member_rows import member_row

        with self.writing() as db:
            db["members"].insert_all(
                member_row(sealer, member.id, member.name, created_at, member.joined_on) for member in members
            )

    def members(self, sealer: GroupSealer) -> list[Member]:
        """The named members, retired ones included, in the order they were added."""
        from circle.domain.group import Member
        from circle.store.member_rows import open_dates

        rows = self.rows(
            "SELECT id, details, name FROM members WHERE group_id = ? AND name IS NOT NULL",
            [sealer.group_id],
        )
        found = []
        for mid, details, name in rows:
            dates = open_dates(sealer, mid, details)
            member = Member(mid, sealer.open_text("members", "name", mid, name), dates.joined_on, dates.retired)
            found.append((dates.created_at, mid, member))
        return [member for *_, member in sorted(found)]

    def member_counts(self) -> dict[str, int]:
        return dict(self.rows("SELECT group_id, count(*) FROM members WHERE name IS NOT NULL GROUP BY group_id"))

    # meetings -----------------------------------------------------------------
    def add_meetings(
        self, sealer: GroupSealer, meetings: Iterable[MeetingRecord], attendance: Iterable[AttendanceRecord]
    ) -> None:
        """Record past meetings with their attendance in one transaction."""
        from circle.store.meeting_rows import meeting_row

        by_meeting: dict[str, list[AttendanceRecord]] = {}
        for row in attendance:
            by_meeting.setdefault(row.meeting_id, []).append(row)
        with self.writing() as db:
            db["sessions"].insert_all(
                meeting_row(sealer, meeting, by_meeting.get(meeting.id, ())) for meeting in meetings
            )

    def set_next_meeting(self, group_id: str, on: date | None) -> None:
        with self.writing() as db:
            db["groups"].update(group_id, {"next_meeting_on": on.isoformat() if on else None})

    def attended(self, sealer: GroupSealer, meeting_id: str | None = None) -> set[str]:
        """Who was present at one of the group's meetings, or at any of them."""
        from circle.store.attendance import open_attendance, present_in

        sql = "SELECT id, attendance FROM sessions WHERE group_id = ? AND attendance IS NOT NULL"
        params: list[object] = [sealer.group_id]
        if meeting_id is not None:
            sql, params = sql + " AND id = ?", [*params, meeting_id]
        rows = self.rows(sql, params)
        return {member for sid, sealed in rows for member in present_in(open_attendance(sealer, sid, sealed))}

    def attended_before(self, sealer: GroupSealer, member_ids: Iterable[str]) -> set[str]:
        """Which of these members of the group were present at some earlier meeting."""
        wanted = set(member_ids)
        return wanted & self.attended(sealer) if wanted else set()
