"""Deciders for the meeting as a whole: opening and closing, who is here, and what the record keeps.

Each turns one command into the events it leads to, or raises SessionRuleError; see decide.py.
"""

from __future__ import annotations

from datetime import datetime

from circle.domain.errors import CircleError
from circle.domain.group import Phase, PhaseKind, RoundOrderMode
from circle.domain.records import PULSE_SCALE
from circle.domain.session.checks import (
    is_headcount,
    is_id,
    is_part_plan,
    is_tally,
    is_topic,
    is_turn_length,
    meeting_date,
)
from circle.domain.session.commands import (
    AddGuest,
    Arrive,
    ChangeFacilitator,
    ChooseTopic,
    Close,
    Leave,
    Open,
    ReadAgreements,
    RecordPulse,
    RemoveGuest,
    SetHeadcount,
    SetNextMeeting,
    StepBack,
    StepOut,
)
from circle.domain.session.errors import SessionRuleError
from circle.domain.session.guards import ending_turn, known_member, present_member
from circle.domain.session.registry import Change, decides
from circle.domain.session.schema import EventKind
from circle.domain.session.state import PlannedPart, SessionState
from circle.language import N_, _, ngettext


@decides(Open)
def _decide_open(state: SessionState, command: Open, at: datetime) -> list[Change]:
    if state.is_closed:
        raise SessionRuleError(_("The session is closed."))
    if state.opened_at is not None:
        raise SessionRuleError(_("The session is already open."))
    if not is_id(command.group_id) or not is_id(command.facilitator_id):
        raise SessionRuleError(_("The session needs a group id and a facilitator id."))
    try:
        parts = [PlannedPart(*part) for part in command.phases]
        # Phase checks each part: its minutes, its name, and that only rounds have turns.
        for part in parts:
            Phase(PhaseKind(part.kind), part.minutes, part.title)
        if not is_part_plan(parts):
            raise ValueError("not a plan")
    except (CircleError, ValueError, TypeError):
        raise SessionRuleError(_("The meeting format is not valid.")) from None
    turns = (command.check_in_turn_seconds, command.sharing_turn_seconds)
    if not all(is_turn_length(turn) for turn in turns):
        raise SessionRuleError(_("A turn lasts 30 seconds to 30 minutes."))
    if command.round_order is not None and command.round_order not in tuple(RoundOrderMode):
        raise SessionRuleError(_("A round order is roster, random or volunteers."))
    if not is_topic(command.topic):
        raise SessionRuleError(_(_NOT_A_TOPIC))
    return [
        (
            EventKind.SESSION_OPENED,
            {
                "group_id": command.group_id,
                "phase_kinds": [str(part.kind) for part in parts],
                "phase_minutes": [part.minutes for part in parts],
                "phase_titles": [part.title for part in parts],
                "phase_turn_seconds": [part.turn_seconds for part in parts],
                "check_in_turn_seconds": float(command.check_in_turn_seconds),
                "sharing_turn_seconds": float(command.sharing_turn_seconds),
                "facilitator_id": command.facilitator_id,
                "headcount_only": bool(command.headcount_only),
                "round_order": None if command.round_order is None else str(command.round_order),
                "topic": command.topic,
            },
        )
    ]


@decides(Arrive)
def _decide_arrive(state: SessionState, command: Arrive, at: datetime) -> list[Change]:
    member = known_member(state, command.member_id)
    if member in state.present:
        raise SessionRuleError(_("That member is already here."))
    return [(EventKind.MEMBER_ARRIVED, {"member_id": member, "newcomer": bool(command.newcomer)})]


@decides(Leave)
def _decide_leave(state: SessionState, command: Leave, at: datetime) -> list[Change]:
    member = present_member(state, command.member_id)
    ending = ending_turn(state) if state.speaker == member else []
    return [*ending, (EventKind.MEMBER_LEFT, {"member_id": member})]


@decides(SetHeadcount)
def _decide_headcount(state: SessionState, command: SetHeadcount, at: datetime) -> list[Change]:
    if not state.headcount_only:
        raise SessionRuleError(_("This group counts who is here from arrivals."))
    if not is_headcount(command.count):
        raise SessionRuleError(_("A headcount is a whole number from 0 to 1000."))
    return [(EventKind.HEADCOUNT_SET, {"count": command.count})]


@decides(AddGuest)
def _decide_add_guest(state: SessionState, command: AddGuest, at: datetime) -> list[Change]:
    if state.headcount_only:
        raise SessionRuleError(_("This group's headcount counts everyone in the room, guests included."))
    if not is_headcount(state.guests + 1):
        raise SessionRuleError(_("A meeting counts at most 1000 guests."))
    return [(EventKind.GUEST_ADDED, {})]


@decides(RemoveGuest)
def _decide_remove_guest(state: SessionState, command: RemoveGuest, at: datetime) -> list[Change]:
    if not state.guests:
        raise SessionRuleError(_("No guest is counted."))
    return [(EventKind.GUEST_REMOVED, {})]


@decides(ReadAgreements)
def _decide_agreements(state: SessionState, command: ReadAgreements, at: datetime) -> list[Change]:
    return [(EventKind.AGREEMENTS_READ, {"full": bool(command.full)})]


@decides(ChangeFacilitator)
def _decide_facilitator(state: SessionState, command: ChangeFacilitator, at: datetime) -> list[Change]:
    if not is_id(command.facilitator_id):
        raise SessionRuleError(_("That is not a facilitator id."))
    if command.facilitator_id == state.facilitator_id:
        raise SessionRuleError(_("They are already facilitating."))
    return [(EventKind.FACILITATOR_CHANGED, {"facilitator_id": command.facilitator_id})]


@decides(StepOut)
def _decide_step_out(state: SessionState, command: StepOut, at: datetime) -> list[Change]:
    if command.member_id is None:
        return [(EventKind.STEPPED_OUT, {"member_id": None})]
    member = present_member(state, command.member_id)
    if member in state.stepped_out:
        raise SessionRuleError(_("They have already stepped out."))
    # A turn of theirs under way is set aside by the step out itself, neither shared nor passed: it waits.
    return [(EventKind.STEPPED_OUT, {"member_id": member})]


@decides(StepBack)
def _decide_step_back(state: SessionState, command: StepBack, at: datetime) -> list[Change]:
    member = known_member(state, command.member_id)
    if member not in state.stepped_out:
        raise SessionRuleError(_("That member has not stepped out."))
    return [(EventKind.STEPPED_BACK, {"member_id": member})]


@decides(SetNextMeeting)
def _decide_next_meeting(state: SessionState, command: SetNextMeeting, at: datetime) -> list[Change]:
    try:
        when = meeting_date(command.date.strip())
    except (ValueError, AttributeError):
        raise SessionRuleError(_("The next meeting needs a date such as 2026-01-12.")) from None
    return [(EventKind.NEXT_MEETING_SET, {"date": when})]


_NOT_A_TOPIC = N_("A topic is one line of at most 200 characters.")
# Also said by the meeting screen before it asks which topic.
TOPIC_TOO_LATE = N_("The topic is chosen before the meeting or during its opening.")


@decides(ChooseTopic)
def _decide_topic(state: SessionState, command: ChooseTopic, at: datetime) -> list[Change]:
    if not is_topic(command.topic):
        raise SessionRuleError(_(_NOT_A_TOPIC))
    if not state.topic_may_change:
        raise SessionRuleError(_(TOPIC_TOO_LATE))
    if command.topic == state.topic:
        raise SessionRuleError(_("That is already the meeting's topic."))
    return [(EventKind.TOPIC_CHOSEN, {"topic": command.topic})]


@decides(RecordPulse)
def _decide_pulse(state: SessionState, command: RecordPulse, at: datetime) -> list[Change]:
    if state.phase is not PhaseKind.CLOSING:
        raise SessionRuleError(_("The pulse is counted during the closing."))
    counts = command.counts
    if not is_tally(counts):
        raise SessionRuleError(
            _("A pulse is {count} counts of hands, each a whole number from 0.").format(count=PULSE_SCALE)
        )
    hands, people = sum(counts), state.headcount
    if hands < 1:
        raise SessionRuleError(_("Nobody raised a hand: there is nothing to count."))
    if people == 0:
        raise SessionRuleError(_("Nobody is counted as here, so there are no hands to count."))
    if hands > people:
        # Past a million the number itself says nothing (and past 4300 digits Python will not write it).
        if hands >= 10**6:
            too_many = ngettext(
                "That is more hands than anyone could raise, and {count} person is here.",
                "That is more hands than anyone could raise, and {count} people are here.",
                people,
            )
            raise SessionRuleError(too_many.format(count=people))
        if people == 1:
            raise SessionRuleError(_("That is {hands} hands, and 1 person is here.").format(hands=hands))
        raise SessionRuleError(_("That is {hands} hands, and {count} people are here.").format(hands=hands, count=people))
    return [(EventKind.PULSE_RECORDED, {"counts": list(counts)})]


@decides(Close)
def _decide_close(state: SessionState, command: Close, at: datetime) -> list[Change]:
    return [*ending_turn(state), (EventKind.SESSION_CLOSED, {})]
