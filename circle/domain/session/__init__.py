"""The live session: an append-only log of events, and its state as a fold over them.

    commands  what a facilitator can ask        schema    each event kind and its data members
    decide    command + state -> events         events    one event and its JSON form
    evolve    state + event -> state (replay)   state     where a session stands
    summary   what a meeting comes to           live      a log and its state against a clock

The public names are gathered here, so callers need not know which file holds what.
"""

from circle.domain.group import PhaseKind
from circle.domain.records import PULSE_SCALE
from circle.domain.session.commands import (
    AddGuest,
    Arrive,
    ChangeFacilitator,
    Close,
    Command,
    Dequeue,
    EndTurn,
    Enqueue,
    ExtendTurn,
    Leave,
    MoveInQueue,
    NextPhase,
    Open,
    PassTurn,
    Pause,
    ReadAgreements,
    RecordPulse,
    RemoveGuest,
    Resume,
    RoundOrderMode,
    SetHeadcount,
    SetNextMeeting,
    ChooseTopic,
    SetRoundOrder,
    StartPhase,
    StartTurn,
    StepBack,
    StepOut,
)
from circle.domain.session.decide import decide
from circle.domain.session.errors import PartNotFinished, SessionLogError, SessionRuleError
from circle.domain.session.events import Event
from circle.domain.session.evolve import apply, replay
from circle.domain.session.frozen_map import FrozenMap
from circle.domain.session.live import LiveSession
from circle.domain.session.schema import EVENT_DATA_KEYS, EventKind
from circle.domain.session.state import (
    PASSED,
    ROUND_PHASES,
    TURN_PHASES,
    PlannedPart,
    SessionState,
    suggested_turn_seconds,
)
from circle.domain.session.summary import SessionSummary, summary

__all__ = [
    "AddGuest",
    "Arrive",
    "ChangeFacilitator",
    "Close",
    "Command",
    "Dequeue",
    "EVENT_DATA_KEYS",
    "EndTurn",
    "Enqueue",
    "Event",
    "EventKind",
    "ExtendTurn",
    "FrozenMap",
    "Leave",
    "LiveSession",
    "MoveInQueue",
    "NextPhase",
    "Open",
    "PASSED",
    "PULSE_SCALE",
    "PassTurn",
    "Pause",
    "PartNotFinished",
    "PhaseKind",
    "PlannedPart",
    "ReadAgreements",
    "ROUND_PHASES",
    "RecordPulse",
    "RemoveGuest",
    "Resume",
    "RoundOrderMode",
    "SessionLogError",
    "SessionRuleError",
    "SessionState",
    "SessionSummary",
    "SetHeadcount",
    "SetNextMeeting",
    "ChooseTopic",
    "SetRoundOrder",
    "StartPhase",
    "StartTurn",
    "StepBack",
    "StepOut",
    "TURN_PHASES",
    "apply",
    "decide",
    "replay",
    "suggested_turn_seconds",
    "summary",
]
