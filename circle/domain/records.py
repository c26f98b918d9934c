"""What remains of a meeting once it is closed: counts and attendance, never what was said."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from circle.language import N_, _

PULSE_SCALE = 5  # a pulse is answered 1 to 5: a meeting keeps the hands for each


class MeetingStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class CancelReason(StrEnum):
    HOLIDAY = "holiday"
    UNWELL = "unwell"
    VENUE = "venue"
    OTHER = "other"

    @property
    def words(self) -> str:
        """The reason as shown, in the facilitator's language; the value stored never changes."""
        return _(_REASON_WORDS[self])


_REASON_WORDS = {
    CancelReason.HOLIDAY: N_("holiday"),
    CancelReason.UNWELL: N_("facilitator unwell"),
    CancelReason.VENUE: N_("venue unavailable"),
    CancelReason.OTHER: N_("other reason"),
}


class Presence(StrEnum):
    PRESENT = "present"
    ABSENT = "absent"


@dataclass(frozen=True)
class MeetingRecord:
    id: str
    group_id: str
    held_on: date
    status: MeetingStatus
    planned_minutes: int = 0
    started_at: datetime | None = None
    ended_at: datetime | None = None
    actual_minutes: int | None = None
    headcount: int = 0
    newcomers: int = 0
    shared_turns: int = 0
    passed_turns: int = 0
    pulse: tuple[int, ...] | None = None  # the closing's show of hands for answers 1 to PULSE_SCALE: counts only
    cancel_reason: CancelReason | None = None  # a cancelled meeting's reason, sealed in its summary
    corrected_at: datetime | None = None  # when its attendance was last put right: that copy wins in a handoff
    guests: int = 0  # anonymous visitors beside the roster, counted in the headcount too
    topic: str = ""  # the topic or reading it took from the group's list, sealed in its summary


@dataclass(frozen=True)
class AttendanceRecord:
    """One rostered member at one meeting. Absences are stored too, so rates mean something."""

    meeting_id: str
    member_id: str
    presence: Presence
    newcomer: bool = False
    late: bool = False
    left_early: bool = False
