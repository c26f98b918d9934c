"""A group's meetings one by one, for putting its record right: read them, discard one, or write one again."""

from __future__ import annotations

from datetime import date

from circle.domain.records import AttendanceRecord, MeetingRecord
from circle.store.attendance import open_attendance, to_records
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
    """The meeting's row, its live log and its attendance deleted for real: `secure_delete` overwrites the cells,
    and the checkpoint truncates the write-ahead log, which would otherwise keep a copy."""
    ours = "(SELECT id FROM sessions WHERE id = ? AND group_id = ?)"  # never another group's meeting
    params = [meeting_id, sealer.group_id]
    with repository.writing() as db:
        # The log first: the manifest's triggers find a logged event's group through its meeting's row.
        db.execute(f"DELETE FROM session_events WHERE session_id IN {ours}", params)
        db.execute(f"DELETE FROM attendance WHERE session_id IN {ours}", params)
        db.execute("DELETE FROM sessions WHERE id = ? AND group_id = ?", params)
    repository.checkpoint()
