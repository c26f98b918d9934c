"""The Workspace facade's part for putting a group's records right: caring for its roster, and correcting its
meetings. Kept apart only so that the facade stays one readable file; each call goes to its service.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from circle.domain.group import Member
    from circle.domain.records import CancelReason, MeetingRecord
    from circle.workspace.meetings import AttendanceLine, Meetings
    from circle.workspace.roster import Roster


class RecordCare:
    """Mixed into Workspace, which provides the services."""

    if TYPE_CHECKING:
        _roster: Roster
        _meetings: Meetings

    # caring for a roster ---------------------------------------------------
    def find_member(self, group_id: str, typed: str) -> Member:
        return self._roster.find_member(group_id, typed)

    def rename_member(self, group_id: str, member_id: str, typed_name: str) -> Member:
        return self._roster.rename(group_id, member_id, typed_name)

    def retire_member(self, group_id: str, member_id: str, *, retired: bool = True) -> Member:
        return self._roster.retire(group_id, member_id, retired=retired)

    def merge_members(self, group_id: str, keep_id: str, other_id: str) -> Member:
        return self._roster.merge(group_id, keep_id, other_id)

    def erase_member(self, group_id: str, member_id: str) -> int:
        return self._roster.erase(group_id, member_id)

    def delete_group(self, group_id: str, typed_name: str | None = None) -> None:
        self._roster.delete_group(group_id, typed_name)

    # correcting meetings ----------------------------------------------------
    def kept_meetings(self, group_id: str, since: date | None = None, until: date | None = None) -> list[MeetingRecord]:
        return self._meetings.kept_meetings(group_id, since, until)

    def cancel_meeting(self, group_id: str, day: date, reason: CancelReason) -> MeetingRecord:
        return self._meetings.cancel_meeting(group_id, day, reason)

    def discard_meeting(self, group_id: str, meeting_id: str) -> None:
        self._meetings.discard_meeting(group_id, meeting_id)

    def attendance_sheet(self, group_id: str, meeting_id: str) -> list[AttendanceLine]:
        return self._meetings.attendance_sheet(group_id, meeting_id)

    def correct_attendance(self, group_id: str, meeting_id: str, present: set[str]) -> MeetingRecord:
        return self._meetings.correct_attendance(group_id, meeting_id, present)
