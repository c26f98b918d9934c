"""How each kind of event changes the state (its applier), and `apply`/`replay`, the fold over a log.

`apply` is pure and total for valid logs: replaying the stored log after a crash, or on a
co-facilitator's laptop, lands on the same phase, speaker and timers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from circle.domain.group import PhaseKind, RoundOrderMode
from circle.domain.session.checks import is_part_plan, is_tally
from circle.domain.session.errors import SessionLogError
from circle.domain.session.events import Event
from circle.domain.session.frozen_map import FrozenMap
from circle.domain.session.registry import APPLIERS, applies
from circle.domain.session.schema import EventKind, check_data
from circle.domain.session.state import PASSED, SHARED, PlannedPart, SessionState, ongoing_pause_seconds, without
from circle.domain.session.timing import Timer
from circle.language import _


@applies(EventKind.SESSION_OPENED)
def _opened(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    kinds = data["phase_kinds"]
    # A log from before parts had names and turns of their own: each part is called by its kind.
    titles = data.get("phase_titles", [""] * len(kinds))
    turns = data.get("phase_turn_seconds", [None] * len(kinds))
    parts = zip(kinds, data["phase_minutes"], titles, turns, strict=True)
    phases = tuple(PlannedPart(PhaseKind(kind), int(minutes), title, turn) for kind, minutes, title, turn in parts)
    if not is_part_plan(phases):
        raise ValueError("not a plan")
    return replace(
        state,
        group_id=data["group_id"],
        phases=phases,
        check_in_turn_seconds=data["check_in_turn_seconds"],
        sharing_turn_seconds=data["sharing_turn_seconds"],
        round_order_default=data.get("round_order"),
        headcount_only=data["headcount_only"],
        topic=data.get("topic", ""),
        opened_at=at,
        facilitators=((data["facilitator_id"], at),),
    )


@applies(EventKind.MEMBER_ARRIVED)
def _arrived(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    member = data["member_id"]
    # Late is decided once, at a first arrival after the meeting began; coming back is not arriving late.
    late = member not in state.attended and state.started_at is not None
    # Someone arriving while a round goes round joins its end, newcomers too; someone coming back who was
    # already in it keeps their place. Volunteers line up as they go, so their round has no end to join.
    joins = state.round_is_lined_up and state.round_order_mode != RoundOrderMode.VOLUNTEERS and member not in state.round_order
    return replace(
        state,
        present=state.present | {member},
        round_order=(*state.round_order, member) if joins else state.round_order,
        left_early=state.left_early - {member},
        newcomers=state.newcomers | {member} if data["newcomer"] else state.newcomers,
        late=state.late | {member} if late else state.late,
    )


@applies(EventKind.MEMBER_LEFT)
def _left(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    member = data["member_id"]
    # Before the meeting begins, "not here" corrects the attendance; only after it is leaving early.
    return replace(
        state,
        present=state.present - {member},
        left_early=state.left_early | {member} if state.is_started else state.left_early,
        queue=without(state.queue, member),
        stepped_out=state.stepped_out - {member},
    )


@applies(EventKind.HEADCOUNT_SET)
def _headcount_set(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    return replace(state, counted_heads=data["count"])


@applies(EventKind.GUEST_ADDED)
def _guest_added(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    return replace(state, guests=state.guests + 1)


@applies(EventKind.GUEST_REMOVED)
def _guest_removed(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    if not state.guests:
        raise ValueError("no guest to remove")
    return replace(state, guests=state.guests - 1)


@applies(EventKind.AGREEMENTS_READ)
def _agreements_read(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    return replace(state, agreements_read=True, agreements_read_full=state.agreements_read_full or data["full"])


@applies(EventKind.PHASE_STARTED)
def _phase_started(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    index = data["index"]
    meeting = state.meeting_timer or Timer(at, state.planned_minutes * 60.0)
    return replace(
        state,
        phase_index=index,
        phase_timer=Timer(at, state.phases[index].minutes * 60.0),
        started_at=state.started_at or at,
        meeting_timer=meeting,
        speaker=None,
        speaker_timer=None,
        done_in_phase=FrozenMap(),
        turns_in_phase=0,
        queue=(),  # a queue belongs to its part: nobody stays "in queue" through a break
    )


@applies(EventKind.ROUND_ORDER_SET)
def _round_order_set(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    # Once each: a crafted log may name someone twice.
    return replace(state, round_order=tuple(dict.fromkeys(data["member_ids"])), round_order_mode=data["mode"])


@applies(EventKind.QUEUE_CHANGED)
def _queue_changed(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    return replace(state, queue=tuple(dict.fromkeys(data["queue"])))


@applies(EventKind.TURN_STARTED)
def _turn_started(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    member = data["member_id"]
    return replace(
        state,
        speaker=member,
        speaker_timer=Timer(at, data["budget_seconds"]),
        queue=without(state.queue, member),
    )


@applies(EventKind.TURN_EXTENDED)
def _turn_extended(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    if state.speaker_timer is None:
        raise SessionLogError(_("The session log extends a turn nobody is taking."))
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
        queue=without(state.queue, member),
        speaker=None if ends_turn else state.speaker,
        speaker_timer=None if ends_turn else state.speaker_timer,
        shared_count=state.shared_count + shared,
        passed_count=state.passed_count + (not shared),
        shared_by=state.shared_by | named if shared else state.shared_by,
        passed_by=state.passed_by if shared else state.passed_by | named,
    )


@applies(EventKind.TURN_ENDED)
def _turn_ended(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    if not state.in_turn:
        raise SessionLogError(_("The session log ends a turn nobody is taking."))
    return _finish_turn(state, state.speaker, SHARED)


@applies(EventKind.TURN_PASSED)
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


@applies(EventKind.PAUSED)
def _paused(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    return replace(state, paused_since=at, **_timers(state, lambda timer: timer.paused(at)))


@applies(EventKind.RESUMED)
def _resumed(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    return replace(
        state,
        paused_since=None,
        paused_seconds=state.paused_seconds + ongoing_pause_seconds(state, at),
        **_timers(state, lambda timer: timer.resumed(at)),
    )


@applies(EventKind.FACILITATOR_CHANGED)
def _facilitator_changed(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    return replace(state, facilitators=(*state.facilitators, (data["facilitator_id"], at)))


@applies(EventKind.STEPPED_OUT)
def _stepped_out(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    # Always counted; named (in logs that name them) only while they are here: a merged log may say so late.
    member = data.get("member_id")
    if member not in state.present:
        return replace(state, stepped_out_count=state.stepped_out_count + 1)
    # Their turn, if under way, stops without counting as shared: it waits for them, at the head of the
    # sharing queue or in its place in the round.
    speaking = state.speaker == member and state.in_turn
    return replace(
        state,
        stepped_out_count=state.stepped_out_count + 1,
        stepped_out=state.stepped_out | {member},
        speaker=None if speaking else state.speaker,
        speaker_timer=None if speaking else state.speaker_timer,
        queue=(member, *state.queue) if speaking and state.phase is PhaseKind.SHARING else state.queue,
    )


@applies(EventKind.STEPPED_BACK)
def _stepped_back(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    return replace(state, stepped_out=state.stepped_out - {data["member_id"]})


@applies(EventKind.TOPIC_CHOSEN)
def _topic_chosen(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    return replace(state, topic=data["topic"])


@applies(EventKind.NEXT_MEETING_SET)
def _next_meeting_set(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    return replace(state, next_meeting=data["date"])


@applies(EventKind.PULSE_RECORDED)
def _pulse_recorded(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    if not is_tally(data["counts"]):
        raise ValueError("not a pulse")
    return replace(state, pulse=tuple(data["counts"]))


@applies(EventKind.SESSION_CLOSED)
def _closed(state: SessionState, data: Mapping[str, Any], at: datetime) -> SessionState:
    paused = state.paused_seconds + ongoing_pause_seconds(state, at)
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


def apply(state: SessionState, event: Event) -> SessionState:
    """The state after `event`. Pure; raises SessionLogError for a log that cannot be replayed."""
    if event.seq != state.event_count:
        raise SessionLogError(_("The session log is out of order."))
    if state.closed_at is not None:
        raise SessionLogError(_("The session log goes on after its closing."))
    if (state.opened_at is None) != (event.kind is EventKind.SESSION_OPENED):
        raise SessionLogError(_("The session log must begin with its opening, once."))
    try:
        check_data(event.kind, event.data)
        new = APPLIERS[event.kind](state, event.data, event.at)
    except (KeyError, TypeError, ValueError, IndexError) as error:
        raise SessionLogError(_("The session log holds an event that cannot be replayed.")) from error
    last = event.at if state.last_at is None else max(state.last_at, event.at)
    return replace(new, event_count=state.event_count + 1, last_at=last)


def replay(events: Iterable[Event]) -> SessionState:
    """The state a log leads to, from the empty state."""
    state = SessionState()
    for event in events:
        state = apply(state, event)
    return state
