"""Merging two copies of one meeting's log: a handoff taken away, continued, and brought back."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from circle.domain.clock import FakeClock
from circle.domain.session import commands as cmd
from circle.domain.session import (
    Event,
    EventKind,
    LiveSession,
    RoundOrderMode,
    SessionLogError,
    SessionRuleError,
    replay,
)
from circle.domain.session.merge import merge_logs
from tests.meeting_builders import BREAK, CHECK_IN, CLOSING, FORMAT, SHARING, opened_meeting, sequential_ids

MEMBERS = ("m-ada", "m-bo", "m-cy", "m-di")


def meeting_in(phase: int, round_order: RoundOrderMode | None = None) -> LiveSession:
    """A meeting that went through its phases up to `phase`, ten minutes each."""
    live = opened_meeting(MEMBERS, round_order=round_order)
    for index in range(phase + 1):
        live.do(cmd.StartPhase(index, confirmed=True))
        live.clock.advance(minutes=10)
    return live


def meeting_with_a_turn() -> LiveSession:
    """Sharing, with two people in the queue and m-ada speaking for a minute."""
    live = meeting_in(SHARING)
    live.do(cmd.Enqueue("m-bo"))
    live.do(cmd.Enqueue("m-cy"))
    live.do(cmd.StartTurn("m-ada"))
    live.clock.advance(60)
    return live


def copy_of(live: LiveSession, name: str) -> LiveSession:
    """The log as exported: a laptop of its own, with its own clock and ids, going on from here."""
    return LiveSession(FakeClock(live.clock.now()), new_id=sequential_ids(name), events=live.events)


def at(live: LiveSession, seconds: float, command: cmd.Command) -> list[Event]:
    """`command`, `seconds` after the copy's previous one."""
    live.clock.advance(seconds)
    return live.do(command)


def ids_of(events) -> list[str]:
    return [event.id for event in events]


# --------------------------------------------------------------------------- nothing new


def test_importing_the_same_log_twice_adds_nothing():
    ours = copy_of(meeting_with_a_turn(), "a")
    theirs = copy_of(ours, "b")
    at(theirs, 30, cmd.EndTurn())
    first = merge_logs(ours.events, theirs.events)
    again = merge_logs(first.events, theirs.events)
    assert (first.added, first.set_aside) == (1, 0)
    assert (again.added, again.set_aside) == (0, 0)
    assert again.events == first.events


def test_a_log_merged_with_itself_is_the_same_log():
    log = meeting_with_a_turn().events
    merged = merge_logs(log, log)
    assert merged.events == log
    assert (merged.added, merged.set_aside) == (0, 0)


def test_a_prefix_of_the_log_adds_nothing_and_the_full_log_adds_the_rest():
    log = meeting_with_a_turn().events
    prefix = log[:7]
    assert merge_logs(log, prefix).events == log
    assert (merge_logs(log, prefix).added, merge_logs(log, prefix).set_aside) == (0, 0)
    grown = merge_logs(prefix, log)
    assert grown.events == log
    assert (grown.added, grown.set_aside) == (len(log) - 7, 0)


def test_merging_into_an_empty_log_gives_the_other_log():
    log = meeting_with_a_turn().events
    merged = merge_logs((), log)
    assert merged.events == log
    assert (merged.added, merged.set_aside) == (len(log), 0)
    assert merge_logs(log, ()).events == log


def test_events_are_renumbered_from_zero_whatever_seq_they_came_with():
    log = meeting_with_a_turn().events
    shifted = [replace(event, seq=event.seq + 100) for event in log]
    assert merge_logs((), shifted).events == log


# --------------------------------------------------------------------------- going on


def test_the_other_sides_continuation_lands_on_their_phase_speaker_and_timers():
    exported = meeting_with_a_turn()
    ours, theirs = copy_of(exported, "a"), copy_of(exported, "b")
    at(ours, 20, cmd.StepOut())  # the lead stepped out with a member before handing over
    at(theirs, 60, cmd.StartTurn())
    at(theirs, 30, cmd.ExtendTurn(60))
    at(theirs, 30, cmd.Pause())
    at(theirs, 120, cmd.Resume())
    at(theirs, 200, cmd.NextPhase(confirmed=True))
    at(theirs, 60, cmd.NextPhase(confirmed=True))
    at(theirs, 10, cmd.StartTurn("m-di"))

    merged = merge_logs(ours.events, theirs.events)
    state = replay(merged.events)

    assert merged.set_aside == 0
    assert merged.added == len(theirs.events) - len(exported.events)
    assert (state.phase_index, state.speaker) == (CLOSING, "m-di")
    for timer in ("phase_timer", "meeting_timer", "speaker_timer"):
        assert getattr(state, timer) == getattr(theirs.state, timer)
    assert state.paused_seconds == theirs.state.paused_seconds == 120
    assert state.stepped_out_count == 1


def test_events_made_on_both_sides_are_ordered_by_time_and_each_sides_order_is_kept():
    exported = meeting_with_a_turn()
    ours, theirs = copy_of(exported, "a"), copy_of(exported, "b")
    ours_first = at(ours, 10, cmd.StepOut())
    theirs_first = at(theirs, 20, cmd.ChangeFacilitator("f-co"))
    ours_second = at(ours, 20, cmd.Arrive("m-late"))  # 30 s after the export
    theirs_second = at(theirs, 20, cmd.StartTurn("m-bo"))  # 40 s: ends m-ada's turn, then starts m-bo's

    merged = merge_logs(ours.events, theirs.events)

    new = merged.events[len(exported.events) :]
    assert ids_of(new) == ids_of([*ours_first, *theirs_first, *ours_second, *theirs_second])
    assert [event.kind for event in theirs_second] == [EventKind.TURN_ENDED, EventKind.TURN_STARTED]
    assert [event.seq for event in merged.events] == list(range(len(merged.events)))
    assert replay(merged.events).speaker == "m-bo"


def test_the_merge_does_not_depend_on_which_side_is_ours():
    exported = meeting_with_a_turn()
    ours, theirs = copy_of(exported, "a"), copy_of(exported, "b")
    at(ours, 10, cmd.EndTurn())
    at(theirs, 15, cmd.ExtendTurn(60))
    at(ours, 10, cmd.StartTurn("m-bo"))
    assert merge_logs(ours.events, theirs.events).events == merge_logs(theirs.events, ours.events).events


# --------------------------------------------------------------------------- conflicts


def test_when_both_sides_closed_the_earlier_close_wins_and_what_follows_it_is_set_aside():
    exported = meeting_with_a_turn()
    ours, theirs = copy_of(exported, "a"), copy_of(exported, "b")
    at(theirs, 60, cmd.ExtendTurn(120))
    at(ours, 120, cmd.Close())  # ends m-ada's turn, then closes
    at(theirs, 240, cmd.Close())  # ends m-ada's turn, then closes

    merged = merge_logs(ours.events, theirs.events)
    state = replay(merged.events)

    assert state.closed_at == ours.state.closed_at
    assert merged.events[-1] == replace(ours.events[-1], seq=len(merged.events) - 1)
    assert [event.kind for event in merged.events].count(EventKind.SESSION_CLOSED) == 1
    assert merged.added == 1  # their extension, made before our close
    assert merged.set_aside == 2  # their close and the turn end that came with it
    assert state.shared_by == {"m-ada"}
    assert merge_logs(theirs.events, ours.events).events == merged.events


def test_two_turns_started_at_the_same_moment_resolve_the_same_way_whichever_side_is_ours():
    exported = meeting_in(SHARING)
    ours, theirs = copy_of(exported, "a"), copy_of(exported, "b")
    at(ours, 30, cmd.StartTurn("m-bo"))
    at(theirs, 30, cmd.StartTurn("m-cy"))

    one_way = merge_logs(ours.events, theirs.events)
    other_way = merge_logs(theirs.events, ours.events)

    assert one_way.events == other_way.events
    assert one_way.set_aside == other_way.set_aside == 1
    starts = [event for event in one_way.events if event.kind is EventKind.TURN_STARTED]
    assert len(starts) == 1
    # At one moment the run with the smaller first id comes first, and takes the turn.
    assert replay(one_way.events).speaker == "m-bo"


def test_a_phase_both_sides_moved_on_to_is_started_once_at_the_earlier_moment():
    exported = meeting_in(CHECK_IN)
    ours, theirs = copy_of(exported, "a"), copy_of(exported, "b")
    at(theirs, 60, cmd.NextPhase(confirmed=True))
    at(ours, 90, cmd.NextPhase(confirmed=True))

    merged = merge_logs(ours.events, theirs.events)
    state = replay(merged.events)

    assert merged.set_aside == 1
    assert state.phase_index == SHARING
    assert state.phase_timer == theirs.state.phase_timer


def test_a_side_that_never_saw_the_later_phase_cannot_take_the_meeting_back():
    exported = meeting_in(CHECK_IN)
    ours, theirs = copy_of(exported, "a"), copy_of(exported, "b")
    at(ours, 60, cmd.NextPhase(confirmed=True))
    at(ours, 60, cmd.NextPhase(confirmed=True))  # the break, 2 minutes after the export
    at(theirs, 180, cmd.StartPhase(SHARING, confirmed=True))  # they were still in check-in

    merged = merge_logs(ours.events, theirs.events)

    assert merged.set_aside == 1
    assert replay(merged.events).phase_index == BREAK


def test_going_back_to_a_phase_is_kept_for_the_side_that_saw_where_the_meeting_was():
    exported = meeting_in(CLOSING)
    theirs = copy_of(exported, "b")
    at(theirs, 30, cmd.StartPhase(SHARING, confirmed=True))  # someone still wanted to share
    at(theirs, 10, cmd.StartTurn("m-cy"))

    merged = merge_logs(exported.events, theirs.events)

    assert (merged.added, merged.set_aside) == (2, 0)
    assert replay(merged.events).phase_index == SHARING


def test_a_pause_made_on_both_sides_counts_once():
    exported = meeting_with_a_turn()
    ours, theirs = copy_of(exported, "a"), copy_of(exported, "b")
    at(ours, 60, cmd.Pause())
    at(theirs, 90, cmd.Pause())
    at(ours, 60, cmd.Resume())  # 120 s after the export
    at(theirs, 60, cmd.Resume())  # 150 s

    merged = merge_logs(ours.events, theirs.events)
    state = replay(merged.events)

    assert merged.set_aside == 2
    assert not state.is_paused
    assert state.paused_seconds == 60
    assert state.speaker_timer == ours.state.speaker_timer


def test_a_turn_the_other_side_never_saw_start_cannot_be_ended_or_extended_from_here():
    exported = meeting_with_a_turn()
    ours, theirs = copy_of(exported, "a"), copy_of(exported, "b")
    at(ours, 30, cmd.StartTurn("m-bo"))  # ends m-ada's turn
    at(theirs, 60, cmd.ExtendTurn(120))  # still m-ada's turn over there
    at(theirs, 30, cmd.EndTurn())
    at(theirs, 10, cmd.PassTurn("m-cy"))  # m-cy passes while nobody speaks over there

    merged = merge_logs(ours.events, theirs.events)
    state = replay(merged.events)

    assert merged.set_aside == 3
    assert state.speaker == "m-bo"
    assert state.speaker_timer == ours.state.speaker_timer


def test_copies_that_disagree_about_one_event_cannot_be_merged():
    log = meeting_with_a_turn().events
    tampered = list(log)
    tampered[-1] = replace(log[-1], data={**log[-1].data, "budget_seconds": 900.0})
    with pytest.raises(SessionLogError, match="disagree about one event"):
        merge_logs(log, tampered)


def test_logs_of_two_different_meetings_cannot_be_merged():
    first = opened_meeting(MEMBERS).events
    second = opened_meeting(ids="x")
    with pytest.raises(SessionLogError, match="two different meetings"):
        merge_logs(first, second.events)


# --------------------------------------------------------------------------- any meeting

member = st.sampled_from(MEMBERS)
maybe_member = st.none() | member
command = st.one_of(
    st.builds(cmd.Arrive, member),
    st.builds(cmd.Leave, member),
    st.builds(cmd.StartPhase, st.integers(min_value=0, max_value=len(FORMAT) - 1), confirmed=st.booleans()),
    st.just(cmd.NextPhase(confirmed=True)),
    st.builds(cmd.Enqueue, member),
    st.builds(cmd.Dequeue, member),
    st.builds(cmd.StartTurn, maybe_member),
    st.builds(cmd.PassTurn, maybe_member),
    st.just(cmd.EndTurn()),
    st.builds(cmd.ExtendTurn, st.sampled_from([30, 60])),
    st.just(cmd.Pause()),
    st.just(cmd.Resume()),
    st.builds(cmd.ChangeFacilitator, st.sampled_from(["f-lead", "f-co"])),
    st.builds(cmd.StepOut, maybe_member),
    st.builds(cmd.StepBack, member),
    st.builds(cmd.SetRoundOrder, st.just("roster"), st.lists(member, max_size=4, unique=True).map(tuple)),
    st.sampled_from([cmd.AddGuest(), cmd.RemoveGuest()]),
    st.just(cmd.Close()),
)
# Seconds before each command; 0 keeps several commands at one moment within a copy.
steps = st.lists(st.tuples(st.sampled_from([0, 0, 5, 30, 90]), command), max_size=14)


def play(live: LiveSession, moves: list[tuple[int, cmd.Command]]) -> None:
    for seconds, move in moves:
        live.clock.advance(seconds)
        try:
            live.do(move)
        except SessionRuleError:
            pass  # a command that does not fit is refused and changes nothing


def in_order_of(merged: tuple[Event, ...], side: tuple[Event, ...]) -> bool:
    kept = {event.id for event in merged}
    place = {event.id: index for index, event in enumerate(merged)}
    positions = [place[event.id] for event in side if event.id in kept]
    return positions == sorted(positions)


PROPERTY = settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(moves=st.lists(st.tuples(st.sampled_from([0, 5, 90]), command), max_size=30), cut=st.integers(min_value=1))
def test_any_log_merged_with_any_prefix_of_itself_either_way_is_itself(moves, cut):
    live = opened_meeting(MEMBERS)
    play(live, moves)
    log = live.events
    prefix = log[: cut % (len(log) + 1)]
    for merged in (merge_logs(log, prefix), merge_logs(prefix, log)):
        assert merged.events == log
        assert merged.set_aside == 0


@PROPERTY
@given(common=steps, ours_moves=steps, theirs_moves=steps)
def test_any_two_copies_merge_the_same_either_way_into_a_log_that_replays_and_merges_again_to_itself(
    common, ours_moves, theirs_moves
):
    exported = opened_meeting(MEMBERS)
    play(exported, common)
    ours, theirs = copy_of(exported, "a"), copy_of(exported, "b")
    # The copies' clocks are half a second apart, as two laptops' are: they never stamp one moment.
    theirs.clock.advance(0.5)
    play(ours, ours_moves)
    play(theirs, theirs_moves)

    merged = merge_logs(ours.events, theirs.events)

    assert merged.events == merge_logs(theirs.events, ours.events).events
    assert replay(merged.events).event_count == len(merged.events)
    assert in_order_of(merged.events, ours.events) and in_order_of(merged.events, theirs.events)
    assert merged.events[: len(exported.events)] == exported.events
    for side in (ours.events, theirs.events):
        again = merge_logs(merged.events, side)
        assert again.added == 0
        assert again.events == merged.events


def test_a_turn_started_on_one_laptop_for_someone_the_other_stepped_out_is_set_aside():
    base = meeting_in(CHECK_IN)
    ours, theirs = copy_of(base, "o"), copy_of(base, "t")
    at(ours, 10, cmd.StepOut("m-bo"))
    at(theirs, 20, cmd.StartTurn("m-bo"))
    merged = merge_logs(ours.events, theirs.events)
    state = replay(merged.events)
    assert merged.set_aside == 1 and state.speaker is None and state.stepped_out == {"m-bo"}


def test_a_round_lined_up_in_a_part_the_merge_set_aside_does_not_reorder_the_round_under_way():
    base = meeting_in(CHECK_IN, RoundOrderMode.ROSTER)
    ours, theirs = copy_of(base, "o"), copy_of(base, "t")
    at(ours, 10, cmd.StartPhase(CLOSING, lineup=("m-ada", "m-bo"), confirmed=True))
    at(theirs, 20, cmd.StartPhase(SHARING, confirmed=True))
    at(theirs, 5, cmd.StartPhase(CHECK_IN, lineup=("m-di", "m-cy"), confirmed=True))
    for merged in (merge_logs(ours.events, theirs.events), merge_logs(theirs.events, ours.events)):
        state = replay(merged.events)
        assert state.phase_index == CLOSING and state.round_order[:2] == ("m-ada", "m-bo")
