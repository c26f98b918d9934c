"""A group's whole record as a snapshot for a handoff, and a planned merge carried out in one transaction."""

from __future__ import annotations

from datetime import datetime

from circle.domain.group import Group
from circle.domain.handoff import GroupSnapshot, MeetingEntry, MemberEntry, MergePlan
from circle.domain.records import MeetingStatus
from circle.store.attendance import open_attendance, to_records
from circle.store.clear_values import clear_moment_or_none
from circle.store.discarded import discard_in, discarded_meetings
from circle.store.keys import KeyStore
from circle.store.meeting_rows import SUMMARY_COLUMNS, meeting_row, row_to_record
from circle.store.member_rows import member_row, open_dates
from circle.store.notes import NoteStore
from circle.store.repository import Repository
from circle.store.roster_care import erase_in
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
            settings_changed_at=clear_moment_or_none(changed, "groups.settings_changed_at"),
            facilitators=self._keys.handles(sealer),
            members=self._members(sealer),
            meetings=self._meetings(sealer),
            notes=tuple(self._notes.notes(sealer)),
            signing=self._repo.signing_key(sealer),
            discarded=discarded_meetings(self._repo, sealer),
        )

    def _members(self, sealer: GroupSealer) -> tuple[MemberEntry, ...]:
        """Everyone, the forgotten included: their attendance still counts. In the order they were added."""
        keeps_names = self._repo.group(sealer).rules.keeps_names
        entries = []
        for mid, details, name in self._repo.rows(
            "SELECT id, details, name FROM members WHERE group_id = ?", [sealer.group_id]
        ):
            dates = open_dates(sealer, mid, details)
            entries.append(
                MemberEntry(
                    id=mid,
                    created_at=dates.created_at,
                    joined_on=dates.joined_on,
                    name=sealer.open_text("members", "name", mid, name) if name is not None else None,
                    forgotten=name is None and keeps_names,
                )
            )
        return tuple(sorted(entries, key=lambda entry: (entry.created_at, entry.id)))

    def _meetings(self, sealer: GroupSealer) -> tuple[MeetingEntry, ...]:
        rows = self._repo.rows(
            f"SELECT {SUMMARY_COLUMNS}, attendance FROM sessions WHERE group_id = ? ORDER BY held_on, id",
            [sealer.group_id],
        )
        meetings = []
        for *row, sealed_attendance in rows:
            record = row_to_record(sealer, tuple(row))
            attendance = to_records(record.id, open_attendance(sealer, record.id, sealed_attendance))
            events = self._log.events(sealer, record.id) if record.status is MeetingStatus.OPEN else []
            meetings.append(MeetingEntry(record, tuple(attendance), tuple(events)))
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
                member_row(sealer, member.id, member.name or None, member.created_at, member.joined_on)
                for member in plan.members
            )
            if plan.discards.changed:
                discard_in(db, sealer, plan.discards.deleted, plan.discards.remembered)
            for meeting_id in plan.uncancelled:  # the group met on that date after all
                db.execute("DELETE FROM sessions WHERE id = ? AND status = 'cancelled'", [meeting_id])
            for meeting in plan.new_meetings:
                db["sessions"].insert(meeting_row(sealer, meeting.record, meeting.attendance))
                self._log.append(sealer, meeting.record.id, meeting.events)
            for meeting in plan.replaced_meetings:
                db["sessions"].update(meeting.record.id, meeting_row(sealer, meeting.record, meeting.attendance))
                db.execute("DELETE FROM session_events WHERE session_id = ?", [meeting.record.id])
            for meeting in plan.merged_logs:
                db.execute("DELETE FROM session_events WHERE session_id = ?", [meeting.record.id])
                self._log.append(sealer, meeting.record.id, meeting.events)
            for note in plan.notes:
                self._notes.add(sealer, note)
            for note_id, at in plan.resolved.items():
                self._notes.resolve_in(db, sealer, note_id, at)
            if plan.forget_members:
                notes = self._notes.notes(sealer)  # opened once for everyone forgotten
                for member_id in plan.forget_members:
                    erase_in(db, sealer, member_id, notes)
            if plan.signing is not None:
                self._repo.set_signing_key(sealer, plan.signing)
        if plan.replaced_meetings or plan.merged_logs or plan.forget_members or plan.discards.deleted:
            self._repo.checkpoint()  # the replaced logs and discarded meetings leave no copy in the write-ahead log
