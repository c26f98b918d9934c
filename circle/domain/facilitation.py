"""Who facilitated which part of a meeting, read from its log.

A facilitator is credited with every phase that was under way at any moment while they held the
meeting: a phase is under way from its PHASE_STARTED until the next PHASE_STARTED or the close.
A phase during which the facilitator changed is credited to both. The time between the opening
and the first phase is not a phase, so whoever held only that time is listed with no phases.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from circle.domain.session import Event, EventKind


@dataclass(frozen=True)
class FacilitatedPart:
    facilitator_id: str
    phases: tuple[int, ...]  # indexes into the meeting's phases, in the format's order


def facilitated_parts(events: Sequence[Event]) -> tuple[FacilitatedPart, ...]:
    """One entry per facilitator, in the order they first took over, with the phases they held.

    A facilitator who comes back later has one entry with all their phases.
    """
    credits: dict[str, set[int]] = {}  # insertion order is the order of first taking over
    holder: str | None = None
    phase: int | None = None  # the phase under way, if any
    for event in events:
        if event.kind is EventKind.SESSION_CLOSED:
            break
        if event.kind in _TAKES_OVER:
            holder = event.data["facilitator_id"]
            credits.setdefault(holder, set())
        elif event.kind is EventKind.PHASE_STARTED:
            phase = event.data["index"]
        else:
            continue
        # Whoever holds the meeting now holds the phase under way now.
        if holder is not None and phase is not None:
            credits[holder].add(phase)
    return tuple(FacilitatedPart(who, tuple(sorted(phases))) for who, phases in credits.items())


_TAKES_OVER = frozenset({EventKind.SESSION_OPENED, EventKind.FACILITATOR_CHANGED})
