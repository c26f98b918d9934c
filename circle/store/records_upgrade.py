"""Format 2 -> 3 for meetings, attendance and members: their clear columns sealed, then emptied.

A meeting's times, counts and pulse go into `sessions.summary`; its attendance rows into the one value
`sessions.attendance` (the `attendance` table keeps no row of the group); a member's dates into
`members.details`. The emptied columns hold what a new row holds: NULL, 0, or '' for members.created_at.
"""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from circle.domain.json_fields import FieldError, load_json
from circle.domain.records import AttendanceRecord, MeetingRecord, MeetingStatus, Presence
from circle.store.clear_values import (
    clear_choice,
    clear_day,
    clear_day_or_none,
    clear_moment,
    clear_moment_or_none,
    clear_whole,
    clear_whole_or_none,
)
from circle.store.errors import ClearValueDamaged
from circle.store.meeting_rows import meeting_row
from circle.store.member_rows import member_row
from circle.store.sealing import GroupSealer

if TYPE_CHECKING:
    from sqlite_utils import Database

# The clear columns of `sessions` that format 3 leaves at their defaults.
EMPTIED_MEETING_COLUMNS = {
    "started_at": None,
    "ended_at": None,
    "planned_minutes": 0,
    "actual_minutes": None,
    "headcount": 0,
    "newcomers": 0,
    "shared_turns": 0,
    "passed_turns": 0,
    "pulse": None,
}

_MEETINGS = (
    "SELECT id, held_on, status, started_at, ended_at, planned_minutes, actual_minutes, headcount, newcomers,"
    " shared_turns, passed_turns, pulse FROM sessions WHERE group_id = ?"
)
_COUNTED = ("headcount", "newcomers", "shared_turns", "passed_turns")
_ATTENDANCE = (
    "SELECT a.session_id, a.member_id, a.status, a.newcomer, a.late, a.left_early FROM attendance a"
    " JOIN sessions s ON s.id = a.session_id WHERE s.group_id = ? ORDER BY a.session_id"
)


def _clear_record(group_id: str, row: tuple) -> MeetingRecord:
    sid, held_on, status, started, ended, planned, actual, *counted, pulse = row
    heads, newcomers, shared, passed = (
        clear_whole(value, f"sessions.{column}") for column, value in zip(_COUNTED, counted, strict=True)
    )
    return MeetingRecord(
        sid, group_id, clear_day(held_on, "sessions.held_on"), clear_choice(status, MeetingStatus, "sessions.status"),
        clear_whole(planned, "sessions.planned_minutes"),
        started_at=clear_moment_or_none(started, "sessions.started_at"),
        ended_at=clear_moment_or_none(ended, "sessions.ended_at"),
        actual_minutes=clear_whole_or_none(actual, "sessions.actual_minutes"), headcount=heads,
        newcomers=newcomers, shared_turns=shared, passed_turns=passed, pulse=_clear_pulse(pulse),
    )


def _clear_pulse(kept: object) -> tuple[int, ...] | None:
    """The show of hands as an older format kept it: a JSON list of counts."""
    if kept is None:
        return None
    if type(kept) not in (str, bytes):
        raise ClearValueDamaged("sessions.pulse")
    try:
        counts = load_json(kept.encode("utf-8") if isinstance(kept, str) else kept)
    except (FieldError, UnicodeEncodeError):
        raise ClearValueDamaged("sessions.pulse") from None
    if type(counts) is not list:
        raise ClearValueDamaged("sessions.pulse")
    return tuple(clear_whole(count, "sessions.pulse") for count in counts)


def _clear_attendance(db: Database, group_id: str) -> dict[str, list[AttendanceRecord]]:
    rows = db.execute(_ATTENDANCE, [group_id]).fetchall()
    return {
        sid: [
            AttendanceRecord(
                sid, mid, clear_choice(status, Presence, "attendance.status"), bool(new), bool(late), bool(left)
            )
            for _, mid, status, new, late, left in each
        ]
        for sid, each in groupby(rows, key=lambda row: row[0])
    }


def seal_meetings_and_members(db: Database, sealer: GroupSealer) -> None:
    """Format 2 -> 3 for one group's meetings, attendance and members."""
    group_id = sealer.group_id
    attendance = _clear_attendance(db, group_id)
    meetings = []
    for row in db.execute(_MEETINGS, [group_id]).fetchall():
        record = _clear_record(group_id, row)
        sealed = meeting_row(sealer, record, attendance.get(record.id, ()))
        meetings.append([sealed["summary"], sealed["attendance"], *EMPTIED_MEETING_COLUMNS.values(), record.id])
    emptied = "".join(f", {column} = ?" for column in EMPTIED_MEETING_COLUMNS)
    db.conn.executemany(f"UPDATE sessions SET summary = ?, attendance = ?{emptied} WHERE id = ?", meetings)
    db.execute("DELETE FROM attendance WHERE session_id IN (SELECT id FROM sessions WHERE group_id = ?)", [group_id])
    members = []
    for member_id, created, joined in db.execute(
        "SELECT id, created_at, joined_on FROM members WHERE group_id = ?", [group_id]
    ).fetchall():
        joined_on = clear_day_or_none(joined, "members.joined_on")
        row = member_row(sealer, member_id, None, clear_moment(created, "members.created_at"), joined_on)
        members.append([row["created_at"], row["joined_on"], row["details"], member_id])
    db.conn.executemany("UPDATE members SET created_at = ?, joined_on = ?, details = ? WHERE id = ?", members)
