"""A whole three-hour meeting on a fake clock: every timer exact to the second, no sleeping.

Format (180 min): opening 15 · check-in 25 · sharing 105 · break 15 · closing 20.
Ten people (one newcomer, one late), a ten-minute pause during sharing, one person leaving at
the break. Times below are UTC on 5 January 2026.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from circle.domain.clock import FakeClock
from circle.domain.group import PhaseKind
from circle.domain.session import commands as cmd
from circle.domain.session import (
    Event,
    LiveSession,
    SessionState,
    replay,
)
from circle.domain.session.timing import TimerState, format_clock

K = PhaseKind
FORMAT = ((K.OPENING, 15), (K.CHECK_IN, 25), (K.SHARING, 105), (K.BREAK, 15), (K.CLOSING, 20))
MEMBERS = tuple(f"m-{n}" for n in range(1, 11))  # m-9 is new, m-10 comes late


def clock_at(hh: int, mm: int, ss: float = 0) -> datetime:
    return datetime(2026, 1, 5, hh, mm, tzinfo=UTC) + timedelta(seconds=ss)


@dataclass(frozen=True)
class Moment:
    state: SessionState
    now: datetime


@dataclass(frozen=True)
class Meeting:
    live: LiveSession
    moments: dict[str, Moment]
    budgets: dict[str, list[float]]  # phase -> the time box each turn was given


def simulate() -> Meeting:
    clock = FakeClock(clock_at(18, 50))
    live = LiveSession(clock)
    moments: dict[str, Moment] = {}
    budgets: dict[str, list[float]] = {"check_in": [], "sharing": [], "closing": []}

    def mark(name: str) -> None:
        moments[name] = Moment(live.state, clock.now())

    def start_turn(phase: str, member: str | None = None) -> None:
        started = live.do(cmd.StartTurn(member))[-1]
        budgets[phase].append(started.data["budget_seconds"])

    def until(hh: int, mm: int, ss: float = 0) -> None:
        clock.set(clock_at(hh, mm, ss))

    live.do(cmd.Open("g-tuesday", FORMAT, 120, 300, "f-lead"))
    for member in MEMBERS[:9]:
        clock.advance(minutes=1)
        live.do(cmd.Arrive(member, newcomer=member == "m-9"))
    mark("before the start")

    # 19:00 opening: with a newcomer here, the full agreements are read.
    until(19, 0)
    live.do(cmd.NextPhase())
    clock.advance(minutes=2)
    live.do(cmd.ReadAgreements(full=True))

    # 19:15 check-in, two minutes each; m-10 arrives during the first turn.
    until(19, 15)
    live.do(cmd.NextPhase())
    live.do(cmd.SetRoundOrder("roster", MEMBERS[:9]))
    start_turn("check_in")
    clock.advance(60)
    live.do(cmd.Arrive("m-10"))
    live.do(cmd.SetRoundOrder("roster", MEMBERS))
    clock.advance(60)
    for member, seconds in [("m-2", 130), ("m-3", 120), ("m-4", None), *((m, 120) for m in MEMBERS[4:])]:
        assert live.state.next_up == member
        start_turn("check_in")  # ends the previous turn
        if seconds is None:
            live.do(cmd.PassTurn())
            continue
        clock.advance(seconds)
        if member == "m-2":
            mark("m-2 runs ten seconds over")
    live.do(cmd.EndTurn())
    mark("check-in round done")

    # 19:40 sharing, five minutes each, from the queue.
    until(19, 40)
    live.do(cmd.NextPhase())
    for member in ("m-3", "m-5", "m-1", "m-7", "m-9", "m-10"):
        live.do(cmd.Enqueue(member))
    live.do(cmd.MoveInQueue("m-10", 1))
    start_turn("sharing")  # m-3
    clock.advance(280)
    mark("m-3 in the last minute")
    live.do(cmd.ExtendTurn(60))
    mark("m-3 extended")
    clock.advance(70)
    start_turn("sharing")  # m-10
    clock.advance(120)
    live.do(cmd.Pause())
    clock.advance(minutes=10)
    mark("ten minutes into the pause")
    live.do(cmd.Resume())
    mark("resumed")
    clock.advance(180)
    mark("m-10 at the end of the time box")
    for _ in ("m-5", "m-1", "m-7"):
        start_turn("sharing")
        clock.advance(300)
    live.do(cmd.EndTurn())
    live.do(cmd.StepOut())  # the co-facilitator goes out with someone; the group carries on
    live.do(cmd.PassTurn())  # m-9 passes
    mark("first sharing round done")

    # 21:15 a second round, with twenty minutes left: fair share shortens every turn evenly.
    until(21, 15)
    mark("second round begins")
    for member in ("m-3", "m-2", "m-4", "m-6", "m-8", "m-10"):
        live.do(cmd.Enqueue(member))
    for seconds in (200, 230, 192.5, 192.5, None, 300):
        start_turn("sharing")
        if seconds is None:
            live.do(cmd.PassTurn())  # m-8 passes as soon as their turn comes
            continue
        clock.advance(seconds)
        if live.state.speaker == "m-2":
            mark("m-2 runs thirty seconds over")
    live.do(cmd.EndTurn())
    mark("second sharing round done")

    # 21:35 break; m-6 leaves; the co-facilitator takes over as agreed.
    until(21, 35)
    live.do(cmd.NextPhase())
    clock.advance(minutes=1)
    live.do(cmd.Leave("m-6"))
    live.do(cmd.ChangeFacilitator("f-co"))

    # 21:50 closing: one word each, in an order the caller shuffled.
    until(21, 50)
    live.do(cmd.NextPhase())
    order = sorted(live.state.present)
    random.Random(7).shuffle(order)
    live.do(cmd.SetRoundOrder("random", tuple(order)))
    for _ in order:
        start_turn("closing")
        clock.advance(60)
    live.do(cmd.EndTurn())
    live.do(cmd.SetNextMeeting("2026-01-12"))
    mark("closing round done")

    until(22, 10)
    live.do(cmd.Close())
    clock.advance(minutes=30)  # the laptop stays open a while after everyone has gone
    mark("after the close")
    return Meeting(live, moments, budgets)


@pytest.fixture(scope="module")
def meeting() -> Meeting:
    return simulate()


def test_people_who_arrive_before_the_first_phase_are_on_time(meeting: Meeting):
    before = meeting.moments["before the start"].state
    assert before.present == set(MEMBERS[:9])
    assert before.late == frozenset()
    assert before.full_agreements_due
    assert before.meeting_timer is None and before.planned_end is None


def test_the_meeting_timer_runs_from_the_first_phase_with_the_planned_length_as_budget(meeting: Meeting):
    state = meeting.moments["check-in round done"].state
    assert state.started_at == clock_at(19, 0)
    assert state.meeting_timer.budget_seconds == 180 * 60
    assert state.planned_end == clock_at(22, 0)


def test_check_in_turns_are_two_minutes_and_overruns_show_to_the_second(meeting: Meeting):
    assert meeting.budgets["check_in"] == [120] * 10
    moment = meeting.moments["m-2 runs ten seconds over"]
    timer = moment.state.speaker_timer
    assert moment.state.speaker == "m-2"
    assert timer.elapsed(moment.now) == 130
    assert timer.overrun(moment.now) == 10
    assert timer.state(moment.now) is TimerState.OVER
    assert format_clock(timer.remaining(moment.now)) == "-0:10"


def test_the_check_in_phase_timer_counts_every_turn_exactly(meeting: Meeting):
    moment = meeting.moments["check-in round done"]
    # 120 + 130 + 120 + a pass + 6 x 120 = 1090 s from 19:15.
    assert moment.now == clock_at(19, 33, 10)
    assert moment.state.phase_timer.elapsed(moment.now) == 1090
    assert moment.state.phase_timer.remaining(moment.now) == 25 * 60 - 1090
    assert moment.state.late == {"m-10"}
    assert moment.state.done_in_phase["m-4"] == "passed"


def test_an_extension_moves_a_speaker_out_of_the_last_minute(meeting: Meeting):
    last_minute = meeting.moments["m-3 in the last minute"]
    extended = meeting.moments["m-3 extended"]
    assert last_minute.state.speaker_timer.remaining(last_minute.now) == 20
    assert last_minute.state.speaker_timer.state(last_minute.now) is TimerState.LAST_MINUTE
    assert extended.state.speaker_timer.remaining(extended.now) == 80
    assert extended.state.speaker_timer.state(extended.now) is TimerState.ON_TIME


def test_a_ten_minute_pause_freezes_all_three_timers(meeting: Meeting):
    moment = meeting.moments["ten minutes into the pause"]
    state, now = moment.state, moment.now
    assert now == clock_at(19, 57, 50)
    assert state.speaker == "m-10"
    assert state.speaker_timer.elapsed(now) == 120
    assert state.phase_timer.elapsed(now) == 350 + 120
    assert state.meeting_timer.elapsed(now) == 47 * 60 + 50
    assert state.planned_end == clock_at(22, 0)
    assert state.planned_end_at(now) == clock_at(22, 10)


def test_after_the_pause_the_planned_end_is_ten_minutes_later_and_timers_carry_on(meeting: Meeting):
    resumed = meeting.moments["resumed"]
    assert resumed.state.planned_end == clock_at(22, 10)
    assert resumed.state.paused_seconds == 600
    moment = meeting.moments["m-10 at the end of the time box"]
    state, now = moment.state, moment.now
    assert now == clock_at(20, 0, 50)
    assert state.speaker_timer.elapsed(now) == 300
    assert state.speaker_timer.remaining(now) == 0
    assert state.speaker_timer.state(now) is TimerState.LAST_MINUTE
    assert state.phase_timer.elapsed(now) == 650
    assert state.meeting_timer.elapsed(now) == 60 * 60 + 50 - 600


def test_sharing_turns_get_the_full_five_minutes_while_there_is_time_then_a_fair_share(meeting: Meeting):
    first_round = meeting.budgets["sharing"][:5]
    second_round = meeting.budgets["sharing"][5:]
    assert first_round == [300] * 5
    # 1200 s left for six: 200 each; m-2 ran 30 s over, so the next four share 770 s evenly;
    # the last speaker has 385 s alone, capped at the usual five minutes.
    assert second_round == [200, 200, 192.5, 192.5, 192.5, 300]


def test_the_second_round_starts_with_exactly_twenty_minutes_of_sharing_left(meeting: Meeting):
    moment = meeting.moments["second round begins"]
    assert moment.state.phase_timer.remaining(moment.now) == 1200
    assert moment.state.queue == ()


def test_the_second_round_records_the_latest_outcome_and_counts_every_share(meeting: Meeting):
    state = meeting.moments["second sharing round done"].state
    assert state.done_in_phase == {
        "m-3": "shared",
        "m-10": "shared",
        "m-5": "shared",
        "m-1": "shared",
        "m-7": "shared",
        "m-9": "passed",
        "m-2": "shared",
        "m-4": "shared",
        "m-6": "shared",
        "m-8": "passed",
    }
    moment = meeting.moments["m-2 runs thirty seconds over"]
    assert format_clock(moment.state.speaker_timer.remaining(moment.now)) == "-0:30"


def test_the_sharing_phase_uses_its_time_to_the_second(meeting: Meeting):
    moment = meeting.moments["second sharing round done"]
    assert moment.now == clock_at(21, 33, 35)
    assert moment.state.phase_timer.elapsed(moment.now) == 105 * 60 - 85


def test_after_the_close_the_meeting_timer_stays_at_its_planned_length(meeting: Meeting):
    moment = meeting.moments["after the close"]
    state = moment.state
    assert state.is_closed and state.closed_at == clock_at(22, 10)
    assert state.meeting_timer.elapsed(moment.now) == 180 * 60
    assert state.meeting_timer.overrun(moment.now) == 0
    assert state.phase_timer is None and state.speaker_timer is None


def test_the_summary_of_the_meeting_is_exact(meeting: Meeting):
    result = meeting.live.summary()
    assert result.present == set(MEMBERS)
    assert result.headcount == 10
    assert result.newcomers == {"m-9"}
    assert result.late == {"m-10"}
    assert result.left_early == {"m-6"}
    # check-in 9 shared + 1 pass; sharing 10 + 2; closing 9.
    assert (result.shared_turns, result.passed_turns) == (28, 3)
    assert (result.members_who_shared, result.members_who_passed_only) == (10, 0)
    assert result.planned_minutes == 180
    assert result.actual_seconds == 190 * 60
    assert result.actual_minutes == 190
    assert result.paused_seconds == 600
    assert result.stepped_out == 1
    assert result.facilitator_ids == ("f-lead", "f-co")
    assert result.next_meeting == "2026-01-12"


def test_the_closing_round_followed_the_random_order_the_caller_chose(meeting: Meeting):
    state = meeting.moments["closing round done"].state
    assert state.round_order_mode == "random"
    assert set(state.round_order) == set(MEMBERS) - {"m-6"}
    assert meeting.budgets["closing"] == [120] * 9
    assert all(outcome == "shared" for outcome in state.done_in_phase.values())


def test_the_stored_log_replays_to_the_same_meeting_after_a_json_round_trip(meeting: Meeting):
    stored = json.dumps([event.to_dict() for event in meeting.live.events])
    assert replay(Event.from_dict(raw) for raw in json.loads(stored)) == meeting.live.state
    assert [event.seq for event in meeting.live.events] == list(range(len(meeting.live.events)))


def test_the_simulation_is_deterministic():
    first, second = simulate(), simulate()
    assert first.live.state == second.live.state
    def log(meeting: Meeting) -> list[tuple]:
        return [(event.kind, event.at, event.data) for event in meeting.live.events]

    assert log(first) == log(second)
