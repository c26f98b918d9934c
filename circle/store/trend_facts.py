"""What trends are computed from: the plain columns of meetings and attendance. Nothing sealed is opened."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date

from circle.domain.records import MeetingStatus
from circle.domain.trends import Attendance, MeetingFacts
from circle.store.repository import Repository

_MEETINGS = (
    "SELECT id, group_id, held_on, status, planned_minutes, actual_minutes, headcount, newcomers,"
    " shared_turns, passed_turns, pulse FROM sessions WHERE status != 'open' AND group_id IN ({})"
)
_ATTENDANCE = (
    "SELECT a.session_id, a.member_id, a.status = 'present', a.newcomer FROM attendance a"
    " JOIN sessions s ON s.id = a.session_id WHERE s.status = 'closed' AND s.group_id IN ({})"
)


def _placeholders(group_ids: list[str]) -> str:
    return ", ".join("?" * len(group_ids))


def meeting_facts(repository: Repository, group_ids: Iterable[str]) -> list[MeetingFacts]:
    wanted = list(group_ids)
    if not wanted:
        return []
    statuses = {status.value: status for status in MeetingStatus}
    return [
        MeetingFacts(
            id=sid,
            group_id=gid,
            held_on=date.fromisoformat(held_on),
            status=statuses[status],
            planned_minutes=planned,
            actual_minutes=actual,
            headcount=heads,
            newcomers=newcomers,
            shared_turns=shared,
            passed_turns=passed,
            pulse=tuple(json.loads(pulse)) if pulse else None,
        )
        for sid, gid, held_on, status, planned, actual, heads, newcomers, shared, passed, pulse in repository.rows(
            _MEETINGS.format(_placeholders(wanted)), wanted
        )
    ]


def attendance_facts(repository: Repository, group_ids: Iterable[str]) -> list[Attendance]:
    """Every attendance row of the groups' closed meetings, absences included."""
    wanted = list(group_ids)
    if not wanted:
        return []
    # SQLite's 0 and 1 stand for the booleans: this is the one place that reads a row per person per meeting.
    return list(map(Attendance._make, repository.rows(_ATTENDANCE.format(_placeholders(wanted)), wanted)))
