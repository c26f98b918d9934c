"""A meeting's row in `sessions`, written and read back: the clear columns and the sealed summary.

Clear: id, group_id, held_on and status, which find a meeting without any key. Everything else a meeting
was (its times, counts and pulse) is in the sealed JSON `summary`, and who came in the sealed `attendance`
(store/attendance.py). Trends read the counts (MeetingFacts); a handoff reads the whole record
(MeetingRecord). Both are made here from the same summary, so a field added to it is mapped once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from circle.domain.clock import stored_moment
from circle.domain.topics import kept_topic
from circle.domain.records import AttendanceRecord, CancelReason, MeetingRecord, MeetingStatus
from circle.store.attendance import seal_attendance
from circle.store.clear_values import clear_day
from circle.store.sealing import GroupSealer

if TYPE_CHECKING:
    from circle.domain.trends.facts import MeetingFacts

# The clear columns read with a summary, in the order `counted_fields` unpacks them.
SUMMARY_COLUMNS = "id, group_id, held_on, status, summary"

_STATUSES = {status.value: status for status in MeetingStatus}
_REASONS = {reason.value: reason for reason in CancelReason}


def moment(text: str | None) -> datetime | None:
    return stored_moment(text) if text else None


def summary_of(meeting: MeetingRecord) -> dict[str, Any]:
    """What `sessions.summary` holds: everything about the meeting that is not in a clear column.

    A cancelled meeting's reason, a meeting's guests and its topic are keys of their own, only there when there
    is one: summaries written before them lack them, and read the same.
    """
    summary: dict[str, Any] = {
        "started_at": meeting.started_at.isoformat() if meeting.started_at else None,
        "ended_at": meeting.ended_at.isoformat() if meeting.ended_at else None,
        "planned_minutes": meeting.planned_minutes,
        "actual_minutes": meeting.actual_minutes,
        "headcount": meeting.headcount,
        "newcomers": meeting.newcomers,
        "shared_turns": meeting.shared_turns,
        "passed_turns": meeting.passed_turns,
        "pulse": None if meeting.pulse is None else list(meeting.pulse),
    }
    if meeting.guests:
        summary["guests"] = meeting.guests
    if meeting.cancel_reason is not None:
        summary["cancel_reason"] = str(meeting.cancel_reason)
    if meeting.topic:
        summary["topic"] = meeting.topic
    if meeting.corrected_at is not None:
        summary["corrected_at"] = meeting.corrected_at.isoformat()
    return summary


def meeting_row(
    sealer: GroupSealer, meeting: MeetingRecord, attendance: Iterable[AttendanceRecord] = ()
) -> dict[str, object]:
    """A meeting's row: clear id, group, day and status; sealed summary; sealed attendance once it is not open.

    The clear counting columns of older formats are left at their defaults.
    """
    row: dict[str, object] = {
        "id": meeting.id,
        "group_id": meeting.group_id,
        "held_on": meeting.held_on.isoformat(),
        "status": str(meeting.status),
        "summary": sealer.seal_json("sessions", "summary", meeting.id, summary_of(meeting)),
        "attendance": None,
    }
    if meeting.status is not MeetingStatus.OPEN:
        row["attendance"] = seal_attendance(sealer, meeting.id, attendance)
    return row


def counted_fields(sealer: GroupSealer, row: tuple[Any, ...]) -> tuple[dict[str, Any], dict[str, Any]]:
    """A row read with SUMMARY_COLUMNS as the fields of MeetingFacts, and its opened summary."""
    sid, gid, held_on, status, sealed = row
    summary = sealer.open_json("sessions", "summary", sid, sealed)
    pulse = summary.get("pulse")
    return {
        "id": sid,
        "group_id": gid,
        "held_on": clear_day(held_on, "sessions.held_on"),
        "status": _STATUSES[status],
        "planned_minutes": summary["planned_minutes"],
        "actual_minutes": summary["actual_minutes"],
        "headcount": summary["headcount"],
        "newcomers": summary["newcomers"],
        "shared_turns": summary["shared_turns"],
        "passed_turns": summary["passed_turns"],
        "pulse": None if pulse is None else tuple(pulse),
        "guests": summary.get("guests", 0),  # absent from meetings closed before guests were counted
    }, summary


def row_to_facts(sealer: GroupSealer, row: tuple[Any, ...]) -> MeetingFacts:
    """What trends need of a row read with SUMMARY_COLUMNS."""
    from circle.domain.trends.facts import MeetingFacts  # the trends' own: not loaded by a meeting's rows

    return MeetingFacts(**counted_fields(sealer, row)[0])


def row_to_record(sealer: GroupSealer, row: tuple[Any, ...]) -> MeetingRecord:
    """The whole record of a row read with SUMMARY_COLUMNS."""
    fields, summary = counted_fields(sealer, row)
    reason = summary.get("cancel_reason")
    return MeetingRecord(
        **fields,
        started_at=moment(summary["started_at"]),
        ended_at=moment(summary["ended_at"]),
        cancel_reason=None if reason is None else _REASONS.get(reason, CancelReason.OTHER),
        corrected_at=moment(summary.get("corrected_at")),
        topic=kept_topic(summary.get("topic", "")),  # absent from meetings without one, and from before topics
    )
