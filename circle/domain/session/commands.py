"""What a facilitator can ask of a live session: one small frozen dataclass per command.

`decide` turns a command into events, or refuses it; a command itself checks nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from circle.domain.group import Group, PhaseKind, RoundOrderMode
from circle.domain.rules import NamesPolicy
from circle.domain.session.state import PlannedPart


@dataclass(frozen=True)
class Open:
    """Open the session. Only valid first; the opening event keeps a snapshot of the format.

    Each of `phases` is a PlannedPart, or a (kind, minutes) pair for a part with no name of its own that takes
    the default turn length of its kind. `round_order` is how check-in and closing rounds are lined up as they
    start (None: not until the facilitator chooses).
    """

    group_id: str
    phases: tuple[PlannedPart | tuple[PhaseKind, int], ...]
    check_in_turn_seconds: float
    sharing_turn_seconds: float
    facilitator_id: str
    headcount_only: bool = False
    round_order: RoundOrderMode | None = None
    topic: str = ""  # the topic or reading this meeting takes from the group's list ('' for none)

    @classmethod
    def for_group(cls, group: Group, facilitator_id: str, topic: str = "") -> Open:
        """The opening command for a group, from its meeting format and names policy, with the meeting's topic."""
        fmt = group.profile.format
        return cls(
            group_id=group.id,
            phases=tuple(PlannedPart.of(phase, fmt.turn_minutes(phase)) for phase in fmt.phases),
            check_in_turn_seconds=fmt.check_in_turn_minutes * 60,
            sharing_turn_seconds=fmt.sharing_turn_minutes * 60,
            facilitator_id=facilitator_id,
            headcount_only=group.rules.names is NamesPolicy.HEADCOUNT,
            round_order=fmt.round_order,
            topic=topic,
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
class AddGuest:
    """One more guest: a visitor who is nobody on the roster and has no name. Counted beside the roster."""


@dataclass(frozen=True)
class RemoveGuest:
    """One guest fewer: one was counted by mistake. A guest who leaves early still came."""


@dataclass(frozen=True)
class ReadAgreements:
    """The agreements were read; `full` = with confidentiality limits and mandated-reporter statement."""

    full: bool = False


@dataclass(frozen=True)
class StartPhase:
    """Start phase `index` of the format (0-based); ends any current turn.

    `lineup`: the round as it starts (a check-in or closing, in a meeting with a default round order), the
    people here in the caller's order (the engine knows no roster order, and a random order is shuffled by the
    caller; volunteers: nobody). `confirmed`: move on even though people are still waiting or queued, or the
    agreements are unread (refused with PartNotFinished otherwise).
    """

    index: int
    lineup: tuple[str, ...] | None = None
    confirmed: bool = False


@dataclass(frozen=True)
class NextPhase:
    """Start the phase after the current one (the first, if none has started); see StartPhase."""

    lineup: tuple[str, ...] | None = None
    confirmed: bool = False


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
    """A co-facilitator stepped out with a member: `member_id` (an opaque id; None: not by name), never why.

    A turn of theirs under way ends, and the round passes them by until they are back.
    """

    member_id: str | None = None


@dataclass(frozen=True)
class StepBack:
    """Someone who stepped out is back in the room, and in the round again if their turn is still to come."""

    member_id: str


@dataclass(frozen=True)
class SetNextMeeting:
    date: str  # ISO date ("2026-01-12") or date and time ("2026-01-12T19:00")


@dataclass(frozen=True)
class ChooseTopic:
    """The facilitator takes another topic or reading from the group's list for this meeting."""

    topic: str


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
    | AddGuest
    | RemoveGuest
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
    | StepBack
    | SetNextMeeting
    | ChooseTopic
    | RecordPulse
    | Close
)

