"""The room view: what the room may see, worked out from timestamps, naming nobody."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from circle.domain.clock import FakeClock
from circle.domain.errors import InvalidInput
from circle.domain.group import Group, PhaseKind
from circle.domain.session.room import (
    CLOSED_LINE,
    GATHERING_LINE,
    NO_MEETING_LINE,
    RoomView,
    read_room,
    room_view,
)
from circle.domain.session import (
    Arrive,
    Close,
    LiveSession,
    NextPhase,
    Open,
    Pause,
    StartTurn,
)
from circle.domain.templates import template
from circle.domain.session.timing import TimerState, format_clock
from tests.meeting_builders import sequential_ids

START = datetime(2026, 3, 4, 18, 30, tzinfo=UTC)


def _session() -> tuple[LiveSession, FakeClock]:
    clock = FakeClock(START)
    chosen = template("support-90")
    group = Group(id="group-1", name="Tuesday", profile=chosen.profile, rules=chosen.rules)
    live = LiveSession(clock, sequential_ids("event-"))
    live.do(Open.for_group(group, "facilitator-1"))
    for member in ("ada", "grace", "alan"):
        live.do(Arrive(member))
    return live, clock


def _to_sharing(live: LiveSession) -> None:
    while live.state.phase is not PhaseKind.SHARING:
        live.do(NextPhase(confirmed=True))


def test_before_the_first_part_the_room_sees_a_welcome_and_no_timer() -> None:
    live, clock = _session()
    reading = read_room(room_view(live.state, "s1", names_allowed=False), clock.now())
    assert reading.caption == GATHERING_LINE
    assert reading.big_time == ""


def test_during_a_turn_the_big_time_is_the_speakers_time_left_and_nobody_is_named() -> None:
    live, clock = _session()
    _to_sharing(live)
    live.do(StartTurn("grace"))
    clock.advance(90)
    view = room_view(live.state, "s1", names_allowed=False)
    reading = read_room(view, clock.now())
    turn = live.state.speaker_timer
    assert turn is not None
    assert reading.big_time == format_clock(turn.budget_seconds - 90)
    assert reading.caption == "Someone is sharing"
    assert "grace" not in json.dumps(view.to_dict())
    assert reading.headline.startswith("Sharing · part")
    assert "Meeting:" in reading.footnote and "Sharing:" in reading.footnote


def test_a_name_is_shown_only_when_the_caller_supplies_one() -> None:
    live, clock = _session()
    _to_sharing(live)
    live.do(StartTurn("grace"))
    view = room_view(live.state, "s1", names_allowed=True)
    assert read_room(view, clock.now(), speaker_name="Grace").caption == "Grace is sharing"


def test_between_turns_the_big_time_is_the_time_left_in_this_part() -> None:
    live, clock = _session()
    _to_sharing(live)
    clock.advance(minutes=5)
    state = live.state
    assert state.phase_timer is not None
    expected = state.phase_timer.remaining(clock.now())
    reading = read_room(room_view(state, "s1", names_allowed=False), clock.now())
    assert reading.big_time == format_clock(expected)
    assert reading.state is TimerState.ON_TIME


def test_an_overrun_shows_the_time_over_with_a_plus_sign_and_the_word_over() -> None:
    live, clock = _session()
    _to_sharing(live)
    live.do(StartTurn("ada"))
    turn = live.state.speaker_timer
    assert turn is not None
    clock.advance(turn.budget_seconds + 12)
    reading = read_room(room_view(live.state, "s1", names_allowed=False), clock.now())
    assert reading.big_time == "+0:12"
    assert reading.state is TimerState.OVER


def test_a_pause_freezes_the_room_timer_and_says_so() -> None:
    live, clock = _session()
    _to_sharing(live)
    live.do(StartTurn("ada"))
    clock.advance(30)
    live.do(Pause())
    view = room_view(live.state, "s1", names_allowed=False)
    before = read_room(view, clock.now())
    clock.advance(minutes=10)
    after = read_room(view, clock.now())
    assert before.big_time == after.big_time
    assert after.caption.startswith("Paused")


def test_a_closed_meeting_thanks_the_room_and_reminds_it_that_what_was_said_stays_there() -> None:
    live, clock = _session()
    live.do(NextPhase(confirmed=True))
    live.do(Close())
    view = room_view(live.state, "s1", names_allowed=False)
    assert read_room(view, clock.now()).caption == CLOSED_LINE
    assert read_room(view, clock.now() + timedelta(days=2)).caption == NO_MEETING_LINE


def test_a_meeting_left_open_for_days_is_not_shown_as_running() -> None:
    live, clock = _session()
    live.do(NextPhase(confirmed=True))
    view = room_view(live.state, "s1", names_allowed=False)
    assert read_room(view, clock.now() + timedelta(days=3)).caption == NO_MEETING_LINE


def test_no_view_means_no_meeting() -> None:
    assert read_room(None, START).caption == NO_MEETING_LINE


def test_a_view_survives_a_round_trip_through_its_dictionary() -> None:
    live, clock = _session()
    _to_sharing(live)
    live.do(StartTurn("ada"))
    live.do(Pause())
    view = room_view(live.state, "s1", names_allowed=True)
    assert RoomView.from_dict(json.loads(json.dumps(view.to_dict()))) == view


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw.pop("phase"),
        lambda raw: raw.update(phase="dancing"),
        lambda raw: raw.update(phase_number=True),
        lambda raw: raw.update(paused="yes"),
        lambda raw: raw["phase_timer"].update(started_at="2026-03-04T18:30:00"),
        lambda raw: raw["phase_timer"].update(budget_seconds=-1),
        lambda raw: raw.update(session_id="x" * 65),
        lambda raw: raw.update(speaker_timer=[]),
    ],
    ids=["missing", "unknown-phase", "bool-count", "text-flag", "naive-moment", "negative", "long-id", "list-timer"],
)
def test_a_damaged_view_is_refused_with_one_plain_reason(damage) -> None:  # type: ignore[no-untyped-def]
    live, _ = _session()
    _to_sharing(live)
    raw = room_view(live.state, "s1", names_allowed=False).to_dict()
    damage(raw)
    with pytest.raises(InvalidInput, match="not one circle wrote"):
        RoomView.from_dict(raw)
