"""Builders for live meetings in tests: the usual format, counted ids, an opened meeting with people in it.

Every id they make is a counter ("e0", "e1", ...), so two runs of a test write the same log.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable

from circle.domain.clock import FakeClock
from circle.domain.group import PhaseKind
from circle.domain.session import (
    Arrive,
    LiveSession,
    NextPhase,
    Open,
    RoundOrderMode,
    SetHeadcount,
    StartTurn,
)
from circle.workspace import Meeting

K = PhaseKind
# Opening 10 · Check-in 15 · Sharing 45 · Break 10 · Closing 10 (90 min)
FORMAT = ((K.OPENING, 10), (K.CHECK_IN, 15), (K.SHARING, 45), (K.BREAK, 10), (K.CLOSING, 10))
OPENING, CHECK_IN, SHARING, BREAK, CLOSING = range(5)


def sequential_ids(prefix: str = "e") -> Callable[[], str]:
    """Ids "e0", "e1", ... (or with another prefix): readable, and the same on every run."""
    counter = itertools.count()
    return lambda: f"{prefix}{next(counter)}"


def opened_meeting(
    members: Iterable[str] = (),
    *,
    headcount_only: bool = False,
    headcount: int | None = None,
    facilitator: str = "f-lead",
    clock: FakeClock | None = None,
    ids: str = "e",
    round_order: RoundOrderMode | None = None,
) -> LiveSession:
    """A meeting of group g-1 in FORMAT, opened by `facilitator`, with `members` arrived (or `headcount`
    counted, in a headcount-only group), before its first phase; its rounds lined up in `round_order`."""
    live = LiveSession(clock or FakeClock(), new_id=sequential_ids(ids))
    live.do(Open("g-1", FORMAT, 90, 300, facilitator, headcount_only=headcount_only, round_order=round_order))
    if headcount is not None:
        live.do(SetHeadcount(headcount))
    for member in members:
        live.do(Arrive(member))
    return live


def to_a_sharing_turn_of(meeting: Meeting, speaker_id: str) -> Meeting:
    """A meeting kept in a vault, with `speaker_id` here, moved on to its sharing and their turn begun."""
    meeting.do(Arrive(speaker_id))
    while meeting.state.phase is not PhaseKind.SHARING:
        meeting.do(NextPhase(confirmed=True))
    meeting.do(StartTurn(speaker_id))
    return meeting
