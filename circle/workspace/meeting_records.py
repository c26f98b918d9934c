"""A group's record of meetings put right: listed, a date cancelled, a meeting discarded, attendance corrected."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from circle.domain.names_apart import roster_order, told_apart
from circle.domain.errors import InvalidInput
from circle.domain.group import Member
from circle.domain.ids import new_id
from circle.domain.meeting_changes import cancellation, correctable, corrected
from circle.domain.records import CancelReason, MeetingRecord, Presence
from circle.language import N_, _
from circle.store.meeting_list import attendance_of, discard_meeting, kept_meetings, rewrite_meeting
from circle.store.room_board import RoomBoard
from circle.workspace.service import Service


@dataclass(frozen=True)
class AttendanceLine:
    """One rostered member as a past meeting's record has them."""

    member: Member
    present: bool


class NoNamesKept(InvalidInput):
    message = N_("This group keeps no names: its meetings have a headcount, and no one to mark.")


class MeetingRecords(Service):
    def kept_meetings(self, group_id: str, since: date | None = None, until: date | None = None) -> list[MeetingRecord]:
        return kept_meetings(self._context.repo, self._context.sealer(group_id), since, until)

    def cancel_meeting(self, group_id: str, day: date, reason: CancelReason) -> MeetingRecord:
        """The group did not meet that day (ahead of time or after): counted as cancelled, never as held."""
        sealer = self._context.sealer(group_id)
        kept = self.kept_meetings(group_id, day, day)
        planned = self._context.group(group_id).profile.format.planned_minutes
        cancelled = cancellation(new_id(), group_id, day, reason, kept, planned, today=self._context.today())
        self._context.repo.add_meetings(sealer, [cancelled], [])
        return cancelled

    def discard_meeting(self, group_id: str, meeting_id: str) -> None:
        """A meeting opened by mistake, gone with its counts; one in progress ends with no summary."""
        sealer = self._context.sealer(group_id)
        was_open = self._context.log.open_sessions().get(group_id) == meeting_id
        discard_meeting(self._context.repo, sealer, meeting_id)
        if was_open:
            self.clear_room_board_of(meeting_id)

    def clear_room_board_of(self, meeting_id: str) -> None:
        """The room display goes blank if it shows this meeting, which is gone."""
        try:
            RoomBoard(self._context.locations.room_file).clear_if_showing(meeting_id)
        except OSError:
            pass  # the display's file is a convenience; it goes quiet once it is stale

    def _correctable(self, group_id: str, meeting_id: str) -> MeetingRecord:
        """The meeting, if its attendance may still be corrected."""
        rules = self._context.group(group_id).rules
        if not rules.keeps_names:
            raise NoNamesKept()
        meeting = next((kept for kept in self.kept_meetings(group_id) if kept.id == meeting_id), None)
        if meeting is None:
            raise InvalidInput(_("That meeting is no longer kept."))
        correctable(meeting, self._context.today(), rules.identity_retention_days)
        return meeting

    def attendance_sheet(self, group_id: str, meeting_id: str) -> list[AttendanceLine]:
        """Today's roster, each marked as the meeting's record has them; someone who joined later, absent."""
        sealer = self._context.sealer(group_id)
        self._correctable(group_id, meeting_id)
        present = {
            row.member_id
            for row in attendance_of(self._context.repo, sealer, meeting_id)
            if row.presence is Presence.PRESENT
        }
        roster = sorted(told_apart(self._context.repo.members(sealer)), key=roster_order)
        return [AttendanceLine(member, member.id in present) for member in roster]

    def correct_attendance(self, group_id: str, meeting_id: str, present: set[str]) -> MeetingRecord:
        """Who was there, put right: `present` are the rostered members who came, everyone else on the roster
        did not. People forgotten since keep their place in the counts."""
        context = self._context
        sealer = context.sealer(group_id)
        meeting = self._correctable(group_id, meeting_id)
        roster = {member.id for member in context.repo.members(sealer)}
        if not present <= roster:
            raise InvalidInput(_("Only people on the group's roster can be marked as there."))
        rows = attendance_of(context.repo, sealer, meeting_id)
        unnamed = {row.member_id for row in rows if row.presence is Presence.PRESENT and row.member_id not in roster}
        record, attendance = corrected(meeting, rows, present | unnamed)
        record = replace(record, corrected_at=context.clock.now())
        rewrite_meeting(context.repo, sealer, record, attendance)
        return record
