"""Merging two copies of one meeting's log, after a handoff and back.

A co-facilitator can take a live meeting to their own laptop and hand it back later; both copies
may have grown meanwhile. `merge_logs(ours, theirs)` builds one log from the two, by these rules:

1. Events are matched by id. Two events with one id must agree on kind, time and data; if they
   do not, the copies are tampered with or foreign, and the merge is refused.
2. Both logs must be of the same meeting: when neither is empty, their SESSION_OPENED events must
   have the same id, or the merge is refused.
3. Each copy's own order is kept. A *run* is a stretch of consecutive events that only one copy
   holds and that share one time: the events of one command, which stay together and in order.
   Both copies are read from the start; each step places the next run (or shared event) of one of
   them, skipping events already placed:
     - the same event first in both copies is placed once;
     - an event both copies hold waits while the other copy still has events of its own first;
     - otherwise the run whose (time, id of its first event) is smaller goes first. Shared events
       that the copies hold in different orders (which no two honest copies do) go by the same key.
   Nothing depends on which copy is ours.
4. The merged sequence is replayed from the start with `apply`, renumbering `seq` from 0. An event
   that does not fit where it lands is set aside (dropped and counted) and replay goes on with the
   next one. An event does not fit when `apply` refuses it (anything after the first closing, a
   second opening, ending or extending a turn nobody is taking), and also when it is:
     - a turn started while another is under way, while paused, or outside check-in, sharing and
       closing;
     - a phase started while paused, or the phase already under way, or an earlier phase when
       the copy it came from never saw the current phase start (going back stays possible for the
       facilitator who saw where the meeting was);
     - a pause while paused, or a resume while not paused;
     - a turn ended, passed or extended for anyone but the speaker, or for a turn the event's
       copy never saw start (passing while nobody speaks stays possible, in the turn phases).
   So when both copies closed the meeting, the earlier closing wins (at one time, the run with the
   smaller first id), and whatever comes after it is set aside.
5. With ours empty the result is theirs, renumbered. Merging a log with itself, or with a prefix of
   itself, gives the same log back, with nothing added and nothing set aside: importing one
   handoff twice changes nothing.

Merging the result again with either copy adds nothing either, as long as the two copies never
stamped an event at the very same moment after they parted (two laptops' clocks practically never
do): a set-aside event then lands at the same place again and is set aside again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from circle.domain.session import (
    TURN_PHASES,
    Event,
    EventKind,
    SessionLogError,
    SessionState,
    apply,
)
from circle.language import N_, _


@dataclass(frozen=True)
class MergedLog:
    events: tuple[Event, ...]  # the merged log, seq renumbered 0..n-1, replayable with replay()
    added: int  # events that were in theirs and not in ours and were kept
    set_aside: int  # events (from either side) that no longer fit and were dropped


def merge_logs(ours: Sequence[Event], theirs: Sequence[Event]) -> MergedLog:
    """One log from two copies of a meeting's log; see the module's rules. Raises SessionLogError."""
    if ours and theirs and _opening_id(ours) != _opening_id(theirs):
        raise SessionLogError(_("Those are logs of two different meetings."))
    _check_agreement([*ours, *theirs])
    copies = _Copies(frozenset(event.id for event in ours), frozenset(event.id for event in theirs))
    kept, set_aside = _replay_fitting(_interleave(ours, theirs, copies.shared), copies)
    added = sum(1 for event in kept if event.id not in copies.ours)
    return MergedLog(events=tuple(kept), added=added, set_aside=set_aside)


def _opening_id(events: Sequence[Event]) -> str | None:
    return next((event.id for event in events if event.kind is EventKind.SESSION_OPENED), None)


_DISAGREE = N_("Two copies of the meeting disagree about one event; the handoff cannot be merged.")


def _check_agreement(events: Sequence[Event]) -> None:
    seen: dict[str, Event] = {}
    for event in events:
        first = seen.setdefault(event.id, event)
        if (first.kind, first.at, first.data) != (event.kind, event.at, event.data):
            raise SessionLogError(_(_DISAGREE))


@dataclass(frozen=True)
class _Copies:
    """Which copy holds which event ids."""

    ours: frozenset[str]
    theirs: frozenset[str]

    @property
    def shared(self) -> frozenset[str]:
        return self.ours & self.theirs

    def together(self, one: str, other: str) -> bool:
        """Whether one copy holds both events, so the later one was made knowing the earlier."""
        return any(one in ids and other in ids for ids in (self.ours, self.theirs))


# --------------------------------------------------------------------------- order


class _Cursor:
    """Reads one copy in its own order, skipping events already placed from the other."""

    def __init__(self, events: Sequence[Event], placed: set[str], shared: frozenset[str]) -> None:
        self._events, self._placed, self._shared = events, placed, shared
        self._next = 0

    def head(self) -> Event | None:
        while self._next < len(self._events) and self._events[self._next].id in self._placed:
            self._next += 1
        return self._events[self._next] if self._next < len(self._events) else None

    def step(self, head: Event) -> list[Event]:
        """A shared head alone, or the run of events only this copy holds that starts at the head."""
        if head.id in self._shared:
            return [head]
        run = []
        for event in self._events[self._next :]:
            if event.at != head.at or event.id in self._shared or event.id in self._placed:
                break
            run.append(event)
        return run


def _interleave(ours: Sequence[Event], theirs: Sequence[Event], shared: frozenset[str]) -> list[Event]:
    placed: set[str] = set()
    order: list[Event] = []
    cursors = (_Cursor(ours, placed, shared), _Cursor(theirs, placed, shared))
    while True:
        heads = [(cursor, head) for cursor in cursors if (head := cursor.head()) is not None]
        if not heads:
            return order
        apart = len({head.id for _, head in heads}) == 2
        cursor, head = min(heads, key=lambda offer: _rank(offer[1], shared, apart))
        for event in cursor.step(head):
            placed.add(event.id)
            order.append(event)


def _rank(head: Event, shared: frozenset[str], apart: bool) -> tuple[bool, datetime, str]:
    """Which copy's head goes next: the smaller rank.

    While the heads differ, a shared head waits: the other copy holds it too, after events of its
    own that must come first. Otherwise the earlier (time, id) goes first.
    """
    return (apart and head.id in shared, head.at, head.id)


# --------------------------------------------------------------------------- replay


def _replay_fitting(order: Sequence[Event], copies: _Copies) -> tuple[list[Event], int]:
    """The events of `order` that replay, renumbered, and how many were set aside."""
    state = SessionState()
    kept: list[Event] = []
    began: dict[EventKind, str] = {}  # the ids of the events that began the current phase and turn
    for event in order:
        candidate = replace(event, seq=len(kept))
        knew = {kind: copies.together(event.id, start) for kind, start in began.items()}
        if not _fits(state, candidate, knew):
            continue
        try:
            state = apply(state, candidate)
        except SessionLogError:
            continue
        kept.append(candidate)
        if event.kind in (EventKind.PHASE_STARTED, EventKind.TURN_STARTED):
            began[event.kind] = event.id
    return kept, len(order) - len(kept)


def _fits(state: SessionState, event: Event, knew: Mapping[EventKind, bool]) -> bool:
    """Whether `event` still makes sense at this point of a merged log.

    `apply` trusts its log to come from `decide`, which never writes these events; two copies
    that went on separately can, once interleaved, and `apply` would replay them into a
    meeting with two speakers at once or with timers running through a pause. `knew[kind]` says
    whether the event's own copy holds the event (of that kind) that began the current phase or turn.
    """
    kind, data = event.kind, event.data
    if kind is EventKind.PHASE_STARTED:
        index = data.get("index")
        goes_back = isinstance(index, int) and state.phase_index is not None and index < state.phase_index
        return not state.is_paused and index != state.phase_index and (not goes_back or knew.get(kind, False))
    if kind is EventKind.TURN_STARTED:
        ready = not state.in_turn and not state.is_paused and state.phase in TURN_PHASES
        return ready and data.get("member_id") not in state.stepped_out  # out of the room on the other laptop
    if kind is EventKind.ROUND_ORDER_SET:
        # An order lines up the round of the part its copy was in: kept only if that part is the one under way.
        return state.phase_index is None or knew.get(EventKind.PHASE_STARTED, False)
    if kind is EventKind.PAUSED:
        return not state.is_paused
    if kind is EventKind.RESUMED:
        return state.is_paused
    if kind is EventKind.TURN_PASSED and not state.in_turn:
        return state.phase in TURN_PHASES
    if kind in _ACTS_ON_THE_TURN:
        speaker_matches = kind is EventKind.TURN_EXTENDED or data.get("member_id") == state.speaker
        return state.in_turn and speaker_matches and knew.get(EventKind.TURN_STARTED, False)
    return True


_ACTS_ON_THE_TURN = frozenset({EventKind.TURN_ENDED, EventKind.TURN_PASSED, EventKind.TURN_EXTENDED})

