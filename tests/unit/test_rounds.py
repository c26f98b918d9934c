"""Rounds nobody falls out of: lined up as the part starts, joined by late arrivals, never left silently,
and passing by whoever stepped out until they are back."""

from __future__ import annotations

import pytest

from circle.domain.clock import FakeClock
from circle.domain.session import commands as cmd
from circle.domain.session import (
    Event,
    EventKind,
    LiveSession,
    PartNotFinished,
    RoundOrderMode,
    SessionRuleError,
    replay,
)
from circle.domain.session.merge import merge_logs
from tests.meeting_builders import BREAK, CLOSING, FORMAT, SHARING, K, sequential_ids

HERE = ("m-ada", "m-bo", "m-cy")


def meeting(
    order: RoundOrderMode | None = RoundOrderMode.ROSTER,
    phases=FORMAT,
    here: tuple[str, ...] = HERE,
) -> LiveSession:
    """A meeting opened with a default round order, `here` arrived, agreements read, in its opening."""
    live = LiveSession(FakeClock(), new_id=sequential_ids())
    live.do(cmd.Open("g-1", phases, 90, 300, "f-lead", round_order=order))
    for member in here:
        live.do(cmd.Arrive(member))
    live.do(cmd.StartPhase(0))
    live.do(cmd.ReadAgreements())
    return live


def kinds(events: list[Event]) -> list[EventKind]:
    return [event.kind for event in events]


# --------------------------------------------------------------------------- lined up as the part starts


def test_a_check_in_starts_with_its_round_lined_up_in_the_order_given():
    live = meeting()
    events = live.do(cmd.NextPhase(lineup=("m-bo", "m-ada", "m-cy")))
    assert kinds(events) == [EventKind.PHASE_STARTED, EventKind.ROUND_ORDER_SET]
    assert live.state.round_order_mode == "roster"
    assert live.state.next_up == "m-bo"
    live.do(cmd.StartTurn())
    assert live.state.speaker == "m-bo"


def test_a_volunteers_round_lines_up_nobody_and_a_turn_goes_to_whoever_is_chosen():
    live = meeting(RoundOrderMode.VOLUNTEERS)
    live.do(cmd.NextPhase(lineup=()))
    assert live.state.round_order_mode == "volunteers" and live.state.next_up is None
    live.do(cmd.StartTurn("m-cy"))
    assert live.state.speaker == "m-cy"


@pytest.mark.parametrize(
    ("lineup", "why"),
    [
        (("m-ada", "m-ada"), "twice"),
        (("m-ada", "m-zed"), "not here"),
        (("not an id!",), "not a member id"),
    ],
)
def test_a_lineup_holds_only_people_here_each_once(lineup, why):
    live = meeting()
    with pytest.raises(SessionRuleError, match=why):
        live.do(cmd.NextPhase(lineup=lineup))
    assert live.state.phase is K.OPENING


def test_only_a_round_with_a_default_order_is_lined_up():
    live = meeting(order=None)
    with pytest.raises(SessionRuleError, match="no round order"):
        live.do(cmd.NextPhase(lineup=HERE))
    live.do(cmd.NextPhase())
    assert live.state.round_order == () and live.state.next_up is None  # as before: until `o` is pressed
    ordered = meeting()
    with pytest.raises(SessionRuleError, match="check-in or closing"):
        ordered.do(cmd.StartPhase(SHARING, lineup=HERE))


# --------------------------------------------------------------------------- arrivals


def test_someone_arriving_during_the_round_joins_its_end_newcomers_too():
    live = meeting()
    live.do(cmd.NextPhase(lineup=HERE))
    live.do(cmd.StartTurn())
    live.do(cmd.Arrive("m-late"))
    live.do(cmd.Arrive("m-new", newcomer=True))
    assert live.state.round_order == (*HERE, "m-late", "m-new")
    assert live.state.still_to_speak == ("m-bo", "m-cy", "m-late", "m-new")
    assert replay(live.events) == live.state


def test_someone_who_left_and_comes_back_rejoins_in_their_place_unless_done():
    live = meeting()
    live.do(cmd.NextPhase(lineup=HERE))
    live.do(cmd.StartTurn())  # m-ada
    live.do(cmd.Leave("m-bo"))
    live.do(cmd.Leave("m-ada"))
    assert live.state.still_to_speak == ("m-cy",)
    live.do(cmd.Arrive("m-bo"))
    live.do(cmd.Arrive("m-ada"))
    assert live.state.still_to_speak == ("m-bo", "m-cy")  # m-ada had her turn


def test_arrivals_in_a_volunteers_round_or_in_sharing_are_not_lined_up():
    live = meeting(RoundOrderMode.VOLUNTEERS)
    live.do(cmd.NextPhase(lineup=()))
    live.do(cmd.Arrive("m-late"))
    assert live.state.round_order == ()
    ordered = meeting()
    ordered.do(cmd.StartPhase(SHARING, confirmed=True))
    ordered.do(cmd.Arrive("m-late"))
    assert ordered.state.queue == () and "m-late" not in ordered.state.round_order


def test_both_copies_of_a_handoff_agree_on_who_joined_the_round():
    live = meeting()
    live.do(cmd.NextPhase(lineup=HERE))
    ours = LiveSession(FakeClock(live.clock.now()), new_id=sequential_ids("o"), events=live.events)
    theirs = LiveSession(FakeClock(live.clock.now()), new_id=sequential_ids("t"), events=live.events)
    ours.clock.advance(10)
    ours.do(cmd.Arrive("m-late"))
    theirs.clock.advance(20)
    theirs.do(cmd.Arrive("m-new", newcomer=True))
    one, other = merge_logs(ours.events, theirs.events), merge_logs(theirs.events, ours.events)
    assert one.events == other.events and one.set_aside == 0
    assert replay(one.events).round_order == (*HERE, "m-late", "m-new")


# --------------------------------------------------------------------------- leaving a part


def test_leaving_a_check_in_with_people_still_to_speak_is_refused_until_confirmed():
    live = meeting()
    live.do(cmd.NextPhase(lineup=HERE))
    live.do(cmd.StartTurn())
    with pytest.raises(PartNotFinished, match="^2 people have not checked in yet.$") as refused:
        live.do(cmd.NextPhase())
    assert refused.value.waiting == 2 and live.state.phase is K.CHECK_IN
    live.do(cmd.EndTurn())
    live.do(cmd.PassTurn())
    with pytest.raises(PartNotFinished, match="^1 person has not checked in yet.$"):
        live.do(cmd.StartPhase(BREAK))
    live.do(cmd.NextPhase(confirmed=True))
    assert live.state.phase is K.SHARING


def test_leaving_sharing_with_people_queued_is_refused_and_the_next_part_starts_with_no_queue():
    live = meeting()
    live.do(cmd.StartPhase(SHARING, confirmed=True))
    for member in HERE:
        live.do(cmd.Enqueue(member))
    live.do(cmd.StartTurn())
    with pytest.raises(PartNotFinished, match="^2 people are still in the sharing queue.$"):
        live.do(cmd.NextPhase())
    live.do(cmd.NextPhase(confirmed=True))
    assert live.state.phase is K.BREAK and live.state.queue == () and live.state.still_to_speak == ()


def test_an_opening_whose_agreements_are_unread_asks_before_moving_on():
    live = LiveSession(FakeClock(), new_id=sequential_ids())
    live.do(cmd.Open("g-1", FORMAT, 90, 300, "f-lead"))
    live.do(cmd.NextPhase())  # into the opening: nothing to leave yet
    with pytest.raises(PartNotFinished, match="agreements have not been marked read"):
        live.do(cmd.NextPhase())
    live.do(cmd.ReadAgreements())
    live.do(cmd.NextPhase())
    assert live.state.phase is K.CHECK_IN


def test_a_round_everyone_had_a_turn_in_is_left_without_asking():
    live = meeting()
    live.do(cmd.NextPhase(lineup=HERE))
    for _ in HERE:
        live.do(cmd.StartTurn())
    live.do(cmd.EndTurn())
    live.do(cmd.NextPhase())
    assert live.state.phase is K.SHARING


def test_someone_out_of_the_room_before_their_turn_is_still_counted_as_waiting():
    live = meeting()
    live.do(cmd.NextPhase(lineup=HERE))
    live.do(cmd.PassTurn("m-ada"))
    live.do(cmd.PassTurn("m-bo"))
    live.do(cmd.StepOut("m-cy"))
    with pytest.raises(PartNotFinished, match="1 person has not checked in yet"):
        live.do(cmd.NextPhase())
    live.do(cmd.NextPhase(confirmed=True))
    assert live.state.phase is K.SHARING


# --------------------------------------------------------------------------- parts in any order


def test_parts_in_any_order_with_two_sharing_parts_replay_the_same():
    phases = ((K.GROUNDING, 5), (K.CHECK_IN, 10), (K.SHARING, 30), (K.BREAK, 5), (K.SHARING, 20), (K.CLOSING, 10))
    live = meeting(phases=phases)
    live.do(cmd.NextPhase(lineup=("m-cy", "m-ada", "m-bo")))
    assert live.state.next_up == "m-cy"
    live.do(cmd.NextPhase(confirmed=True))  # the first sharing
    live.do(cmd.Enqueue("m-bo"))
    live.do(cmd.NextPhase(confirmed=True))  # the break: the queue is gone
    assert live.state.queue == ()
    live.do(cmd.NextPhase())  # the second sharing starts empty and is its own part
    assert live.state.phase is K.SHARING and live.state.phase_index == 4 and live.state.queue == ()
    live.do(cmd.Enqueue("m-ada"))
    live.do(cmd.StartTurn())
    live.do(cmd.EndTurn())
    live.do(cmd.NextPhase(lineup=HERE))
    assert live.state.phase is K.CLOSING and live.state.still_to_speak == HERE
    assert replay(live.events) == live.state


# --------------------------------------------------------------------------- stepping out and back


def test_stepping_out_sets_their_turn_aside_and_the_round_passes_them_by_until_they_are_back():
    live = meeting()
    live.do(cmd.NextPhase(lineup=HERE))
    live.do(cmd.StartTurn())
    events = live.do(cmd.StepOut("m-ada"))
    assert kinds(events) == [EventKind.STEPPED_OUT]
    assert events[-1].data == {"member_id": "m-ada"}
    assert live.state.speaker is None and live.state.stepped_out == {"m-ada"}
    assert "m-ada" not in live.state.done_in_phase and live.state.shared_count == 0  # their turn still waits
    live.do(cmd.StepOut("m-bo"))
    assert live.state.next_up == "m-cy"
    with pytest.raises(SessionRuleError, match="stepped out"):
        live.do(cmd.StartTurn("m-bo"))
    live.do(cmd.StepBack("m-bo"))
    assert live.state.next_up == "m-bo" and live.state.stepped_out == {"m-ada"}
    assert live.state.stepped_out_count == 2
    live.do(cmd.StepBack("m-ada"))
    assert "m-ada" in live.state.still_to_speak  # back, and their turn is still to come
    assert replay(live.events) == live.state


def test_a_speaker_who_steps_out_during_sharing_waits_at_the_head_of_the_queue():
    live = meeting(phases=((K.SHARING, 30),))  # already in its one part
    live.do(cmd.Enqueue("m-bo"))
    live.do(cmd.StartTurn("m-ada"))
    live.do(cmd.StepOut("m-ada"))
    assert live.state.queue == ("m-ada", "m-bo") and live.state.next_up == "m-bo"
    live.do(cmd.StepBack("m-ada"))
    assert live.state.next_up == "m-ada" and live.state.shared_count == 0


def test_a_step_out_is_of_someone_here_once_and_back_only_after_out():
    live = meeting()
    with pytest.raises(SessionRuleError, match="not here"):
        live.do(cmd.StepOut("m-zed"))
    live.do(cmd.StepOut("m-ada"))
    with pytest.raises(SessionRuleError, match="already stepped out"):
        live.do(cmd.StepOut("m-ada"))
    with pytest.raises(SessionRuleError, match="has not stepped out"):
        live.do(cmd.StepBack("m-bo"))
    live.do(cmd.Leave("m-ada"))  # leaving ends being out
    assert live.state.stepped_out == frozenset()


def test_an_older_step_out_without_a_member_still_replays_as_a_count():
    live = meeting()
    live.do(cmd.StepOut())
    older = [
        Event(e.id, e.seq, e.kind, e.at, {} if e.kind is EventKind.STEPPED_OUT else e.data) for e in live.events
    ]
    state = replay(older)
    assert state.stepped_out_count == 1 and state.stepped_out == frozenset()


def test_the_closing_round_is_lined_up_again_as_it_starts():
    live = meeting()
    live.do(cmd.NextPhase(lineup=HERE))
    live.do(cmd.StartPhase(CLOSING, lineup=("m-cy", "m-bo", "m-ada"), confirmed=True))
    assert live.state.still_to_speak == ("m-cy", "m-bo", "m-ada")
    assert live.state.phase_index == CLOSING
