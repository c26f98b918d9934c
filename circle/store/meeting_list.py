"""A group's meetings one by one, for putting its record right: read them, discard one, or write one again."""

from __future__ import annotations

from datetime import date

from circle.domain.records import AttendanceRecord, MeetingRecord, MeetingStatus
from circle.store.attendance import open_attendance, to_records
from circle.store.discarded import discard_in, discarded_meetings
from circle.store.meeting_rows import SUMMARY_COLUMNS, meeting_row, row_to_record
from circle.store.repository import Repository
from circle.store.sealing import GroupSealer


def kept_meetings(
    repository: Repository, sealer: GroupSealer, since: date | None = None, until: date | None = None
) -> list[MeetingRecord]:
    """The group's meetings of every status, oldest first, between two days if given (both included)."""
    sql = f"SELECT {SUMMARY_COLUMNS} FROM sessions WHERE group_id = ?"
    params: list[object] = [sealer.group_id]
    if since is not None:
        sql, params = sql + " AND held_on >= ?", [*params, since.isoformat()]
    if until is not None:
        sql, params = sql + " AND held_on <= ?", [*params, until.isoformat()]
    records = [row_to_record(sealer, row) for row in repository.rows(sql, params)]
    return sorted(records, key=lambda meeting: (meeting.held_on, meeting.started_at is not None, meeting.started_at))


def attendance_of(repository: Repository, sealer: GroupSealer, meeting_id: str) -> list[AttendanceRecord]:
    rows = repository.rows(
        "SELECT attendance FROM sessions WHERE group_id = ? AND id = ?", [sealer.group_id, meeting_id]
    )
    return to_records(meeting_id, open_attendance(sealer, meeting_id, rows[0][0])) if rows else []


def rewrite_meeting(
    repository: Repository, sealer: GroupSealer, meeting: MeetingRecord, attendance: list[AttendanceRecord]
) -> None:
    """A kept meeting sealed again with corrected counts and attendance; the old values are overwritten."""
    with repository.writing() as db:
        db["sessions"].update(meeting.id, meeting_row(sealer, meeting, attendance))
    repository.checkpoint()


def discard_meeting(repository: Repository, sealer: GroupSealer, meeting_id: str) -> None:
    """The meeting's row, its live log and its attendance deleted for real, and its id remembered, so that no
    copy of the group on another laptop brings it back (store/discarded.py)."""
    found = repository.rows("SELECT status FROM sessions WHERE id = ? AND group_id = ?", [meeting_id, sealer.group_id])
    if not found:
        return  # never another group's meeting, nor an id no meeting had
    remembered = {**discarded_meetings(repository, sealer), meeting_id: MeetingStatus(found[0][0])}
    with repository.writing() as db:
        discard_in(db, sealer, [meeting_id], remembered)
    repository.checkpoint()
