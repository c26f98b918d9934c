"""What several deciders check before they decide: a member id that fits, a member here, a turn phase."""

from __future__ import annotations

from circle.domain.session.checks import is_id
from circle.domain.session.errors import SessionRuleError
from circle.domain.session.registry import Change
from circle.domain.session.schema import EventKind
from circle.domain.session.state import TURN_PHASES, SessionState
from circle.language import _


def known_member(state: SessionState, member_id: object) -> str:
    """`member_id`, if this group keeps a member list and it is an id."""
    if state.headcount_only:
        raise SessionRuleError(_("This group counts heads only; it keeps no member list."))
    if not is_id(member_id):
        raise SessionRuleError(_("That is not a member id."))
    return member_id  # type: ignore[return-value]


def present_member(state: SessionState, member_id: object) -> str:
    """`member_id`, if that member is here."""
    member = known_member(state, member_id)
    if member not in state.present:
        raise SessionRuleError(_("That member is not here."))
    return member


def ending_turn(state: SessionState) -> list[Change]:
    """The event that ends the turn under way, if one is: a new turn, phase or the close ends it first."""
    return [(EventKind.TURN_ENDED, {"member_id": state.speaker})] if state.in_turn else []


def require_turn_phase(state: SessionState) -> None:
    if state.phase is None:
        raise SessionRuleError(_("The meeting has not started."))
    if state.phase not in TURN_PHASES:
        raise SessionRuleError(_("Turns are taken in check-in, sharing and closing."))


def require_running(state: SessionState) -> None:
    if state.is_paused:
        raise SessionRuleError(_("The meeting is paused."))
