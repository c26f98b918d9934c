"""Who facilitated which part of a meeting, from its log."""

from __future__ import annotations

from circle.domain.facilitation import FacilitatedPart, facilitated_parts
from circle.domain.session import ChangeFacilitator, Close, LiveSession, NextPhase, StartTurn
from tests.meeting_builders import BREAK, CHECK_IN, CLOSING, OPENING, SHARING, opened_meeting



def opened_by(facilitator: str) -> LiveSession:
    return opened_meeting(["m-ada"], facilitator=facilitator)


def through_phase(live: LiveSession, last: int) -> None:
    """Go on phase by phase until `last` is under way, ten minutes each."""
    while live.state.phase_index is None or live.state.phase_index < last:
        live.clock.advance(minutes=10)
        live.do(NextPhase(confirmed=True))


def test_one_facilitator_is_credited_with_every_phase_of_the_meeting():
    live = opened_by("f-lead")
    through_phase(live, CLOSING)
    live.do(Close())
    assert facilitated_parts(live.events) == (FacilitatedPart("f-lead", (0, 1, 2, 3, 4)),)


def test_a_takeover_in_the_middle_of_sharing_credits_sharing_to_both():
    live = opened_by("f-lead")
    through_phase(live, SHARING)
    live.do(StartTurn("m-ada"))
    live.clock.advance(minutes=5)
    live.do(ChangeFacilitator("f-co"))
    through_phase(live, CLOSING)
    live.do(Close())
    assert facilitated_parts(live.events) == (
        FacilitatedPart("f-lead", (OPENING, CHECK_IN, SHARING)),
        FacilitatedPart("f-co", (SHARING, BREAK, CLOSING)),
    )


def test_a_facilitator_who_hands_back_has_one_entry_with_all_their_phases():
    live = opened_by("f-lead")
    through_phase(live, CHECK_IN)
    live.do(ChangeFacilitator("f-co"))
    through_phase(live, SHARING)
    live.do(ChangeFacilitator("f-lead"))
    through_phase(live, CLOSING)
    assert facilitated_parts(live.events) == (
        FacilitatedPart("f-lead", (OPENING, CHECK_IN, SHARING, BREAK, CLOSING)),
        FacilitatedPart("f-co", (CHECK_IN, SHARING)),
    )


def test_a_change_before_the_first_phase_credits_no_phase_to_whoever_opened():
    live = opened_by("f-lead")
    live.do(ChangeFacilitator("f-co"))
    through_phase(live, SHARING)
    assert facilitated_parts(live.events) == (
        FacilitatedPart("f-lead", ()),
        FacilitatedPart("f-co", (OPENING, CHECK_IN, SHARING)),
    )


def test_an_empty_log_has_no_facilitators():
    assert facilitated_parts(()) == ()
