"""`decide`: the events a command leads to from a state, stamped and numbered. Mutates nothing.

    state = replay(events)                         # a fold of `apply` over the log (evolve.py)
    events = decide(state, command, now, new_id)   # validate a command; mutates nothing
    store(events); state = apply(...)              # callers persist first, then apply

Because every event is stored before the screen shows its effect, replaying the stored log after
a crash, or on a co-facilitator's laptop, lands on the same phase, speaker and timers.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

# Imported for their @decides registrations: without them the table below is empty.
from circle.domain.session import decide_meeting, decide_turns  # noqa: F401
from circle.domain.session.commands import Command, Open
from circle.domain.session.errors import SessionRuleError
from circle.domain.session.events import Event, as_utc
from circle.domain.session.registry import DECIDERS
from circle.domain.session.state import SessionState
from circle.language import _


def decide(state: SessionState, command: Command, now: datetime, new_id: Callable[[], str]) -> list[Event]:
    """The events `command` leads to from `state`, stamped `now`. Mutates nothing.

    Raises SessionRuleError when the command does not fit the current state (a closed session
    accepts nothing). May return no events when a command changes nothing.
    """
    at = as_utc(now)
    # A clock that stepped back (or a laptop whose clock runs behind, after a takeover) must not
    # write an event earlier than the last one: durations would turn negative.
    if state.last_at is not None and at < state.last_at:
        at = state.last_at
    decider = DECIDERS.get(type(command))
    if decider is None:
        raise TypeError(f"Not a session command: {type(command).__name__}")
    if not isinstance(command, Open):  # the opening checks for itself that it comes first, once
        if state.opened_at is None:
            raise SessionRuleError(_("The session has not been opened."))
        if state.is_closed:
            raise SessionRuleError(_("The session is closed."))
    changes = decider(state, command, at)
    return [
        Event(id=new_id(), seq=state.event_count + offset, kind=kind, at=at, data=data)
        for offset, (kind, data) in enumerate(changes)
    ]
