"""What trends are computed from: the plain columns of meetings and attendance. Nothing sealed is opened."""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from circle.domain.trends.compute import Attendance, MeetingFacts
from circle.store.meeting_rows import COUNTED_COLUMNS, row_to_facts
from circle.store.repository import Repository

_MEETING_COLUMNS = f"SELECT {COUNTED_COLUMNS} FROM sessions WHERE status != 'open'"
_MEETINGS = _MEETING_COLUMNS + " AND group_id IN ({})"
_ATTENDANCE = (
    "SELECT a.session_id, a.member_id, a.status = 'present', a.newcomer FROM attendance a"
    " JOIN sessions s ON s.id = a.session_id WHERE s.status = 'closed' AND s.group_id IN ({})"
)
# Every group's rows: a plain scan, much quicker than the join. Rows of meetings still open come too;
# the engine never looks them up.
_ALL_ATTENDANCE = "SELECT session_id, member_id, status = 'present', newcomer FROM attendance"


def _placeholders(group_ids: list[str]) -> str:
    return ", ".join("?" * len(group_ids))


def _every_group(repository: Repository, wanted: list[str]) -> bool:
    return bool(wanted) and set(wanted) >= {group_id for (group_id,) in repository.rows("SELECT id FROM groups")}


def meeting_facts(repository: Repository, group_ids: Iterable[str] | None) -> list[MeetingFacts]:
    """The groups' closed and cancelled meetings; None reads every group in the vault."""
    if group_ids is None:
        rows = repository.rows(_MEETING_COLUMNS)
    else:
        wanted = list(group_ids)
        rows = repository.rows(_MEETINGS.format(_placeholders(wanted)), wanted) if wanted else []
    return [row_to_facts(row) for row in rows]


def attendance_facts(repository: Repository, group_ids: Iterable[str] | None) -> list[Attendance]:
    """Every attendance row of the groups' closed meetings, absences included; None reads every group.

    This is the one read of a row per person per meeting, so the rows stay plain tuples in Attendance's
    field order, with SQLite's 0 and 1 for the booleans: the engine unpacks them by position, and making
    a named tuple of each would cost as much as the read.
    """
    wanted = None if group_ids is None else list(group_ids)
    if wanted is None or _every_group(repository, wanted):
        return cast("list[Attendance]", repository.rows(_ALL_ATTENDANCE))
    if not wanted:
        return []
    return cast("list[Attendance]", repository.rows(_ATTENDANCE.format(_placeholders(wanted)), wanted))
