"""What trends are computed from: a meeting's counts and dates, and who was there, as plain columns."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from circle.domain.records import MeetingStatus


class MeetingFacts(NamedTuple):
    """One closed or cancelled meeting, read from plain columns. Open meetings are ignored.

    A tuple: a vault holds thousands, and a kept history (store/trend_history.py) makes them all again each time.
    """

    id: str
    group_id: str
    held_on: date
    status: MeetingStatus
    planned_minutes: int
    actual_minutes: int | None
    headcount: int
    newcomers: int
    shared_turns: int
    passed_turns: int
    pulse: tuple[int, ...] | None
    guests: int = 0  # counted in the headcount too


class Attendance(NamedTuple):
    """One rostered member at one meeting; absences are rows too. A tuple: a vault holds a great many.

    The engine reads it by position, so a plain tuple in this order serves as well.
    """

    meeting_id: str
    member_id: str
    present: bool
    newcomer: bool
