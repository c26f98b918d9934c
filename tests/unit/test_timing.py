"""Timers read from timestamps and the clock; fair share; the clock format."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from circle.domain.session.timing import (
    LAST_MINUTE_SECONDS,
    Timer,
    TimerState,
    fair_share,
    format_clock,
)

START = datetime(2026, 1, 5, 19, 0, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return START + timedelta(seconds=seconds)


def test_a_timer_counts_the_seconds_since_it_started():
    timer = Timer(START, budget_seconds=300)
    assert timer.elapsed(at(125)) == 125
    assert timer.remaining(at(125)) == 175


def test_a_timer_read_before_its_start_shows_no_negative_time():
    timer = Timer(START, budget_seconds=300)
    assert timer.elapsed(at(-30)) == 0
    assert timer.remaining(at(-30)) == 300


def test_remaining_time_goes_negative_once_the_budget_is_overrun():
    timer = Timer(START, budget_seconds=60)
    assert timer.remaining(at(72)) == -12
    assert timer.overrun(at(72)) == 12
    assert timer.overrun(at(30)) == 0


def test_completed_pauses_are_left_out_of_elapsed_time():
    timer = Timer(START, budget_seconds=300, paused_seconds=40)
    assert timer.elapsed(at(100)) == 60


def test_an_ongoing_pause_freezes_the_timer_at_the_moment_it_began():
    timer = Timer(START, budget_seconds=300).paused(at(50))
    assert timer.elapsed(at(50)) == 50
    assert timer.elapsed(at(500)) == 50
    assert timer.remaining(at(5000)) == 250


def test_a_resumed_timer_carries_on_from_where_it_was_paused():
    timer = Timer(START, budget_seconds=300).paused(at(50)).resumed(at(110))
    assert timer.paused_seconds == 60
    assert timer.paused_since is None
    assert timer.elapsed(at(120)) == 60


def test_pausing_twice_keeps_the_first_pause_and_resuming_a_running_timer_changes_nothing():
    timer = Timer(START, budget_seconds=300).paused(at(10))
    assert timer.paused(at(20)) == timer
    running = Timer(START, budget_seconds=300)
    assert running.resumed(at(20)) == running


def test_extending_a_timer_adds_to_its_budget_only():
    timer = Timer(START, budget_seconds=300).extended(60)
    assert timer.budget_seconds == 360
    assert timer.elapsed(at(30)) == 30


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (0, TimerState.ON_TIME),
        (300 - LAST_MINUTE_SECONDS - 1, TimerState.ON_TIME),
        (300 - LAST_MINUTE_SECONDS, TimerState.LAST_MINUTE),
        (300, TimerState.LAST_MINUTE),
        (300.5, TimerState.OVER),
    ],
)
def test_the_timer_state_is_on_time_then_last_minute_then_over(seconds: float, expected: TimerState):
    assert Timer(START, budget_seconds=300).state(at(seconds)) is expected


@pytest.mark.parametrize(("budget", "warned_for"), [(600, 60), (300, 60), (90, 18), (60, 12), (30, 6)])
def test_a_short_turn_warns_only_for_its_last_fifth(budget: float, warned_for: float):
    timer = Timer(START, budget_seconds=budget)
    assert timer.last_minute_seconds == warned_for
    assert timer.state(at(budget - warned_for - 1)) is TimerState.ON_TIME
    assert timer.state(at(budget - warned_for)) is TimerState.LAST_MINUTE


def test_timer_states_are_words_so_they_never_rely_on_colour():
    assert [str(state) for state in TimerState] == ["on time", "last minute", "over"]


def test_fair_share_divides_the_remaining_phase_time_between_remaining_speakers():
    assert fair_share(1200, 6, 300) == 200


def test_fair_share_never_exceeds_the_default_turn():
    assert fair_share(3600, 2, 300) == 300


def test_fair_share_never_drops_below_thirty_seconds():
    assert fair_share(60, 10, 300) == 30
    assert fair_share(-120, 3, 300) == 30


def test_fair_share_with_nobody_left_to_speak_is_the_default_turn():
    assert fair_share(600, 0, 300) == 300


def test_a_late_start_shortens_every_turn_evenly():
    on_time = [fair_share(1800 - 300 * i, 6 - i, 300) for i in range(6)]
    late = fair_share(1500, 6, 300)
    assert on_time == [300] * 6
    assert late == 250


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (0, "0:00"),
        (5, "0:05"),
        (245, "4:05"),
        (245.9, "4:05"),
        (-12, "-0:12"),
        (-12.7, "-0:12"),
        (-0.4, "0:00"),
        (3599, "59:59"),
        (3723, "1:02:03"),
        (-3723, "-1:02:03"),
    ],
)
def test_the_clock_shows_minutes_and_seconds_and_hours_past_an_hour(seconds: float, shown: str):
    assert format_clock(seconds) == shown
