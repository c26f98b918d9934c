"""Where a session stands: a fold of its events, with the questions screens ask of it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import NamedTuple

from circle.domain.group import Phase, PhaseKind
from circle.domain.session.frozen_map import FrozenMap
from circle.domain.session.timing import Timer, fair_share

TURN_PHASES = frozenset({PhaseKind.CHECK_IN, PhaseKind.SHARING, PhaseKind.CLOSING})
ROUND_PHASES = frozenset({PhaseKind.CHECK_IN, PhaseKind.CLOSING})  # everyone in turn, in an order
SHARED = "shared"
PASSED = "passed"


class PlannedPart(NamedTuple):
    """One part of the meeting as the opening event snapshots it. `turn_seconds` None: the kind's default."""

    kind: PhaseKind
    minutes: int
    title: str = ""
    turn_seconds: float | None = None

    @classmethod
    def of(cls, phase: Phase, turn_minutes: float | None) -> PlannedPart:
        return cls(phase.kind, phase.minutes, phase.title, None if turn_minutes is None else turn_minutes * 60)

    @property
    def shown_title(self) -> str:
        return self.title or self.kind.title

    def name_in(self, translate: Callable[[str], str]) -> str:
        """The name the facilitator sees: the group's own, else its kind's in `translate`'s language."""
        return self.title or translate(self.kind.title)


@dataclass(frozen=True)
class SessionState:
    """Where a session stands: a fold of its events. Compare with ==; read timers with a `now`."""

    # The format snapshot from the opening event.
    group_id: str | None = None
    phases: tuple[PlannedPart, ...] = ()
    check_in_turn_seconds: float = 0.0  # the default turn of check-in and closing parts
    sharing_turn_seconds: float = 0.0  # the default turn of sharing parts
    round_order_default: str | None = None  # a RoundOrderMode value: how rounds line up as they start
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
    guests: int = 0  # anonymous visitors beside the roster; a headcount-only group counts them in its heads
    agreements_read: bool = False
    agreements_read_full: bool = False
    # Pauses: completed pauses add up in paused_seconds; an ongoing one began at paused_since.
    paused_since: datetime | None = None
    paused_seconds: float = 0.0
    facilitators: tuple[tuple[str, datetime], ...] = ()  # (facilitator id, from)
    stepped_out_count: int = 0
    stepped_out: frozenset[str] = frozenset()  # here, but out of the room with a co-facilitator for now
    next_meeting: str | None = None
    topic: str = ""  # the topic or reading of this meeting, from the group's list
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
    def topic_may_change(self) -> bool:
        """The facilitator may take another topic before the meeting begins and during its opening."""
        return self.is_open and (self.phase_index is None or self.phases[self.phase_index].kind is PhaseKind.OPENING)

    @property
    def part(self) -> PlannedPart | None:
        return None if self.phase_index is None else self.phases[self.phase_index]

    @property
    def phase(self) -> PhaseKind | None:
        return None if self.phase_index is None else self.phases[self.phase_index].kind

    @property
    def turn_seconds(self) -> float | None:
        """The time box of one turn in the current part (None outside check-in, sharing and closing)."""
        part = self.part
        if part is None or part.kind not in TURN_PHASES:
            return None
        if part.turn_seconds is not None:
            return part.turn_seconds
        return self.sharing_turn_seconds if part.kind is PhaseKind.SHARING else self.check_in_turn_seconds

    @property
    def planned_minutes(self) -> int:
        return sum(part.minutes for part in self.phases)

    @property
    def planned_end(self) -> datetime | None:
        """The meeting's start plus its planned length plus every completed pause."""
        if self.started_at is None:
            return None
        return self.started_at + timedelta(minutes=self.planned_minutes, seconds=self.paused_seconds)

    @property
    def expected_end(self) -> datetime | None:
        """`planned_end`; a meeting opened and not yet started is expected to end its planned length after opening."""
        if self.started_at is None and self.opened_at is not None:
            return self.opened_at + timedelta(minutes=self.planned_minutes)
        return self.planned_end

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
        """Everyone in the room: the counted heads, or the members here and the guests."""
        if self.headcount_only:
            return self.counted_heads or 0
        return len(self.present) + self.guests

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
            return tuple(m for m in self.queue if m != self.speaker and m not in self.stepped_out)
        return tuple(
            m
            for m in self.round_order
            if m in self.present and m not in self.done_in_phase and m != self.speaker and m not in self.stepped_out
        )

    @property
    def round_is_lined_up(self) -> bool:
        """A check-in or closing whose order was set: everyone here is to have a turn (volunteers as they go)."""
        return self.phase in ROUND_PHASES and self.round_order_mode is not None

    @property
    def not_yet_heard(self) -> tuple[str, ...]:
        """Who would be left out if the part ended now: in a lined-up round, everyone here who has not had
        a turn (in the round's order, then the rest); in sharing, the queue. The speaker is not counted; someone
        out of the room with a co-facilitator is, as their turn is still to come."""
        if self.phase is PhaseKind.SHARING:
            return tuple(m for m in self.queue if m != self.speaker)
        if not self.round_is_lined_up or self.is_closed:
            return ()
        rest = sorted(self.present - set(self.round_order))
        return tuple(
            m
            for m in dict.fromkeys((*self.round_order, *rest))
            if m in self.present and m not in self.done_in_phase and m != self.speaker
        )

    @property
    def next_up(self) -> str | None:
        waiting = self.still_to_speak
        return waiting[0] if waiting else None


def suggested_turn_seconds(state: SessionState, now: datetime, member_id: str | None = None) -> float | None:
    """The time box a turn starting at `now` would get (None outside check-in, sharing and closing).

    In sharing: the fair share of the phase's remaining time among those still to speak, this
    speaker included, at most the part's turn length. In check-in and closing: the part's turn length.
    """
    turn = state.turn_seconds
    if turn is None or state.phase_timer is None:
        return None
    if state.phase is not PhaseKind.SHARING:
        return float(turn)
    if state.headcount_only:
        done = state.turns_in_phase + (1 if state.in_turn else 0)
        speakers = max(1, state.headcount - done)
    else:
        member = member_id if member_id is not None else state.next_up
        speakers = len([m for m in state.still_to_speak if m != member]) + 1
    return fair_share(state.phase_timer.remaining(now), speakers, turn)



def ongoing_pause_seconds(state: SessionState, at: datetime) -> float:
    """How long the pause still going on has lasted at `at` (0 when not paused)."""
    if state.paused_since is None:
        return 0.0
    return max(0.0, (at - state.paused_since).total_seconds())


def without(items: tuple[str, ...], member: str | None) -> tuple[str, ...]:
    """`items` (a queue or an order of members) with `member` taken out."""
    return tuple(m for m in items if m != member)
