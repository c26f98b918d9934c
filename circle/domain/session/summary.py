"""What a session comes to in counts, ids and durations: the record a meeting leaves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from circle.domain.session.events import as_utc
from circle.domain.session.state import SessionState, ongoing_pause_seconds


@dataclass(frozen=True)
class SessionSummary:
    """What a session comes to in counts, ids and durations. Returning members are computed elsewhere."""

    group_id: str | None
    started_at: datetime | None
    closed_at: datetime | None
    present: frozenset[str]  # everyone who came, including those who left early
    newcomers: frozenset[str]
    late: frozenset[str]
    left_early: frozenset[str]
    headcount: int  # len(present) + guests, or the counted heads of a headcount-only group
    shared_turns: int
    passed_turns: int
    members_who_shared: int
    members_who_passed_only: int
    planned_minutes: int
    # Wall clock from the first phase's start to the close (or `now`), pauses included.
    actual_seconds: float
    actual_minutes: float
    paused_seconds: float
    stepped_out: int
    facilitator_ids: tuple[str, ...]  # in the order they took over
    next_meeting: str | None
    pulse: tuple[int, ...] | None = None  # the closing's show of hands, answers 1 to 5
    guests: int = 0  # anonymous visitors, counted in the headcount too
    topic: str = ""  # the topic or reading the meeting took from the group's list


def summary(state: SessionState, now: datetime) -> SessionSummary:
    """The session's summary; for a session still open, as if it closed at `now`."""
    end = state.closed_at or as_utc(now)
    actual = 0.0 if state.started_at is None else max(0.0, (end - state.started_at).total_seconds())
    paused = state.paused_seconds + (ongoing_pause_seconds(state, end) if state.closed_at is None else 0.0)
    attended = state.attended
    return SessionSummary(
        group_id=state.group_id,
        started_at=state.started_at,
        closed_at=state.closed_at,
        present=attended,
        newcomers=state.newcomers & attended,
        late=state.late & attended,
        left_early=state.left_early,
        headcount=(state.counted_heads or 0) if state.headcount_only else len(attended) + state.guests,
        shared_turns=state.shared_count,
        passed_turns=state.passed_count,
        members_who_shared=state.members_who_shared,
        members_who_passed_only=state.members_who_passed_only,
        planned_minutes=state.planned_minutes,
        actual_seconds=actual,
        actual_minutes=actual / 60,
        paused_seconds=paused,
        stepped_out=state.stepped_out_count,
        facilitator_ids=tuple(facilitator for facilitator, _ in state.facilitators),
        next_meeting=state.next_meeting,
        pulse=state.pulse,
        guests=state.guests,
        topic=state.topic,
    )
