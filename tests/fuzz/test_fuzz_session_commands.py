"""Any command, with any argument, at any moment: the engine applies it or refuses it with its rule error.

tests/unit/test_session_properties.py drives well-typed commands through a state machine. Here the
arguments are hostile too (NaN, huge numbers, ids no member has, text of any kind), the clock may step
back between any two commands, and the checks go further: a meeting rebuilt from its log at any step
decides exactly as the running one would, the counts add up to the log's own events, and what the
meeting publishes for the room display reads back whole.
"""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from circle.domain.clock import FakeClock
from circle.domain.session.room import room_view
from circle.domain.session import (
    Arrive,
    Close,
    Event,
    EventKind,
    LiveSession,
    Open,
    SessionRuleError,
    SessionState,
    replay,
    suggested_turn_seconds,
    summary,
)
from circle.domain.session.timing import format_clock
from circle.store.room_board import PublishedRoom, RoomBoard
from circle.store.sealing import GroupSealer
from tests.fuzz.checks import fuzz, is_one_plain_line
from tests.fuzz.meetings import MEMBERS, START, next_command, opening, pauses_between, steps
from tests.meeting_builders import sequential_ids

SESSION_ID = "s-1"


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory) -> RoomBoard:
    return RoomBoard(tmp_path_factory.mktemp("room") / "room.json")


@fuzz(60)
@given(first=opening, arrivals=st.lists(st.sampled_from(MEMBERS), unique=True), data=st.data())
def test_every_command_applies_or_is_refused_and_the_meeting_stays_sound(
    board: RoomBoard, first: Open, arrivals: list[str], data: st.DataObject
) -> None:
    clock = FakeClock(START)
    live = LiveSession(clock, new_id=sequential_ids())
    for command in [first, *(Arrive(member) for member in arrivals)]:
        _step(live, command)
    for _ in range(data.draw(st.integers(10, 50), label="steps")):
        command = next_command(data.draw, live.state)
        clock.advance(data.draw(pauses_between))
        _step(live, command)
        _check_state(live, board)
    _check_the_log_survives_the_vault(live)


def _step(live: LiveSession, command) -> None:
    """One command, on the running meeting and on a copy rebuilt from its log, as after a crash."""
    before, log = live.state, live.events
    rebuilt = LiveSession(live.clock, new_id=sequential_ids(prefix="r"), events=log)
    assert rebuilt.state == before
    try:
        proposed = live.propose(command)
    except SessionRuleError as refusal:
        assert is_one_plain_line(str(refusal))
        assert live.state == before and live.events == log  # a refusal changes nothing
        with pytest.raises(SessionRuleError):
            rebuilt.propose(command)
        return
    assert not before.is_closed, f"a closed meeting accepted {type(command).__name__}"
    assert live.state == before, "proposing changed the meeting"
    # The log and the clock are all a decision depends on: ids aside, the copy decides the same.
    again = rebuilt.propose(command)
    assert [(e.seq, e.kind, e.at, e.data) for e in again] == [(e.seq, e.kind, e.at, e.data) for e in proposed]
    live.accept(proposed)


def _check_state(live: LiveSession, board: RoomBoard) -> None:
    state, events, now = live.state, live.events, live.clock.now()
    _time_never_runs_backwards(state, events, now)
    _one_speaker_at_most(state, events)
    _counts_add_up(state, events, now)
    _phases_and_pauses_agree(state)
    if state.opened_at is not None:
        _the_room_display_reads_what_the_meeting_publishes(state, board, now)


def _time_never_runs_backwards(state: SessionState, events: tuple[Event, ...], now) -> None:
    times = [event.at for event in events]
    assert times == sorted(times)
    assert state.last_at == (times[-1] if times else None)
    for timer in (state.phase_timer, state.meeting_timer, state.speaker_timer):
        if timer is not None:
            assert 0 <= timer.elapsed(now)
            assert timer.paused_seconds >= 0
            format_clock(timer.remaining(now))
    if state.meeting_timer is not None and state.started_at is not None:
        # Counted time never exceeds the time that passed since the meeting began.
        end = state.closed_at or max(now, state.last_at)
        assert state.meeting_timer.elapsed(end) <= (end - state.started_at).total_seconds() + 1e-6


def _one_speaker_at_most(state: SessionState, events: tuple[Event, ...]) -> None:
    assert state.in_turn == (state.speaker_timer is not None)
    if state.headcount_only:
        # A group that keeps no names writes no member id anywhere in its log.
        assert state.speaker is None and not state.present and not state.queue
        assert all(event.data.get("member_id") is None for event in events)
        assert all(not event.data.get("member_ids") for event in events)
    elif state.in_turn:
        assert state.speaker in state.present
        assert state.speaker not in state.queue
    if state.is_closed:
        assert not state.in_turn and state.phase_timer is None


def _counts_add_up(state: SessionState, events: tuple[Event, ...], now) -> None:
    kinds = [event.kind for event in events]
    assert state.shared_count == kinds.count(EventKind.TURN_ENDED)
    assert state.passed_count == kinds.count(EventKind.TURN_PASSED)
    assert state.stepped_out_count == kinds.count(EventKind.STEPPED_OUT)
    assert 0 <= state.turns_in_phase <= state.shared_count + state.passed_count
    assert state.members_who_shared <= state.shared_count
    if not state.headcount_only:
        # Whoever shared or passed came to the meeting: turns are only for people in the room.
        assert state.shared_by | state.passed_by <= state.attended
    result = summary(state, now)
    assert result.headcount >= 0 and result.actual_seconds >= 0 and result.paused_seconds >= 0
    if not state.headcount_only:
        assert result.members_who_shared + result.members_who_passed_only <= result.headcount
    if state.pulse is not None:
        assert len(state.pulse) == 5 and all(count >= 0 for count in state.pulse) and sum(state.pulse) >= 1


def _phases_and_pauses_agree(state: SessionState) -> None:
    if state.phase_index is not None:
        assert 0 <= state.phase_index < len(state.phases)
        assert state.is_closed or state.phase_timer is not None
    timers = [t for t in (state.phase_timer, state.speaker_timer, state.meeting_timer) if t is not None]
    if state.is_open:
        # A pause freezes every timer at once, and a resume starts them all again.
        assert all(timer.paused_since == state.paused_since for timer in timers)
        if state.phase is not None:
            suggested = suggested_turn_seconds(state, state.last_at)
            assert suggested is None or suggested > 0


def _the_room_display_reads_what_the_meeting_publishes(state: SessionState, board: RoomBoard, now) -> None:
    view = room_view(state, SESSION_ID, names_allowed=False)
    board.publish(PublishedRoom(view))
    assert board.read() == PublishedRoom(view)


def _check_the_log_survives_the_vault(live: LiveSession) -> None:
    """Sealed as the store seals it, opened again and replayed: the same meeting."""
    sealer = GroupSealer("g-1", bytes(range(32)), key_version=1)
    opened = []
    for event in live.events:
        sealed = sealer.seal_json("session_events", "data", event.id, event.to_dict())
        opened.append(Event.from_dict(sealer.open_json("session_events", "data", event.id, sealed)))
    assert opened == list(live.events)
    assert replay(opened) == live.state
    # A JSON copy too: what a handoff carries.
    assert replay(Event.from_dict(raw) for raw in json.loads(json.dumps([e.to_dict() for e in opened]))) == live.state


@fuzz(40)
@given(first=opening, plan=steps)
def test_a_closed_meeting_refuses_every_command_whatever_its_arguments(first, plan) -> None:
    clock = FakeClock(START)
    live = LiveSession(clock, new_id=sequential_ids())
    live.do(first)
    for command, seconds in plan[:5]:
        clock.advance(seconds)
        with contextlib.suppress(SessionRuleError):
            live.do(command)
    if not live.state.is_closed:
        live.do(Close())
    closed, log = live.state, live.events
    clock.advance(3600)
    for command, _ in plan:
        with pytest.raises(SessionRuleError):
            live.propose(command)
    assert live.state == closed and live.events == log
