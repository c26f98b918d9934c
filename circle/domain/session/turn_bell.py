"""A gentle cue: one bell when a turn reaches its time, and never a second one for the same turn.

A turn is known by the seq of its TURN_STARTED event, which replaying the log gives back unchanged,
so redrawing, pausing, locking and unlocking cannot make it new again. The bell rings only for a
crossing it saw happen: a turn already over its time when it is first seen (a meeting picked up
after a crash) stays quiet, since it may well have rung before.
"""

from __future__ import annotations

from collections.abc import Sequence

from circle.domain.session.events import Event
from circle.domain.session.schema import EventKind
from circle.domain.session.state import SessionState


def turn_under_way(state: SessionState, events: Sequence[Event]) -> int | None:
    """The seq of the event that started the turn under way; None between turns."""
    if not state.in_turn:
        return None
    for event in reversed(events):
        if event.kind is EventKind.TURN_STARTED:
            return event.seq
    return None


class TurnBell:
    """Told each turn's time left a few times a second, says when to ring: at most once a turn."""

    def __init__(self) -> None:
        self._armed: int | None = None  # a turn seen with time left, that has not rung
        self._rung: int | None = None  # the last turn that rang; a minute more does not ring it again

    def due(self, turn: int | None, remaining: float) -> bool:
        if turn is None:
            self._armed = None
            return False
        if remaining > 0:
            if turn != self._rung:
                self._armed = turn
            return False
        if turn != self._armed:
            return False
        self._armed, self._rung = None, turn
        return True
