"""A live session: its log and its state side by side, read against a clock."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from circle.domain import ids
from circle.domain.clock import Clock
from circle.domain.session.commands import Command
from circle.domain.session.decide import decide
from circle.domain.session.events import Event
from circle.domain.session.evolve import apply, replay
from circle.domain.session.state import SessionState
from circle.domain.session.summary import SessionSummary, summary


class LiveSession:
    """A log and its state, side by side.

    The screen's loop is: `events = live.propose(command)`, store the events, then
    `live.accept(events)`. `do()` does both at once, for tests and tools that store nothing.
    """

    def __init__(
        self, clock: Clock, new_id: Callable[[], str] = ids.new_id, events: Iterable[Event] = ()
    ) -> None:
        self._clock = clock
        self._new_id = new_id
        self._events: list[Event] = list(events)
        self._state = replay(self._events)
        self._log: tuple[Event, ...] | None = None  # `events` as last handed out, until the next accept

    @property
    def state(self) -> SessionState:
        return self._state

    @property
    def events(self) -> tuple[Event, ...]:
        """The log, copied once per change: the screen reads it a few times a second, a long meeting's is long."""
        if self._log is None:
            self._log = tuple(self._events)
        return self._log

    @property
    def clock(self) -> Clock:
        return self._clock

    def propose(self, command: Command) -> list[Event]:
        """The events `command` would add now; nothing changes until they are accepted."""
        return decide(self._state, command, self._clock.now(), self._new_id)

    def accept(self, events: Iterable[Event]) -> None:
        """Apply and append events (already stored by the caller). All or nothing."""
        accepted = list(events)
        state = self._state
        for event in accepted:
            state = apply(state, event)
        self._state = state
        self._events.extend(accepted)
        self._log = None

    def do(self, command: Command) -> list[Event]:
        events = self.propose(command)
        self.accept(events)
        return events

    def summary(self) -> SessionSummary:
        return summary(self._state, self._clock.now())
