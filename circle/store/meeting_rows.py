"""A meeting's row in `sessions`, read back (`meeting_row` in the repository writes it).

Trends read the counts (MeetingFacts); a handoff reads the whole record (MeetingRecord). Both are made
here from the same columns, so a column added to the table is mapped once.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from circle.domain.records import MeetingRecord, MeetingStatus
from circle.domain.trends.compute import MeetingFacts

# The columns MeetingFacts holds, in the order `counted_fields` unpacks them.
COUNTED_COLUMNS = (
    "id, group_id, held_on, status, planned_minutes, actual_minutes, headcount, newcomers,"
    " shared_turns, passed_turns, pulse"
)
# A whole record: the counted columns, then when the meeting started and ended.
RECORD_COLUMNS = COUNTED_COLUMNS + ", started_at, ended_at"

_STATUSES = {status.value: status for status in MeetingStatus}


def moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def counted_fields(row: Sequence[Any]) -> dict[str, Any]:
    """The counted columns of a row (COUNTED_COLUMNS, in that order) as the fields of MeetingFacts."""
    sid, gid, held_on, status, planned, actual, heads, newcomers, shared, passed, pulse = row
    return {
        "id": sid,
        "group_id": gid,
        "held_on": date.fromisoformat(held_on),
        "status": _STATUSES[status],
        "planned_minutes": planned,
        "actual_minutes": actual,
        "headcount": heads,
        "newcomers": newcomers,
        "shared_turns": shared,
        "passed_turns": passed,
        "pulse": tuple(json.loads(pulse)) if pulse else None,
    }


def row_to_facts(row: Sequence[Any]) -> MeetingFacts:
    """What trends need of a row read with COUNTED_COLUMNS."""
    return MeetingFacts(**counted_fields(row))


def row_to_record(row: Sequence[Any]) -> MeetingRecord:
    """The whole record of a row read with RECORD_COLUMNS."""
    *counted, started, ended = row
    return MeetingRecord(**counted_fields(counted), started_at=moment(started), ended_at=moment(ended))
