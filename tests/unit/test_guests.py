"""Guests: anonymous visitors counted beside the named roster, in the meeting's log and its summary."""

from __future__ import annotations

from datetime import date

import pytest

from circle.domain.clock import FakeClock
from circle.domain.handoff.payload import meeting_to_json
from circle.domain.handoff.reading import _read_meeting
from circle.domain.handoff.snapshot import MeetingEntry
from circle.domain.records import MeetingRecord, MeetingStatus
from circle.domain.session import commands as cmd
from circle.domain.session import Event, EventKind, LiveSession, SessionLogError, SessionRuleError, replay, summary
from circle.domain.session.merge import merge_logs
from tests.meeting_builders import CLOSING, opened_meeting, sequential_ids

MEMBERS = ("m-ada", "m-bo")


def test_a_guest_is_counted_in_the_headcount_and_on_their_own_with_no_id():
    live = opened_meeting(MEMBERS)
    (added,) = live.do(cmd.AddGuest())
    live.do(cmd.AddGuest())
    assert added.kind is EventKind.GUEST_ADDED and dict(added.data) == {}
    assert live.state.guests == 2
    assert live.state.headcount == 4
    assert live.state.present == frozenset(MEMBERS)


def test_a_guest_counted_by_mistake_can_be_taken_back_but_not_below_none():
    live = opened_meeting(MEMBERS)
    live.do(cmd.AddGuest())
    live.do(cmd.RemoveGuest())
    assert live.state.guests == 0
    with pytest.raises(SessionRuleError, match="No guest"):
        live.do(cmd.RemoveGuest())


def test_a_headcount_only_group_counts_guests_in_its_heads_and_refuses_a_separate_tally():
    live = opened_meeting(headcount_only=True, headcount=6)
    with pytest.raises(SessionRuleError, match="guests included"):
        live.do(cmd.AddGuest())
    assert live.state.headcount == 6


def test_guest_events_round_trip_through_json_and_replay_to_the_same_state():
    live = opened_meeting(MEMBERS)
    for command in (cmd.AddGuest(), cmd.AddGuest(), cmd.RemoveGuest(), cmd.AddGuest()):
        live.do(command)
    stored = [Event.from_dict(event.to_dict()) for event in live.events]
    assert stored == list(live.events)
    assert replay(stored) == live.state
    assert replay(stored).guests == 2


def test_a_log_that_removes_a_guest_nobody_counted_is_refused_on_replay():
    live = opened_meeting(MEMBERS)
    live.do(cmd.AddGuest())
    live.do(cmd.RemoveGuest())
    damaged = [event for event in live.events if event.kind is not EventKind.GUEST_ADDED]
    renumbered = [Event(e.id, seq, e.kind, e.at, e.data) for seq, e in enumerate(damaged)]
    with pytest.raises(SessionLogError):
        replay(renumbered)


def test_guests_counted_on_two_laptops_during_a_handoff_add_up_when_merged():
    ours = opened_meeting(MEMBERS)
    theirs = LiveSession(FakeClock(ours.clock.now()), new_id=sequential_ids("t"), events=ours.events)
    ours.clock.advance(10)
    ours.do(cmd.AddGuest())
    theirs.clock.advance(20)
    theirs.do(cmd.AddGuest())
    merged = merge_logs(ours.events, theirs.events)
    assert merged.set_aside == 0
    assert replay(merged.events).guests == 2


def test_the_summary_keeps_guests_and_counts_them_in_the_headcount_with_members_who_left_early():
    live = opened_meeting(MEMBERS)
    live.do(cmd.AddGuest())
    live.do(cmd.StartPhase(0))
    live.do(cmd.Leave("m-bo"))
    live.do(cmd.Close())
    result = summary(live.state, live.clock.now())
    assert (result.headcount, result.guests) == (3, 1)


def test_guests_raise_hands_in_the_pulse_too():
    live = opened_meeting(("m-ada",))
    live.do(cmd.AddGuest())
    live.do(cmd.StartPhase(CLOSING))
    live.do(cmd.RecordPulse((0, 0, 1, 1, 0)))
    assert live.state.pulse == (0, 0, 1, 1, 0)



def test_a_handoff_carries_a_meetings_guests_and_reads_one_from_before_guests_as_none():
    record = MeetingRecord("s-1", "g-1", date(2026, 1, 6), MeetingStatus.CLOSED, 90, headcount=5, guests=2)
    written = meeting_to_json(MeetingEntry(record))
    assert _read_meeting("g-1", written).record == record
    del written["guests"]
    assert _read_meeting("g-1", written).record.guests == 0
