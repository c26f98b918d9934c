"""Deciders for the flow of a meeting: phases, the round order and queue, turns, pauses.

Each turns one command into the events it leads to, or raises SessionRuleError; see decide.py.
"""

from __future__ import annotations

from datetime import datetime

from circle.domain.session.checks import is_count, is_extension
from circle.domain.session.commands import (
    Dequeue,
    EndTurn,
    Enqueue,
    ExtendTurn,
    MoveInQueue,
    NextPhase,
    PassTurn,
    Pause,
    Resume,
    RoundOrderMode,
    SetRoundOrder,
    StartPhase,
    StartTurn,
)
from circle.domain.session.errors import SessionRuleError
from circle.domain.session.guards import (
    ending_turn,
    known_member,
    present_member,
    require_running,
    require_turn_phase,
)
from circle.domain.session.leaving import refuse_unfinished
from circle.domain.session.registry import Change, decides
from circle.domain.session.schema import EventKind
from circle.domain.session.state import (
    ROUND_PHASES,
    SessionState,
    suggested_turn_seconds,
    without,
)
from circle.domain.session.waiting import nobody_lined_up
from circle.language import _


def _start_phase(state: SessionState, index: object, command: StartPhase | NextPhase) -> list[Change]:
    require_running(state)
    if not is_count(index) or not 0 <= index < len(state.phases):  # type: ignore[operator]
        raise SessionRuleError(_("The format has no such phase."))
    if index == state.phase_index:
        raise SessionRuleError(_("That phase is already under way."))
    if command.confirmed is not True:
        refuse_unfinished(state)
    changes = [*ending_turn(state), (EventKind.PHASE_STARTED, {"index": index})]
    if command.lineup is not None:
        changes.append(_lineup(state, index, command.lineup))  # type: ignore[arg-type]
    return changes


def _lineup(state: SessionState, index: int, lineup: object) -> Change:
    """The round lined up as its part starts, in the meeting's default order."""
    if state.round_order_default is None:
        raise SessionRuleError(_("This meeting has no round order to line up."))
    if state.phases[index].kind not in ROUND_PHASES:
        raise SessionRuleError(_("Only a check-in or closing round is lined up."))
    if not isinstance(lineup, tuple):
        raise SessionRuleError(_("A round is lined up as a list of the people here."))
    return _order_set(state, state.round_order_default, lineup)


def _order_set(state: SessionState, mode: object, member_ids: tuple[object, ...]) -> Change:
    if mode not in tuple(RoundOrderMode):
        raise SessionRuleError(_("A round order is roster, random or volunteers."))
    members = [present_member(state, member) for member in member_ids]
    if len(set(members)) != len(members):
        raise SessionRuleError(_("Someone is in the order twice."))
    return (EventKind.ROUND_ORDER_SET, {"mode": str(mode), "member_ids": members})


@decides(StartPhase)
def _decide_start_phase(state: SessionState, command: StartPhase, at: datetime) -> list[Change]:
    return _start_phase(state, command.index, command)


@decides(NextPhase)
def _decide_next_phase(state: SessionState, command: NextPhase, at: datetime) -> list[Change]:
    index = 0 if state.phase_index is None else state.phase_index + 1
    if index >= len(state.phases):
        raise SessionRuleError(_("This is the last phase."))
    return _start_phase(state, index, command)


@decides(SetRoundOrder)
def _decide_round_order(state: SessionState, command: SetRoundOrder, at: datetime) -> list[Change]:
    return [_order_set(state, command.mode, command.member_ids)]


def _queue_change(action: str, member: str, queue: tuple[str, ...]) -> list[Change]:
    return [(EventKind.QUEUE_CHANGED, {"action": action, "member_id": member, "queue": list(queue)})]


@decides(Enqueue)
def _decide_enqueue(state: SessionState, command: Enqueue, at: datetime) -> list[Change]:
    member = present_member(state, command.member_id)
    if member in state.queue:
        raise SessionRuleError(_("That member is already in the queue."))
    if member == state.speaker:
        raise SessionRuleError(_("That member is speaking."))
    return _queue_change("enqueue", member, (*state.queue, member))


def _queued(state: SessionState, member_id: object) -> str:
    member = known_member(state, member_id)
    if member not in state.queue:
        raise SessionRuleError(_("That member is not in the queue."))
    return member


@decides(Dequeue)
def _decide_dequeue(state: SessionState, command: Dequeue, at: datetime) -> list[Change]:
    member = _queued(state, command.member_id)
    return _queue_change("dequeue", member, without(state.queue, member))


@decides(MoveInQueue)
def _decide_move(state: SessionState, command: MoveInQueue, at: datetime) -> list[Change]:
    member = _queued(state, command.member_id)
    position = command.position
    if not is_count(position) or not 0 <= position < len(state.queue):
        raise SessionRuleError(_("That place is not in the queue."))
    if state.queue.index(member) == position:
        return []  # already there: nothing happened, so nothing is logged
    rest = list(without(state.queue, member))
    rest.insert(position, member)
    return _queue_change("move", member, tuple(rest))


@decides(StartTurn)
def _decide_start_turn(state: SessionState, command: StartTurn, at: datetime) -> list[Change]:
    require_turn_phase(state)
    require_running(state)
    member: str | None = None
    if state.headcount_only:
        if command.member_id is not None:
            raise SessionRuleError(_("This group counts heads only; turns are anonymous."))
    else:
        chosen = command.member_id if command.member_id is not None else state.next_up
        if chosen is None:
            raise nobody_lined_up(state)
        member = present_member(state, chosen)
        if member == state.speaker:
            raise SessionRuleError(_("That member is already speaking."))
        if member in state.stepped_out:
            raise SessionRuleError(_("That member has stepped out; mark them back first."))
    budget = suggested_turn_seconds(state, at, member)
    return [*ending_turn(state), (EventKind.TURN_STARTED, {"member_id": member, "budget_seconds": budget})]


@decides(ExtendTurn)
def _decide_extend(state: SessionState, command: ExtendTurn, at: datetime) -> list[Change]:
    if not state.in_turn:
        raise SessionRuleError(_("Nobody is speaking."))
    if not is_extension(command.seconds):
        raise SessionRuleError(_("A turn is extended by 1 second to 30 minutes."))
    return [(EventKind.TURN_EXTENDED, {"seconds": float(command.seconds)})]


@decides(PassTurn)
def _decide_pass(state: SessionState, command: PassTurn, at: datetime) -> list[Change]:
    require_turn_phase(state)
    if state.headcount_only and command.member_id is not None:
        raise SessionRuleError(_("This group counts heads only; turns are anonymous."))
    if state.in_turn:
        if command.member_id is not None and command.member_id != state.speaker:
            raise SessionRuleError(_("Someone else is speaking."))
        member = state.speaker
    elif state.headcount_only:
        member = None
    else:
        chosen = command.member_id if command.member_id is not None else state.next_up
        if chosen is None:
            raise nobody_lined_up(state)
        member = present_member(state, chosen)
    return [(EventKind.TURN_PASSED, {"member_id": member})]


@decides(EndTurn)
def _decide_end_turn(state: SessionState, command: EndTurn, at: datetime) -> list[Change]:
    if not state.in_turn:
        raise SessionRuleError(_("Nobody is speaking."))
    return ending_turn(state)


@decides(Pause)
def _decide_pause(state: SessionState, command: Pause, at: datetime) -> list[Change]:
    if not state.is_started:
        raise SessionRuleError(_("The meeting has not started."))
    if state.is_paused:
        raise SessionRuleError(_("The meeting is already paused."))
    return [(EventKind.PAUSED, {})]


@decides(Resume)
def _decide_resume(state: SessionState, command: Resume, at: datetime) -> list[Change]:
    if not state.is_paused:
        raise SessionRuleError(_("The meeting is not paused."))
    return [(EventKind.RESUMED, {})]
