"""A group's whole record as a snapshot for a handoff, and a planned merge carried out in one transaction."""

from __future__ import annotations

from datetime import date, datetime

from circle.domain.group import Group
from circle.domain.handoff import GroupSnapshot, MeetingEntry, MemberEntry, MergePlan
from circle.domain.records import AttendanceRecord, MeetingStatus, Presence
from circle.store.keys import KeyStore
from circle.store.meeting_rows import RECORD_COLUMNS, moment, row_to_record
from circle.store.notes import NoteStore
from circle.store.repository import Repository, meeting_row
from circle.store.sealing import GroupSealer
from circle.store.session_log import SessionLog



class GroupExchange:
    def __init__(self, repository: Repository) -> None:
        self._repo = repository
        self._keys = KeyStore(repository)
        self._notes = NoteStore(repository)
        self._log = SessionLog(repository)

    # reading ----------------------------------------------------------------------------------------
    def snapshot(self, sealer: GroupSealer) -> GroupSnapshot:
        group_id = sealer.group_id
        changed = self._repo.rows("SELECT settings_changed_at FROM groups WHERE id = ?", [group_id])[0][0]
        return GroupSnapshot(
            group=self._repo.group(sealer),
            settings_changed_at=moment(changed),
            facilitators=self._keys.handles(sealer),
            members=self._members(sealer),
            meetings=self._meetings(sealer),
            notes=tuple(self._notes.notes(sealer)),
        )

    def _members(self, sealer: GroupSealer) -> tuple[MemberEntry, ...]:
        """Everyone, the forgotten included: their attendance still counts."""
        rows = self._repo.rows(
            "SELECT id, created_at, joined_on, name FROM members WHERE group_id = ? ORDER BY created_at, id",
            [sealer.group_id],
        )
        return tuple(
            MemberEntry(
                id=mid,
                created_at=datetime.fromisoformat(created),
                joined_on=date.fromisoformat(joined) if joined else None,
                name=sealer.open_text("members", "name", mid, name) if name is not None else None,
            )
            for mid, created, joined, name in rows
        )

    def _meetings(self, sealer: GroupSealer) -> tuple[MeetingEntry, ...]:
        rows = self._repo.rows(
            f"SELECT {RECORD_COLUMNS} FROM sessions WHERE group_id = ? ORDER BY held_on, id", [sealer.group_id]
        )
        attendance: dict[str, list[AttendanceRecord]] = {}
        for sid, mid, status, newcomer, late, left in self._repo.rows(
            "SELECT a.session_id, a.member_id, a.status, a.newcomer, a.late, a.left_early FROM attendance a"
            " JOIN sessions s ON s.id = a.session_id WHERE s.group_id = ? ORDER BY a.session_id, a.member_id",
            [sealer.group_id],
        ):
            attendance.setdefault(sid, []).append(
                AttendanceRecord(sid, mid, Presence(status), bool(newcomer), bool(late), bool(left))
            )
        meetings = []
        for row in rows:
            record = row_to_record(row)
            events = self._log.events(sealer, record.id) if record.status is MeetingStatus.OPEN else []
            meetings.append(MeetingEntry(record, tuple(attendance.get(record.id, ())), tuple(events)))
        return tuple(meetings)

    # writing ----------------------------------------------------------------------------------------
    def carry_out(self, sealer: GroupSealer, plan: MergePlan, now: datetime, *, new_group: Group | None = None) -> None:
        """The whole merge in one transaction; `new_group` when the group is new to this vault."""
        changed_at = plan.settings_changed_at or now
        with self._repo.writing() as db:
            if new_group is not None:
                self._repo.add_group(sealer, new_group, changed_at)
            elif plan.settings is not None:
                self._repo.update_group(sealer, plan.settings, changed_at)
            self._keys.add_handles(sealer, dict(plan.facilitators))
            db["members"].insert_all(
                {
                    "id": member.id,
                    "group_id": sealer.group_id,
                    "created_at": member.created_at.isoformat(),
                    "joined_on": member.joined_on.isoformat() if member.joined_on else None,
                    "name": sealer.seal_text("members", "name", member.id, member.name) if member.name else None,
                }
                for member in plan.members
            )
            for meeting in plan.new_meetings:
                db["sessions"].insert(meeting_row(meeting.record))
                self._repo.insert_attendance(db, meeting.attendance)
                self._log.append(sealer, meeting.record.id, meeting.events)
            for meeting in plan.replaced_meetings:
                db["sessions"].update(meeting.record.id, meeting_row(meeting.record))
                db.execute("DELETE FROM attendance WHERE session_id = ?", [meeting.record.id])
                db.execute("DELETE FROM session_events WHERE session_id = ?", [meeting.record.id])
                self._repo.insert_attendance(db, meeting.attendance)
            for meeting in plan.merged_logs:
                db.execute("DELETE FROM session_events WHERE session_id = ?", [meeting.record.id])
                self._log.append(sealer, meeting.record.id, meeting.events)
            for note in plan.notes:
                self._notes.add(sealer, note)
            for note_id, at in plan.resolved.items():
                self._notes.resolve_in(db, sealer, note_id, at)
        if plan.replaced_meetings or plan.merged_logs:
            self._repo.checkpoint()  # the replaced logs leave no copy in the write-ahead log
