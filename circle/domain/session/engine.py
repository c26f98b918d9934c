"""The session engine: a live meeting as an append-only log of events.

    state = replay(events)                         # a fold of `apply` over the log
    events = decide(state, command, now, new_id)   # validate a command; mutates nothing
    store(events); state = apply(...)              # callers persist first, then apply

`decide` raises `SessionRuleError` for a command that does not fit the current state. `apply`
is pure and total for valid logs. Because every event is stored before the screen shows its
effect, replaying the stored log after a crash, or on a co-facilitator's laptop, lands on the
same phase, speaker and timers.

An event records what happened and when, never what was said: its data holds only opaque ids,
kinds, numbers, flags and dates (see `EVENT_DATA_KEYS`). Timers are computed from event
timestamps and the clock (see `circle.domain.session.timing`), never from counted ticks.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import Any
from uuid import uuid4

from circle.domain.clock import Clock
from circle.domain.errors import CircleError, InvalidInput
from circle.domain.group import Group, Phase, PhaseKind
from circle.domain.rules import NamesPolicy
from circle.domain.session.timing import Timer, fair_share


class SessionRuleError(CircleError):
    """A command that does not fit the session's current state. One line, no user data."""


class SessionLogError(SessionRuleError):
    """A log that cannot be replayed: out of order, or going on after its closing."""


# --------------------------------------------------------------------------- events


class EventKind(StrEnum):
    SESSION_OPENED = "session_opened"
    MEMBER_ARRIVED = "member_arrived"
    MEMBER_LEFT = "member_left"
    HEADCOUNT_SET = "headcount_set"
    AGREEMENTS_READ = "agreements_read"
    PHASE_STARTED = "phase_started"
    ROUND_ORDER_SET = "round_order_set"
    QUEUE_CHANGED = "queue_changed"
    TURN_STARTED = "turn_started"
    TURN_EXTENDED = "turn_extended"
    TURN_PASSED = "turn_passed"
    TURN_ENDED = "turn_ended"
    PAUSED = "paused"
    RESUMED = "resumed"
    FACILITATOR_CHANGED = "facilitator_changed"
    STEPPED_OUT = "stepped_out"
    NEXT_MEETING_SET = "next_meeting_set"
    PULSE_RECORDED = "pulse_recorded"
    SESSION_CLOSED = "session_closed"


# The exact keys each kind of event carries. Nothing else is ever written, so a reviewer (or a
# test) can see at a glance that no name and no word anyone said can end up in the log.
EVENT_DATA_KEYS: Mapping[EventKind, frozenset[str]] = MappingProxyType({
    EventKind.SESSION_OPENED: frozenset(
        {
            "group_id",
            "phase_kinds",
            "phase_minutes",
            "check_in_turn_seconds",
            "sharing_turn_seconds",
            "facilitator_id",
            "headcount_only",
        }
    ),
    EventKind.MEMBER_ARRIVED: frozenset({"member_id", "newcomer"}),
    EventKind.MEMBER_LEFT: frozenset({"member_id"}),
    EventKind.HEADCOUNT_SET: frozenset({"count"}),
    EventKind.AGREEMENTS_READ: frozenset({"full"}),
    EventKind.PHASE_STARTED: frozenset({"index"}),
    EventKind.ROUND_ORDER_SET: frozenset({"mode", "member_ids"}),
    EventKind.QUEUE_CHANGED: frozenset({"action", "member_id", "queue"}),
    EventKind.TURN_STARTED: frozenset({"member_id", "budget_seconds"}),
    EventKind.TURN_EXTENDED: frozenset({"seconds"}),
    EventKind.TURN_PASSED: frozenset({"member_id"}),
    EventKind.TURN_ENDED: frozenset({"member_id"}),
    EventKind.PAUSED: frozenset(),
    EventKind.RESUMED: frozenset(),
    EventKind.FACILITATOR_CHANGED: frozenset({"facilitator_id"}),
    EventKind.STEPPED_OUT: frozenset(),
    EventKind.NEXT_MEETING_SET: frozenset({"date"}),
    EventKind.PULSE_RECORDED: frozenset({"counts"}),
    EventKind.SESSION_CLOSED: frozenset(),
})

_SCALARS = (str, int, float, bool, type(None))


def _freeze_value(value: Any) -> Any:
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, (list, tuple)) and all(isinstance(item, _SCALARS) for item in value):
        return tuple(value)
    raise TypeError("Event data holds only JSON scalars and lists of them.")


class FrozenMap(dict):  # type: ignore[type-arg]
    """A dict that cannot change once built: hashable, comparable with ==, and still a dict for `json`.

    Lists inside are kept as tuples so that nothing reachable from an event or a state can change.
    """

    __slots__ = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raw = dict(*args, **kwargs)
        super().__init__({key: _freeze_value(value) for key, value in raw.items()})

    def _read_only(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("This mapping cannot be changed.")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = __ior__ = _read_only

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(frozenset(self.items()))

    def __reduce__(self) -> Any:
        return (type(self), (dict(self),))

    def __copy__(self) -> FrozenMap:
        return self

    def __deepcopy__(self, memo: Any) -> FrozenMap:
        return self


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("Session times must be timezone-aware.")
    return moment.astimezone(UTC)


@dataclass(frozen=True)
class Event:
    """One thing that happened in a session. `seq` is its place in the log, from 0."""

    id: str
    seq: int
    kind: EventKind
    at: datetime
    data: Mapping[str, Any] = field(default_factory=FrozenMap)

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", EventKind(self.kind))
        object.__setattr__(self, "at", _utc(self.at))
        if not isinstance(self.data, FrozenMap):
            object.__setattr__(self, "data", FrozenMap(self.data))

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values: `at` as an ISO string, lists as lists."""
        return {
            "id": self.id,
            "seq": self.seq,
            "kind": str(self.kind),
            "at": self.at.isoformat(),
            "data": {key: list(v) if isinstance(v, tuple) else v for key, v in self.data.items()},
        }

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Event:
        try:
            seq = raw["seq"]
            if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0 or not isinstance(raw["id"], str):
                raise ValueError("bad id or seq")
            return cls(
                id=raw["id"],
                seq=seq,
                kind=EventKind(raw["kind"]),
                at=datetime.fromisoformat(raw["at"]),
                data=FrozenMap(raw.get("data") or {}),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise InvalidInput("A session event could not be read.") from error


# --------------------------------------------------------------------------- commands


class RoundOrderMode(StrEnum):
    ROSTER = "roster"
    RANDOM = "random"  # shuffled by the caller, so that decide stays deterministic
    VOLUNTEERS = "volunteers"


@dataclass(frozen=True)
class Open:
    """Open the session. Only valid first; the opening event keeps a snapshot of the format."""

    group_id: str
    phases: tuple[tuple[PhaseKind, int], ...]  # (kind, minutes)
    check_in_turn_seconds: float
    sharing_turn_seconds: float
    facilitator_id: str
    headcount_only: bool = False

    @classmethod
    def for_group(cls, group: Group, facilitator_id: str) -> Open:
        """The opening command for a group, from its meeting format and names policy."""
        fmt = group.profile.format
        return cls(
            group_id=group.id,
            phases=tuple((phase.kind, phase.minutes) for phase in fmt.phases),
            check_in_turn_seconds=fmt.check_in_turn_minutes * 60,
            sharing_turn_seconds=fmt.sharing_turn_minutes * 60,
            facilitator_id=facilitator_id,
            headcount_only=group.rules.names is NamesPolicy.HEADCOUNT,
        )


@dataclass(frozen=True)
class Arrive:
    """A member arrives; arriving after the first phase started counts as late."""

    member_id: str
    newcomer: bool = False


@dataclass(frozen=True)
class Leave:
    """A member leaves before the end (ends their turn if they are speaking)."""

    member_id: str


@dataclass(frozen=True)
class SetHeadcount:
    """Headcount-only groups: how many are in the room (no member ids)."""

    count: int


@dataclass(frozen=True)
class ReadAgreements:
    """The agreements were read; `full` = with confidentiality limits and mandated-reporter statement."""

    full: bool = False


@dataclass(frozen=True)
class StartPhase:
    """Start phase `index` of the format (0-based); ends any current turn."""

    index: int


@dataclass(frozen=True)
class NextPhase:
    """Start the phase after the current one (the first, if none has started)."""


@dataclass(frozen=True)
class SetRoundOrder:
    """The speaking order of check-in and closing rounds; kept until set again."""

    mode: str  # a RoundOrderMode value
    member_ids: tuple[str, ...]


@dataclass(frozen=True)
class Enqueue:
    member_id: str


@dataclass(frozen=True)
class Dequeue:
    member_id: str


@dataclass(frozen=True)
class MoveInQueue:
    member_id: str
    position: int  # 0 = first in the queue


@dataclass(frozen=True)
class StartTurn:
    """Start a turn: None = whoever is next. Ends any current turn first."""

    member_id: str | None = None


@dataclass(frozen=True)
class ExtendTurn:
    seconds: float = 60


@dataclass(frozen=True)
class PassTurn:
    """The speaker passes; with nobody speaking, `member_id` (or whoever is next) passes.

    Passing is participation: the person counts as done, as "passed".
    """

    member_id: str | None = None


@dataclass(frozen=True)
class EndTurn:
    pass


@dataclass(frozen=True)
class Pause:
    """Freeze the speaker, phase and meeting timers."""


@dataclass(frozen=True)
class Resume:
    pass


@dataclass(frozen=True)
class ChangeFacilitator:
    facilitator_id: str


@dataclass(frozen=True)
class StepOut:
    """A co-facilitator stepped out with a member. Only the fact is kept: no who, no why."""


@dataclass(frozen=True)
class SetNextMeeting:
    date: str  # ISO date ("2026-01-12") or date and time ("2026-01-12T19:00")


PULSE_SCALE = 5  # answers 1 to 5


@dataclass(frozen=True)
class RecordPulse:
    """The closing's anonymous show of hands: how many raised a hand for each answer, 1 to 5.

    Only the group's counts exist here; nobody's hand is tied to them. Recording again replaces the tally.
    """

    counts: tuple[int, ...]


@dataclass(frozen=True)
class Close:
    pass


Command = (
    Open
    | Arrive
    | Leave
    | SetHeadcount
    | ReadAgreements
    | StartPhase
    | NextPhase
    | SetRoundOrder
    | Enqueue
    | Dequeue
    | MoveInQueue
    | StartTurn
    | ExtendTurn
    | PassTurn
    | EndTurn
    | Pause
    | Resume
    | ChangeFacilitator
    | StepOut
    | SetNextMeeting
    | RecordPulse
    | Close
)


# --------------------------------------------------------------------------- state

TURN_PHASES = frozenset({PhaseKind.CHECK_IN, PhaseKind.SHARING, PhaseKind.CLOSING})
SHARED = "shared"
PASSED = "passed"


@dataclass(frozen=True)
class SessionState:
    """Where a session stands: a fold of its events. Compare with ==; read timers with a `now`."""

    # The format snapshot from the opening event.
    group_id: str | None = None
    phases: tuple[tuple[PhaseKind, int], ...] = ()
    check_in_turn_seconds: float = 0.0
    sharing_turn_seconds: float = 0.0
    headcount_only: bool = False
    # The log so far.
    event_count: int = 0  # also the seq of the next event
    last_at: datetime | None = None
    opened_at: datetime | None = None
    started_at: datetime | None = None  # when the first phase started: the meeting's start
    closed_at: datetime | None = None
    # Phases and turns.
    phase_index: int | None = None
    phase_timer: Timer | None = None
    meeting_timer: Timer | None = None  # budget = planned total; frozen at the close
    speaker: str | None = None  # None during an anonymous turn in a headcount-only group
    speaker_timer: Timer | None = None  # set while a turn is under way
    round_order: tuple[str, ...] = ()
    round_order_mode: str | None = None
    queue: tuple[str, ...] = ()
    done_in_phase: Mapping[str, str] = field(default_factory=FrozenMap)  # member -> "shared" | "passed"
    turns_in_phase: int = 0  # shared + passed turns in this phase, anonymous ones included
    # People.
    present: frozenset[str] = frozenset()
    newcomers: frozenset[str] = frozenset()
    late: frozenset[str] = frozenset()
    left_early: frozenset[str] = frozenset()
    counted_heads: int | None = None  # headcount-only groups
    agreements_read: bool = False
    agreements_read_full: bool = False
    # Pauses: completed pauses add up in paused_seconds; an ongoing one began at paused_since.
    paused_since: datetime | None = None
    paused_seconds: float = 0.0
    facilitators: tuple[tuple[str, datetime], ...] = ()  # (facilitator id, from)
    stepped_out_count: int = 0
    next_meeting: str | None = None
    pulse: tuple[int, ...] | None = None  # the closing's show of hands, answers 1 to 5
    # Group-level counts across the meeting. Passing is participation, never "did not share".
    shared_count: int = 0
    passed_count: int = 0
    shared_by: frozenset[str] = frozenset()
    passed_by: frozenset[str] = frozenset()

    @property
    def is_open(self) -> bool:
        return self.opened_at is not None and self.closed_at is None

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def is_started(self) -> bool:
        return self.started_at is not None

    @property
    def is_paused(self) -> bool:
        return self.paused_since is not None

    @property
    def in_turn(self) -> bool:
        return self.speaker_timer is not None

    @property
    def phase(self) -> PhaseKind | None:
        return None if self.phase_index is None else self.phases[self.phase_index][0]

    @property
    def planned_minutes(self) -> int:
        return sum(minutes for _, minutes in self.phases)

    @property
    def planned_end(self) -> datetime | None:
        """The meeting's start plus its planned length plus every completed pause."""
        if self.started_at is None:
            return None
        return self.started_at + timedelta(minutes=self.planned_minutes, seconds=self.paused_seconds)

    def planned_end_at(self, now: datetime) -> datetime | None:
        """`planned_end`, also moved by a pause still going on at `now`."""
        end = self.planned_end
        if end is None or self.paused_since is None:
            return end
        return end + max(timedelta(0), now - self.paused_since)

    @property
    def facilitator_id(self) -> str | None:
        return self.facilitators[-1][0] if self.facilitators else None

    @property
    def attended(self) -> frozenset[str]:
        """Everyone who came, including those who left early."""
        return self.present | self.left_early

    @property
    def headcount(self) -> int:
        if self.headcount_only:
            return self.counted_heads or 0
        return len(self.present)

    @property
    def members_who_shared(self) -> int:
        return len(self.shared_by)

    @property
    def members_who_passed_only(self) -> int:
        return len(self.passed_by - self.shared_by)

    @property
    def full_agreements_due(self) -> bool:
        """A newcomer is here and the full agreements (with their limits) have not been read."""
        return bool(self.newcomers & self.present) and not self.agreements_read_full

    @property
    def still_to_speak(self) -> tuple[str, ...]:
        """Who is still to speak in this phase, in order: the queue in sharing, the round order otherwise."""
        if self.phase not in TURN_PHASES or self.is_closed:
            return ()
        if self.phase is PhaseKind.SHARING:
            return tuple(m for m in self.queue if m != self.speaker)
        return tuple(
            m
            for m in self.round_order
            if m in self.present and m not in self.done_in_phase and m != self.speaker
        )

    @property
    def next_up(self) -> str | None:
        waiting = self.still_to_speak
        return waiting[0] if waiting else None


def suggested_turn_seconds(state: SessionState, now: datetime, member_id: str | None = None) -> float | None:
    """The time box a turn starting at `now` would get (None outside check-in, sharing and closing).

    In sharing: the fair share of the phase's remaining time among those still to speak, this
    speaker included. In check-in and closing: the check-in turn length.
    """
    if state.phase not in TURN_PHASES or state.phase_timer is None:
        return None
    if state.phase is not PhaseKind.SHARING:
        return float(state.check_in_turn_seconds)
    if state.headcount_only:
        done = state.turns_in_phase + (1 if state.in_turn else 0)
        speakers = max(1, state.headcount - done)
    else:
        member = member_id if member_id is not None else state.next_up
        speakers = len([m for m in state.still_to_speak if m != member]) + 1
    return fair_share(state.phase_timer.remaining(now), speakers, state.sharing_turn_seconds)


# --------------------------------------------------------------------------- apply / replay

Applier = Callable[[SessionState, Mapping[str, Any], datetime], SessionState]


def _without(items: tuple[str, ...], member: str | None) -> tuple[str, ...]:
    return tuple(m for m in items if m != member)


def _opened(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    pairs = zip(data["phase_kinds"], data["phase_minutes"], strict=True)
    phases = tuple((PhaseKind(kind), int(minutes)) for kind, minutes in pairs)
    return replace(
        state,
        group_id=data["group_id"],
        phases=phases,
        check_in_turn_seconds=data["check_in_turn_seconds"],
        sharing_turn_seconds=data["sharing_turn_seconds"],
        headcount_only=data["headcount_only"],
        opened_at=at,
        facilitators=((data["facilitator_id"], at),),
    )


def _arrived(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    member = data["member_id"]
    # Late is decided once, at a first arrival after the meeting began; coming back is not arriving late.
    late = member not in state.attended and state.started_at is not None
    return replace(
        state,
        present=state.present | {member},
        left_early=state.left_early - {member},
        newcomers=state.newcomers | {member} if data["newcomer"] else state.newcomers,
        late=state.late | {member} if late else state.late,
    )


def _left(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    member = data["member_id"]
    # Before the meeting begins, "not here" corrects the attendance; only after it is leaving early.
    return replace(
        state,
        present=state.present - {member},
        left_early=state.left_early | {member} if state.is_started else state.left_early,
        queue=_without(state.queue, member),
    )


def _headcount_set(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    return replace(state, counted_heads=data["count"])


def _agreements_read(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    return replace(state, agreements_read=True, agreements_read_full=state.agreements_read_full or data["full"])


def _phase_started(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    index = data["index"]
    meeting = state.meeting_timer or Timer(at, state.planned_minutes * 60.0)
    return replace(
        state,
        phase_index=index,
        phase_timer=Timer(at, state.phases[index][1] * 60.0),
        started_at=state.started_at or at,
        meeting_timer=meeting,
        speaker=None,
        speaker_timer=None,
        done_in_phase=FrozenMap(),
        turns_in_phase=0,
    )


def _round_order_set(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    return replace(state, round_order=tuple(data["member_ids"]), round_order_mode=data["mode"])


def _queue_changed(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    return replace(state, queue=tuple(data["queue"]))


def _turn_started(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    member = data["member_id"]
    return replace(
        state,
        speaker=member,
        speaker_timer=Timer(at, data["budget_seconds"]),
        queue=_without(state.queue, member),
    )


def _turn_extended(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    if state.speaker_timer is None:
        raise SessionLogError("The session log extends a turn nobody is taking.")
    return replace(state, speaker_timer=state.speaker_timer.extended(data["seconds"]))


def _finish_turn(state: SessionState, member: str | None, outcome: str) -> SessionState:
    # A pass from someone not speaking records the pass and leaves any timer alone.
    ends_turn = state.in_turn and state.speaker == member
    done = state.done_in_phase if member is None else FrozenMap({**state.done_in_phase, member: outcome})
    named = frozenset() if member is None else frozenset({member})
    shared = outcome == SHARED
    return replace(
        state,
        done_in_phase=done,
        turns_in_phase=state.turns_in_phase + 1,
        queue=_without(state.queue, member),
        speaker=None if ends_turn else state.speaker,
        speaker_timer=None if ends_turn else state.speaker_timer,
        shared_count=state.shared_count + shared,
        passed_count=state.passed_count + (not shared),
        shared_by=state.shared_by | named if shared else state.shared_by,
        passed_by=state.passed_by if shared else state.passed_by | named,
    )


def _turn_ended(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    if not state.in_turn:
        raise SessionLogError("The session log ends a turn nobody is taking.")
    return _finish_turn(state, state.speaker, SHARED)


def _turn_passed(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    return _finish_turn(state, data["member_id"], PASSED)


def _timers(state: SessionState, change: Callable[[Timer], Timer]) -> dict[str, Timer | None]:
    return {
        name: None if timer is None else change(timer)
        for name, timer in (
            ("phase_timer", state.phase_timer),
            ("meeting_timer", state.meeting_timer),
            ("speaker_timer", state.speaker_timer),
        )
    }


def _paused(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    return replace(state, paused_since=at, **_timers(state, lambda timer: timer.paused(at)))


def _pause_seconds(state: SessionState, at: datetime) -> float:
    if state.paused_since is None:
        return 0.0
    return max(0.0, (at - state.paused_since).total_seconds())


def _resumed(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    return replace(
        state,
        paused_since=None,
        paused_seconds=state.paused_seconds + _pause_seconds(state, at),
        **_timers(state, lambda timer: timer.resumed(at)),
    )


def _facilitator_changed(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    return replace(state, facilitators=(*state.facilitators, (data["facilitator_id"], at)))


def _stepped_out(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    return replace(state, stepped_out_count=state.stepped_out_count + 1)


def _next_meeting_set(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    return replace(state, next_meeting=data["date"])


def _pulse_recorded(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    if not _is_tally(data["counts"]):
        raise ValueError("not a pulse")
    return replace(state, pulse=tuple(data["counts"]))


def _closed(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    paused = state.paused_seconds + _pause_seconds(state, at)
    meeting = state.meeting_timer
    if meeting is not None:
        # Frozen at the close: reading it later still gives the meeting's own length.
        meeting = Timer(meeting.started_at, meeting.budget_seconds, paused, at)
    return replace(
        state,
        closed_at=at,
        paused_since=None,
        paused_seconds=paused,
        meeting_timer=meeting,
        phase_timer=None,
        speaker=None,
        speaker_timer=None,
    )


_APPLIERS: dict[EventKind, Applier] = {
    EventKind.SESSION_OPENED: _opened,
    EventKind.MEMBER_ARRIVED: _arrived,
    EventKind.MEMBER_LEFT: _left,
    EventKind.HEADCOUNT_SET: _headcount_set,
    EventKind.AGREEMENTS_READ: _agreements_read,
    EventKind.PHASE_STARTED: _phase_started,
    EventKind.ROUND_ORDER_SET: _round_order_set,
    EventKind.QUEUE_CHANGED: _queue_changed,
    EventKind.TURN_STARTED: _turn_started,
    EventKind.TURN_EXTENDED: _turn_extended,
    EventKind.TURN_PASSED: _turn_passed,
    EventKind.TURN_ENDED: _turn_ended,
    EventKind.PAUSED: _paused,
    EventKind.RESUMED: _resumed,
    EventKind.FACILITATOR_CHANGED: _facilitator_changed,
    EventKind.STEPPED_OUT: _stepped_out,
    EventKind.NEXT_MEETING_SET: _next_meeting_set,
    EventKind.PULSE_RECORDED: _pulse_recorded,
    EventKind.SESSION_CLOSED: _closed,
}


def apply(state: SessionState, event: Event) -> SessionState:
    """The state after `event`. Pure; raises SessionLogError for a log that cannot be replayed."""
    if event.seq != state.event_count:
        raise SessionLogError("The session log is out of order.")
    if state.closed_at is not None:
        raise SessionLogError("The session log goes on after its closing.")
    if (state.opened_at is None) != (event.kind is EventKind.SESSION_OPENED):
        raise SessionLogError("The session log must begin with its opening, once.")
    try:
        _check_data(event)
        new = _APPLIERS[event.kind](state, event.data, event.at)
    except (KeyError, TypeError, ValueError, IndexError) as error:
        raise SessionLogError("The session log holds an event that cannot be replayed.") from error
    last = event.at if state.last_at is None else max(state.last_at, event.at)
    return replace(new, event_count=state.event_count + 1, last_at=last)


def replay(events: Iterable[Event]) -> SessionState:
    """The state a log leads to, from the empty state."""
    state = SessionState()
    for event in events:
        state = apply(state, event)
    return state


# --------------------------------------------------------------------------- decide

Change = tuple[EventKind, dict[str, Any]]

# Ids are opaque tokens (uuid hex and the like): never a name, never free text.
_ID = re.compile(r"[A-Za-z0-9_.:-]{1,64}")


def _is_id(value: object) -> bool:
    return isinstance(value, str) and _ID.fullmatch(value) is not None


def _is_number(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    # Every int is finite, and math.isfinite cannot take one too large for a float.
    return isinstance(value, int) or math.isfinite(value)


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_tally(counts: object) -> bool:
    """A pulse: one count of hands for each answer, none below zero."""
    return (
        isinstance(counts, (tuple, list))
        and len(counts) == PULSE_SCALE
        and all(_is_count(count) and count >= 0 for count in counts)
    )


# What each kind of event holds, as docs/FORMAT.md (section 3.7) gives it. `apply` checks a log against it, so a
# damaged or foreign log is refused as it is read rather than replayed into a meeting no screen can show.
def _is_flag(value: object) -> bool:
    return isinstance(value, bool)


def _is_id_or_none(value: object) -> bool:
    return value is None or _is_id(value)


def _is_ids(values: object) -> bool:
    return isinstance(values, (list, tuple)) and all(_is_id(value) for value in values)


def _number_from(low: float, high: float, *, above_low: bool = False) -> Callable[[object], bool]:
    """A check for a finite number from `low` (or just above it) to `high`; not a bool."""

    def check(value: object) -> bool:
        if not isinstance(value, (int, float)) or not _is_number(value):
            return False
        return (low < value if above_low else low <= value) and value <= high

    return check


def _whole_from(low: int, high: float) -> Callable[[object], bool]:
    """A check for a whole number from `low` to `high`; not a bool."""

    def check(value: object) -> bool:
        return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high

    return check


def _one_of(*allowed: str) -> Callable[[object], bool]:
    return lambda value: isinstance(value, str) and value in allowed


def _is_phase_kinds(values: object) -> bool:
    return isinstance(values, (list, tuple)) and bool(values) and all(value in tuple(PhaseKind) for value in values)


def _is_phase_minutes(values: object) -> bool:
    return isinstance(values, (list, tuple)) and all(_whole_from(1, 240)(value) for value in values)


def _is_meeting_date(value: object) -> bool:
    try:
        return isinstance(value, str) and _meeting_date(value) == value
    except ValueError:
        return False


def _is_pulse(value: object) -> bool:
    return _is_tally(value) and sum(value) >= 1  # type: ignore[arg-type]


_EVENT_DATA: Mapping[EventKind, Mapping[str, Callable[[object], bool]]] = {
    EventKind.SESSION_OPENED: {
        "group_id": _is_id,
        "phase_kinds": _is_phase_kinds,
        "phase_minutes": _is_phase_minutes,
        "check_in_turn_seconds": _number_from(30, 1800),
        "sharing_turn_seconds": _number_from(30, 1800),
        "facilitator_id": _is_id,
        "headcount_only": _is_flag,
    },
    EventKind.MEMBER_ARRIVED: {"member_id": _is_id, "newcomer": _is_flag},
    EventKind.MEMBER_LEFT: {"member_id": _is_id},
    EventKind.HEADCOUNT_SET: {"count": _whole_from(0, 1000)},
    EventKind.AGREEMENTS_READ: {"full": _is_flag},
    EventKind.PHASE_STARTED: {"index": _whole_from(0, math.inf)},  # and within the format: `_phase_started`
    EventKind.ROUND_ORDER_SET: {"mode": _one_of(*RoundOrderMode), "member_ids": _is_ids},
    EventKind.QUEUE_CHANGED: {"action": _one_of("enqueue", "dequeue", "move"), "member_id": _is_id, "queue": _is_ids},
    EventKind.TURN_STARTED: {"member_id": _is_id_or_none, "budget_seconds": _number_from(0, 10**7)},
    EventKind.TURN_EXTENDED: {"seconds": _number_from(0, 1800, above_low=True)},
    EventKind.TURN_PASSED: {"member_id": _is_id_or_none},
    EventKind.TURN_ENDED: {"member_id": _is_id_or_none},
    EventKind.FACILITATOR_CHANGED: {"facilitator_id": _is_id},
    EventKind.NEXT_MEETING_SET: {"date": _is_meeting_date},
    EventKind.PULSE_RECORDED: {"counts": _is_pulse},
}


def _check_data(event: Event) -> None:
    """ValueError unless every member the event's kind holds is there, of its documented type and range."""
    for key, fits in _EVENT_DATA.get(event.kind, {}).items():
        if not fits(event.data[key]):
            raise ValueError(f"{event.kind}.{key}")


def _member(state: SessionState, member_id: object) -> str:
    if state.headcount_only:
        raise SessionRuleError("This group counts heads only; it keeps no member list.")
    if not _is_id(member_id):
        raise SessionRuleError("That is not a member id.")
    return member_id  # type: ignore[return-value]


def _present(state: SessionState, member_id: object) -> str:
    member = _member(state, member_id)
    if member not in state.present:
        raise SessionRuleError("That member is not here.")
    return member


def _end_turn(state: SessionState) -> list[Change]:
    return [(EventKind.TURN_ENDED, {"member_id": state.speaker})] if state.in_turn else []


def _require_turn_phase(state: SessionState) -> None:
    if state.phase is None:
        raise SessionRuleError("The meeting has not started.")
    if state.phase not in TURN_PHASES:
        raise SessionRuleError("Turns are taken in check-in, sharing and closing.")


def _require_running(state: SessionState) -> None:
    if state.is_paused:
        raise SessionRuleError("The meeting is paused.")


def _decide_open(state: SessionState, command: Open) -> list[Change]:
    if state.is_closed:
        raise SessionRuleError("The session is closed.")
    if state.opened_at is not None:
        raise SessionRuleError("The session is already open.")
    if not _is_id(command.group_id) or not _is_id(command.facilitator_id):
        raise SessionRuleError("The session needs a group id and a facilitator id.")
    try:
        phases = [Phase(PhaseKind(kind), minutes) for kind, minutes in command.phases]
        if not phases or not all(_is_count(phase.minutes) for phase in phases):
            raise ValueError("no phases")
    except (CircleError, ValueError, TypeError):
        raise SessionRuleError("The meeting format is not valid.") from None
    turns = (command.check_in_turn_seconds, command.sharing_turn_seconds)
    if not all(_is_number(turn) and 30 <= turn <= 1800 for turn in turns):
        raise SessionRuleError("A turn lasts 30 seconds to 30 minutes.")
    return [
        (
            EventKind.SESSION_OPENED,
            {
                "group_id": command.group_id,
                "phase_kinds": [str(phase.kind) for phase in phases],
                "phase_minutes": [phase.minutes for phase in phases],
                "check_in_turn_seconds": float(command.check_in_turn_seconds),
                "sharing_turn_seconds": float(command.sharing_turn_seconds),
                "facilitator_id": command.facilitator_id,
                "headcount_only": bool(command.headcount_only),
            },
        )
    ]


def _decide_arrive(state: SessionState, command: Arrive, at: datetime) -> list[Change]:
    member = _member(state, command.member_id)
    if member in state.present:
        raise SessionRuleError("That member is already here.")
    return [(EventKind.MEMBER_ARRIVED, {"member_id": member, "newcomer": bool(command.newcomer)})]


def _decide_leave(state: SessionState, command: Leave, at: datetime) -> list[Change]:
    member = _present(state, command.member_id)
    ending = _end_turn(state) if state.speaker == member else []
    return [*ending, (EventKind.MEMBER_LEFT, {"member_id": member})]


def _decide_headcount(state: SessionState, command: SetHeadcount, at: datetime) -> list[Change]:
    if not state.headcount_only:
        raise SessionRuleError("This group counts who is here from arrivals.")
    if not _is_count(command.count) or not 0 <= command.count <= 1000:
        raise SessionRuleError("A headcount is a whole number from 0 to 1000.")
    return [(EventKind.HEADCOUNT_SET, {"count": command.count})]


def _decide_agreements(state: SessionState, command: ReadAgreements, at: datetime) -> list[Change]:
    return [(EventKind.AGREEMENTS_READ, {"full": bool(command.full)})]


def _start_phase(state: SessionState, index: object) -> list[Change]:
    _require_running(state)
    if not _is_count(index) or not 0 <= index < len(state.phases):  # type: ignore[operator]
        raise SessionRuleError("The format has no such phase.")
    if index == state.phase_index:
        raise SessionRuleError("That phase is already under way.")
    return [*_end_turn(state), (EventKind.PHASE_STARTED, {"index": index})]


def _decide_start_phase(state: SessionState, command: StartPhase, at: datetime) -> list[Change]:
    return _start_phase(state, command.index)


def _decide_next_phase(state: SessionState, command: NextPhase, at: datetime) -> list[Change]:
    index = 0 if state.phase_index is None else state.phase_index + 1
    if index >= len(state.phases):
        raise SessionRuleError("This is the last phase.")
    return _start_phase(state, index)


def _decide_round_order(state: SessionState, command: SetRoundOrder, at: datetime) -> list[Change]:
    if command.mode not in tuple(RoundOrderMode):
        raise SessionRuleError("A round order is roster, random or volunteers.")
    members = [_present(state, member) for member in command.member_ids]
    if len(set(members)) != len(members):
        raise SessionRuleError("Someone is in the order twice.")
    return [(EventKind.ROUND_ORDER_SET, {"mode": str(command.mode), "member_ids": members})]


def _queue_change(action: str, member: str, queue: tuple[str, ...]) -> list[Change]:
    return [(EventKind.QUEUE_CHANGED, {"action": action, "member_id": member, "queue": list(queue)})]


def _decide_enqueue(state: SessionState, command: Enqueue, at: datetime) -> list[Change]:
    member = _present(state, command.member_id)
    if member in state.queue:
        raise SessionRuleError("That member is already in the queue.")
    if member == state.speaker:
        raise SessionRuleError("That member is speaking.")
    return _queue_change("enqueue", member, (*state.queue, member))


def _queued(state: SessionState, member_id: object) -> str:
    member = _member(state, member_id)
    if member not in state.queue:
        raise SessionRuleError("That member is not in the queue.")
    return member


def _decide_dequeue(state: SessionState, command: Dequeue, at: datetime) -> list[Change]:
    member = _queued(state, command.member_id)
    return _queue_change("dequeue", member, _without(state.queue, member))


def _decide_move(state: SessionState, command: MoveInQueue, at: datetime) -> list[Change]:
    member = _queued(state, command.member_id)
    position = command.position
    if not _is_count(position) or not 0 <= position < len(state.queue):
        raise SessionRuleError("That place is not in the queue.")
    if state.queue.index(member) == position:
        return []  # already there: nothing happened, so nothing is logged
    rest = list(_without(state.queue, member))
    rest.insert(position, member)
    return _queue_change("move", member, tuple(rest))


def _decide_start_turn(state: SessionState, command: StartTurn, at: datetime) -> list[Change]:
    _require_turn_phase(state)
    _require_running(state)
    member: str | None = None
    if state.headcount_only:
        if command.member_id is not None:
            raise SessionRuleError("This group counts heads only; turns are anonymous.")
    else:
        chosen = command.member_id if command.member_id is not None else state.next_up
        if chosen is None:
            raise SessionRuleError("Nobody is next.")
        member = _present(state, chosen)
        if member == state.speaker:
            raise SessionRuleError("That member is already speaking.")
    budget = suggested_turn_seconds(state, at, member)
    return [*_end_turn(state), (EventKind.TURN_STARTED, {"member_id": member, "budget_seconds": budget})]


def _decide_extend(state: SessionState, command: ExtendTurn, at: datetime) -> list[Change]:
    if not state.in_turn:
        raise SessionRuleError("Nobody is speaking.")
    if not _is_number(command.seconds) or not 0 < command.seconds <= 1800:
        raise SessionRuleError("A turn is extended by 1 second to 30 minutes.")
    return [(EventKind.TURN_EXTENDED, {"seconds": float(command.seconds)})]


def _decide_pass(state: SessionState, command: PassTurn, at: datetime) -> list[Change]:
    _require_turn_phase(state)
    if state.headcount_only and command.member_id is not None:
        raise SessionRuleError("This group counts heads only; turns are anonymous.")
    if state.in_turn:
        if command.member_id is not None and command.member_id != state.speaker:
            raise SessionRuleError("Someone else is speaking.")
        member = state.speaker
    elif state.headcount_only:
        member = None
    else:
        chosen = command.member_id if command.member_id is not None else state.next_up
        if chosen is None:
            raise SessionRuleError("Nobody is next.")
        member = _present(state, chosen)
    return [(EventKind.TURN_PASSED, {"member_id": member})]


def _decide_end_turn(state: SessionState, command: EndTurn, at: datetime) -> list[Change]:
    if not state.in_turn:
        raise SessionRuleError("Nobody is speaking.")
    return _end_turn(state)


def _decide_pause(state: SessionState, command: Pause, at: datetime) -> list[Change]:
    if not state.is_started:
        raise SessionRuleError("The meeting has not started.")
    if state.is_paused:
        raise SessionRuleError("The meeting is already paused.")
    return [(EventKind.PAUSED, {})]


def _decide_resume(state: SessionState, command: Resume, at: datetime) -> list[Change]:
    if not state.is_paused:
        raise SessionRuleError("The meeting is not paused.")
    return [(EventKind.RESUMED, {})]


def _decide_facilitator(state: SessionState, command: ChangeFacilitator, at: datetime) -> list[Change]:
    if not _is_id(command.facilitator_id):
        raise SessionRuleError("That is not a facilitator id.")
    if command.facilitator_id == state.facilitator_id:
        raise SessionRuleError("They are already facilitating.")
    return [(EventKind.FACILITATOR_CHANGED, {"facilitator_id": command.facilitator_id})]


def _decide_step_out(state: SessionState, command: StepOut, at: datetime) -> list[Change]:
    return [(EventKind.STEPPED_OUT, {})]


def _meeting_date(text: str) -> str:
    """A bare ISO date stays a date; a date with a time is kept to the minute, without a zone."""
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        return datetime.fromisoformat(text).replace(tzinfo=None).isoformat(timespec="minutes")


def _decide_next_meeting(state: SessionState, command: SetNextMeeting, at: datetime) -> list[Change]:
    try:
        when = _meeting_date(command.date.strip())
    except (ValueError, AttributeError):
        raise SessionRuleError("The next meeting needs a date such as 2026-01-12.") from None
    return [(EventKind.NEXT_MEETING_SET, {"date": when})]


def _decide_pulse(state: SessionState, command: RecordPulse, at: datetime) -> list[Change]:
    if state.phase is not PhaseKind.CLOSING:
        raise SessionRuleError("The pulse is counted during the closing.")
    counts = command.counts
    if not _is_tally(counts):
        raise SessionRuleError(f"A pulse is {PULSE_SCALE} counts of hands, each a whole number from 0.")
    hands, people = sum(counts), state.headcount
    if hands < 1:
        raise SessionRuleError("Nobody raised a hand: there is nothing to count.")
    if people == 0:
        raise SessionRuleError("Nobody is counted as here, so there are no hands to count.")
    if hands > people:
        here = "1 person is" if people == 1 else f"{people} people are"
        # Past a million the number itself says nothing (and past 4300 digits Python will not write it).
        counted = f"{hands} hands" if hands < 10**6 else "more hands than anyone could raise"
        raise SessionRuleError(f"That is {counted}, and {here} here.")
    return [(EventKind.PULSE_RECORDED, {"counts": list(counts)})]


def _decide_close(state: SessionState, command: Close, at: datetime) -> list[Change]:
    return [*_end_turn(state), (EventKind.SESSION_CLOSED, {})]


_DECIDERS: dict[type, Callable[[SessionState, Any, datetime], list[Change]]] = {
    Arrive: _decide_arrive,
    Leave: _decide_leave,
    SetHeadcount: _decide_headcount,
    ReadAgreements: _decide_agreements,
    StartPhase: _decide_start_phase,
    NextPhase: _decide_next_phase,
    SetRoundOrder: _decide_round_order,
    Enqueue: _decide_enqueue,
    Dequeue: _decide_dequeue,
    MoveInQueue: _decide_move,
    StartTurn: _decide_start_turn,
    ExtendTurn: _decide_extend,
    PassTurn: _decide_pass,
    EndTurn: _decide_end_turn,
    Pause: _decide_pause,
    Resume: _decide_resume,
    ChangeFacilitator: _decide_facilitator,
    StepOut: _decide_step_out,
    SetNextMeeting: _decide_next_meeting,
    RecordPulse: _decide_pulse,
    Close: _decide_close,
}


def decide(state: SessionState, command: Command, now: datetime, new_id: Callable[[], str]) -> list[Event]:
    """The events `command` leads to from `state`, stamped `now`. Mutates nothing.

    Raises SessionRuleError when the command does not fit the current state (a closed session
    accepts nothing). May return no events when a command changes nothing.
    """
    at = _utc(now)
    # A clock that stepped back (or a laptop whose clock runs behind, after a takeover) must not
    # write an event earlier than the last one: durations would turn negative.
    if state.last_at is not None and at < state.last_at:
        at = state.last_at
    if isinstance(command, Open):
        changes = _decide_open(state, command)
    else:
        decider = _DECIDERS.get(type(command))
        if decider is None:
            raise TypeError(f"Not a session command: {type(command).__name__}")
        if state.opened_at is None:
            raise SessionRuleError("The session has not been opened.")
        if state.is_closed:
            raise SessionRuleError("The session is closed.")
        changes = decider(state, command, at)
    return [
        Event(id=new_id(), seq=state.event_count + offset, kind=kind, at=at, data=data)
        for offset, (kind, data) in enumerate(changes)
    ]


# --------------------------------------------------------------------------- summary


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
    headcount: int  # len(present), or the counted heads of a headcount-only group
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


def summary(state: SessionState, now: datetime) -> SessionSummary:
    """The session's summary; for a session still open, as if it closed at `now`."""
    end = state.closed_at or _utc(now)
    actual = 0.0 if state.started_at is None else max(0.0, (end - state.started_at).total_seconds())
    paused = state.paused_seconds + (_pause_seconds(state, end) if state.closed_at is None else 0.0)
    attended = state.attended
    return SessionSummary(
        group_id=state.group_id,
        started_at=state.started_at,
        closed_at=state.closed_at,
        present=attended,
        newcomers=state.newcomers & attended,
        late=state.late & attended,
        left_early=state.left_early,
        headcount=(state.counted_heads or 0) if state.headcount_only else len(attended),
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
    )


# --------------------------------------------------------------------------- live session


def _new_hex_id() -> str:
    return uuid4().hex


class LiveSession:
    """A log and its state, side by side.

    The screen's loop is: `events = live.propose(command)`, store the events, then
    `live.accept(events)`. `do()` does both at once, for tests and tools that store nothing.
    """

    def __init__(
        self, clock: Clock, new_id: Callable[[], str] = _new_hex_id, events: Iterable[Event] = ()
    ) -> None:
        self._clock = clock
        self._new_id = new_id
        self._events: list[Event] = list(events)
        self._state = replay(self._events)

    @property
    def state(self) -> SessionState:
        return self._state

    @property
    def events(self) -> tuple[Event, ...]:
        return tuple(self._events)

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

    def do(self, command: Command) -> list[Event]:
        events = self.propose(command)
        self.accept(events)
        return events

    def summary(self) -> SessionSummary:
        return summary(self._state, self._clock.now())
