"""A meeting's log read back (from the vault, or from another laptop): damage is refused, never a crash.

An event is read with `Event.from_dict` (InvalidInput when it is not one) and a log is replayed with
`replay` (SessionLogError when it cannot be). A log that does replay must give a meeting every screen
can read: its summary, its timers, who is next, and what the room display shows.
"""

from __future__ import annotations

import json
from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from circle.domain.clock import FakeClock
from circle.domain.errors import InvalidInput
from circle.domain.facilitation import facilitated_parts
from circle.domain.session.room import RoomView, read_room, room_view
from circle.domain.session import (
    Event,
    EventKind,
    LiveSession,
    SessionLogError,
    SessionRuleError,
    SessionState,
    apply,
    replay,
    suggested_turn_seconds,
    summary,
)
from circle.domain.session.merge import merge_logs
from circle.domain.session.timing import format_clock
from tests.fuzz.checks import fuzz, raises_only
from tests.fuzz.meetings import START, commands, real_logs
from tests.fuzz.strategies import JsonEdit, edited, json_edits, json_values


@fuzz(150)
@given(json_values)
def test_any_json_value_is_an_event_or_is_refused_as_unreadable(raw) -> None:
    event = raises_only(InvalidInput, lambda: Event.from_dict(raw))
    if event is not None:
        # What is read is written back the same way (compared as JSON text, where NaN equals NaN).
        written = json.dumps(event.to_dict())
        assert json.dumps(Event.from_dict(json.loads(written)).to_dict()) == written


def _as_json(events: tuple[Event, ...]) -> list[dict]:
    return json.loads(json.dumps([event.to_dict() for event in events]))


def _read_back(raw_log: list) -> list[Event] | None:
    """The events as a reader gets them, numbered again so that replay looks past the numbering."""
    if not isinstance(raw_log, list):
        return None
    events = []
    for raw in raw_log:
        event = raises_only(InvalidInput, lambda raw=raw: Event.from_dict(raw))
        if event is not None:
            events.append(event)
    return [Event(event.id, seq, event.kind, event.at, event.data) for seq, event in enumerate(events)]


def _with_data_edited(raw_log: list[dict], kind: EventKind, edits: list[JsonEdit]) -> list[dict]:
    """The log with the data of its last event of one kind edited: the turn or phase under way, often."""
    chosen = [event for event in raw_log if event["kind"] == kind] or raw_log[-1:]
    for event in chosen[-1:]:
        event["data"] = edited(event["data"], edits)
    return raw_log


@fuzz(120)
@given(
    log=real_logs(),
    kind=st.sampled_from(EventKind),
    data_edits=json_edits,
    edits=st.just([]) | json_edits,
    then=st.lists(commands, max_size=6),
)
def test_a_damaged_log_is_refused_or_replays_into_a_meeting_every_screen_can_read(
    log, kind, data_edits, edits, then
) -> None:
    events = _read_back(edited(_with_data_edited(_as_json(log), kind, data_edits), edits))
    if events is None:
        return
    state = _replayed_with_readings(events)
    if state is None:
        return
    # A meeting taken over from such a log goes on, or refuses a command by its rules.
    live = LiveSession(FakeClock(state.last_at or START), events=events)
    for command in then:
        raises_only(SessionRuleError, lambda command=command: live.do(command))
        _every_reading_works(live.state, list(live.events))


@fuzz(60)
@given(log=real_logs(), cut=st.integers(0, 60), order=st.randoms(use_true_random=False))
def test_a_log_cut_short_or_shuffled_is_refused_or_replays_soundly(log, cut, order) -> None:
    events = list(log[:cut])
    order.shuffle(events)
    numbered = [Event(event.id, seq, event.kind, event.at, event.data) for seq, event in enumerate(events)]
    _replayed_with_readings(numbered)


def _replayed_with_readings(events: list[Event]) -> SessionState | None:
    """Replay one event at a time and read the meeting after each, as the screen does: damage shows at once."""
    state = SessionState()
    for count, event in enumerate(events, start=1):
        state = raises_only(SessionLogError, lambda state=state, event=event: apply(state, event))
        if state is None:
            return None
        _every_reading_works(state, events[:count], later=(0,))
    _every_reading_works(state, events)
    return state


def _every_reading_works(state: SessionState, events: list[Event], later: tuple[int, ...] = (0, 59, 3600 * 30)) -> None:
    """What the screens, the room display and the summary read from a replayed meeting, now and later."""
    for seconds in later:
        now = (state.last_at or START) + timedelta(seconds=seconds)
        summary(state, now)
        state.planned_end_at(now)
        assert state.headcount >= 0
        assert state.next_up is None or state.next_up in state.still_to_speak
        if state.phase is not None:
            suggested_turn_seconds(state, now)
        for timer in (state.phase_timer, state.speaker_timer, state.meeting_timer):
            if timer is not None:
                format_clock(timer.remaining(now))
                timer.state(now)
        view = room_view(state, "s-1", names_allowed=False)
        read_room(view, now, speaker_name="Ada")
        # The room display reads the board back, or calls it damaged; it never crashes on it.
        raises_only(InvalidInput, lambda: RoomView.from_dict(json.loads(json.dumps(view.to_dict()))))
    facilitated_parts(events)


@fuzz(60)
@given(log=real_logs(), cut=st.integers(0, 60), edits=json_edits)
def test_merging_a_damaged_copy_of_a_log_is_refused_or_gives_a_log_that_replays(log, cut, edits) -> None:
    # Their copy is ours, damaged on the way; ours may have stopped short of theirs.
    theirs = _read_back(edited(_as_json(log), edits)) or []
    merged = raises_only(SessionLogError, lambda: merge_logs(log[:cut], theirs))
    if merged is not None:
        _every_reading_works(replay(merged.events), list(merged.events))
