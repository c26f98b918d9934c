"""The session engine, one behaviour at a time: commands in, events out, state as a fold."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from circle.domain.clock import FakeClock
from circle.domain.errors import CircleError, InvalidInput
from circle.domain.group import Agreements, Group, GroupProfile, MeetingFormat, Phase, PhaseKind
from circle.domain.rules import ConfidentialityRules, NamesPolicy
from circle.domain.session import commands as cmd
from circle.domain.session import (
    EVENT_DATA_KEYS,
    Event,
    EventKind,
    FrozenMap,
    LiveSession,
    PlannedPart,
    RoundOrderMode,
    SessionLogError,
    SessionRuleError,
    SessionState,
    apply,
    decide,
    replay,
    summary,
)
from circle.domain.session.timing import TimerState
from tests.meeting_builders import BREAK, CHECK_IN, CLOSING, FORMAT, OPENING, SHARING, K, opened_meeting

MEMBERS = ("m-ada", "m-bo", "m-cy", "m-di", "m-ed", "m-fay")


def session(
    *, headcount_only: bool = False, arrived: tuple[str, ...] = MEMBERS
) -> tuple[LiveSession, FakeClock]:
    """An opened session with members already in the room, before the first phase."""
    clock = FakeClock()
    return opened_meeting(() if headcount_only else arrived, headcount_only=headcount_only, clock=clock), clock


def in_phase(index: int, **kwargs) -> tuple[LiveSession, FakeClock]:
    live, clock = session(**kwargs)
    live.do(cmd.StartPhase(index))
    return live, clock


def kinds(events: list[Event]) -> list[EventKind]:
    return [event.kind for event in events]


# --------------------------------------------------------------------------- opening


def test_opening_is_only_valid_as_the_first_command():
    live = LiveSession(FakeClock())
    with pytest.raises(SessionRuleError, match="not been opened"):
        live.do(cmd.Arrive("m-ada"))
    live.do(cmd.Open("g-1", FORMAT, 90, 300, "f-lead"))
    with pytest.raises(SessionRuleError, match="already open"):
        live.do(cmd.Open("g-1", FORMAT, 90, 300, "f-lead"))


def test_the_opening_event_keeps_the_format_so_replay_needs_nothing_else():
    live, _ = session(arrived=())
    (opened,) = live.events
    state = replay([opened])
    assert [(part.kind, part.minutes) for part in state.phases] == list(FORMAT)
    assert state.planned_minutes == 90
    assert (state.check_in_turn_seconds, state.sharing_turn_seconds) == (90, 300)
    assert state.facilitator_id == "f-lead"
    assert state.is_open and not state.is_started


@pytest.mark.parametrize(
    "bad",
    [
        cmd.Open("g-1", (), 90, 300, "f-lead"),
        cmd.Open("g-1", ((K.OPENING, 0),), 90, 300, "f-lead"),
        cmd.Open("g-1", (("dancing", 10),), 90, 300, "f-lead"),
        cmd.Open("g-1", FORMAT, 10, 300, "f-lead"),
        cmd.Open("g-1", FORMAT, 90, 300, "Ada Lovelace"),
        cmd.Open("", FORMAT, 90, 300, "f-lead"),
    ],
)
def test_an_opening_with_a_broken_format_or_ids_is_refused(bad: cmd.Open):
    with pytest.raises(SessionRuleError):
        LiveSession(FakeClock()).do(bad)


def test_the_opening_command_can_be_built_from_a_group():
    profile = GroupProfile(
        format=MeetingFormat(phases=(Phase(K.OPENING, 5), Phase(K.SHARING, 30)), sharing_turn_minutes=4),
        agreements=Agreements("Be kind.", "Risk of harm."),
    )
    group = Group("g-9", "Tuesday group", profile, ConfidentialityRules(names=NamesPolicy.HEADCOUNT))
    command = cmd.Open.for_group(group, "f-lead")
    parts = (PlannedPart(K.OPENING, 5), PlannedPart(K.SHARING, 30, turn_seconds=240.0))
    assert command == cmd.Open("g-9", parts, 90, 240, "f-lead", headcount_only=True, round_order=RoundOrderMode.ROSTER)


# --------------------------------------------------------------------------- arrivals


def test_arriving_before_the_first_phase_is_on_time_and_after_it_is_late():
    live, clock = session(arrived=("m-ada",))
    live.do(cmd.StartPhase(OPENING))
    clock.advance(minutes=4)
    live.do(cmd.Arrive("m-bo", newcomer=True))
    state = live.state
    assert state.present == {"m-ada", "m-bo"}
    assert state.late == {"m-bo"}
    assert state.newcomers == {"m-bo"}


def test_coming_back_after_leaving_is_neither_late_nor_leaving_early():
    live, _ = session(arrived=("m-ada",))
    live.do(cmd.StartPhase(OPENING))
    live.do(cmd.Leave("m-ada"))
    assert live.state.left_early == {"m-ada"}
    live.do(cmd.Arrive("m-ada"))
    assert live.state.present == {"m-ada"}
    assert live.state.left_early == frozenset()
    assert live.state.late == frozenset()


def test_unmarking_someone_before_the_meeting_begins_corrects_attendance_and_is_not_leaving_early():
    live, _ = session(arrived=("m-ada", "m-bo"))
    live.do(cmd.Leave("m-bo"))
    assert live.state.present == {"m-ada"}
    assert live.state.left_early == frozenset()
    assert live.state.attended == {"m-ada"}


def test_arriving_twice_or_leaving_without_arriving_is_refused():
    live, _ = session(arrived=("m-ada",))
    with pytest.raises(SessionRuleError, match="already here"):
        live.do(cmd.Arrive("m-ada"))
    with pytest.raises(SessionRuleError, match="not here"):
        live.do(cmd.Leave("m-zed"))


def test_a_speaker_who_leaves_has_their_turn_ended_and_leaves_the_queue():
    live, _ = in_phase(SHARING)
    live.do(cmd.Enqueue("m-bo"))
    live.do(cmd.StartTurn("m-ada"))
    assert kinds(live.do(cmd.Leave("m-ada"))) == [EventKind.TURN_ENDED, EventKind.MEMBER_LEFT]
    live.do(cmd.Leave("m-bo"))
    assert live.state.speaker is None
    assert live.state.queue == ()
    assert live.state.shared_count == 1


def test_a_newcomer_prompts_the_full_agreements_until_they_are_read():
    live, _ = session(arrived=("m-ada",))
    live.do(cmd.ReadAgreements(full=False))
    assert not live.state.full_agreements_due
    live.do(cmd.Arrive("m-new", newcomer=True))
    assert live.state.full_agreements_due
    live.do(cmd.ReadAgreements(full=True))
    assert live.state.agreements_read and not live.state.full_agreements_due


# --------------------------------------------------------------------------- headcount-only groups


def test_a_headcount_only_group_counts_heads_and_takes_no_member_ids():
    live, _ = session(headcount_only=True)
    with pytest.raises(SessionRuleError, match="heads only"):
        live.do(cmd.Arrive("m-ada"))
    live.do(cmd.SetHeadcount(7))
    assert live.state.headcount == 7
    assert live.state.present == frozenset()


def test_a_group_with_member_ids_does_not_take_a_headcount():
    live, _ = session()
    with pytest.raises(SessionRuleError):
        live.do(cmd.SetHeadcount(3))
    assert live.state.headcount == len(MEMBERS)


def test_turns_in_a_headcount_only_group_are_anonymous_but_timed_and_counted():
    live, clock = in_phase(SHARING, headcount_only=True)
    live.do(cmd.SetHeadcount(5))
    (started,) = live.do(cmd.StartTurn())
    assert started.data == {"member_id": None, "budget_seconds": 300.0}
    assert live.state.speaker is None and live.state.in_turn
    clock.advance(200)
    live.do(cmd.PassTurn())
    live.do(cmd.PassTurn())  # someone passes without a timer running
    live.do(cmd.StartTurn())
    live.do(cmd.EndTurn())
    assert (live.state.shared_count, live.state.passed_count) == (1, 2)
    with pytest.raises(SessionRuleError):
        live.do(cmd.StartTurn("m-ada"))


# --------------------------------------------------------------------------- phases


def test_next_phase_walks_the_format_and_stops_at_the_last():
    live, _ = session()
    seen = []
    for _ in FORMAT:
        live.do(cmd.NextPhase(confirmed=True))
        seen.append(live.state.phase)
    assert seen == [kind for kind, _ in FORMAT]
    with pytest.raises(SessionRuleError, match="last phase"):
        live.do(cmd.NextPhase())


def test_starting_a_phase_ends_the_current_turn_first():
    live, _ = in_phase(CHECK_IN)
    live.do(cmd.StartTurn("m-ada"))
    events = live.do(cmd.StartPhase(SHARING))
    assert kinds(events) == [EventKind.TURN_ENDED, EventKind.PHASE_STARTED]
    assert live.state.speaker is None
    assert live.state.done_in_phase == {}
    assert live.state.shared_count == 1


def test_a_phase_that_is_under_way_or_missing_cannot_be_started():
    live, _ = in_phase(CHECK_IN)
    with pytest.raises(SessionRuleError, match="already under way"):
        live.do(cmd.StartPhase(CHECK_IN))
    with pytest.raises(SessionRuleError, match="no such phase"):
        live.do(cmd.StartPhase(9))


def test_turns_belong_to_check_in_sharing_and_closing_only():
    live, _ = session()
    with pytest.raises(SessionRuleError, match="not started"):
        live.do(cmd.StartTurn("m-ada"))
    live.do(cmd.StartPhase(BREAK))
    with pytest.raises(SessionRuleError, match="check-in, sharing and closing"):
        live.do(cmd.StartTurn("m-ada"))


# --------------------------------------------------------------------------- round order


def test_the_round_order_decides_who_is_next_and_skips_those_done_or_gone():
    live, _ = in_phase(CHECK_IN)
    live.do(cmd.SetRoundOrder("roster", ("m-cy", "m-ada", "m-bo", "m-di")))
    assert live.state.next_up == "m-cy"
    live.do(cmd.StartTurn())
    assert live.state.speaker == "m-cy"
    assert live.state.next_up == "m-ada"
    live.do(cmd.Leave("m-ada"))
    assert live.state.next_up == "m-bo"
    live.do(cmd.StartTurn())  # ends m-cy's turn and starts m-bo's
    live.do(cmd.PassTurn())
    assert live.state.done_in_phase == {"m-cy": "shared", "m-bo": "passed"}
    assert live.state.still_to_speak == ("m-di",)


def test_a_random_round_order_is_shuffled_by_the_caller_and_recorded_in_the_event():
    live, _ = in_phase(CHECK_IN)
    (event,) = live.do(cmd.SetRoundOrder("random", ("m-fay", "m-bo", "m-ada")))
    assert event.data == {"mode": "random", "member_ids": ("m-fay", "m-bo", "m-ada")}
    assert replay(live.events).round_order == ("m-fay", "m-bo", "m-ada")


def test_the_round_order_carries_over_from_check_in_to_closing():
    live, _ = in_phase(CHECK_IN)
    live.do(cmd.SetRoundOrder("roster", ("m-ada", "m-bo")))
    live.do(cmd.StartTurn())
    live.do(cmd.EndTurn())
    assert live.state.next_up == "m-bo"
    live.do(cmd.StartPhase(CLOSING, confirmed=True))
    assert live.state.next_up == "m-ada"


@pytest.mark.parametrize(
    "bad",
    [
        cmd.SetRoundOrder("alphabetical", ("m-ada",)),
        cmd.SetRoundOrder("roster", ("m-ada", "m-ada")),
        cmd.SetRoundOrder("roster", ("m-ada", "m-zed")),
    ],
)
def test_a_round_order_with_an_unknown_mode_a_repeat_or_an_absent_member_is_refused(bad):
    live, _ = in_phase(CHECK_IN)
    with pytest.raises(SessionRuleError):
        live.do(bad)


def test_with_no_round_order_set_nobody_is_next():
    live, _ = in_phase(CHECK_IN)
    with pytest.raises(SessionRuleError, match="no order yet"):
        live.do(cmd.StartTurn())


# --------------------------------------------------------------------------- sharing queue


def test_the_sharing_queue_takes_people_in_order_and_can_be_rearranged():
    live, _ = in_phase(SHARING)
    for member in ("m-ada", "m-bo", "m-cy"):
        live.do(cmd.Enqueue(member))
    live.do(cmd.MoveInQueue("m-cy", 0))
    assert live.state.queue == ("m-cy", "m-ada", "m-bo")
    live.do(cmd.Dequeue("m-ada"))
    assert live.state.queue == ("m-cy", "m-bo")
    live.do(cmd.StartTurn())
    assert live.state.speaker == "m-cy"
    assert live.state.queue == ("m-bo",)
    assert live.state.next_up == "m-bo"


def test_moving_someone_to_where_they_already_are_logs_nothing():
    live, _ = in_phase(SHARING)
    live.do(cmd.Enqueue("m-ada"))
    assert live.propose(cmd.MoveInQueue("m-ada", 0)) == []


@pytest.mark.parametrize(
    "bad",
    [
        cmd.Enqueue("m-zed"),
        cmd.Dequeue("m-cy"),
        cmd.MoveInQueue("m-ada", 2),
        cmd.MoveInQueue("m-ada", -1),
        cmd.Enqueue("m-ada"),
    ],
)
def test_queue_changes_that_do_not_fit_are_refused(bad):
    live, _ = in_phase(SHARING)
    live.do(cmd.Enqueue("m-ada"))
    live.do(cmd.Enqueue("m-bo"))
    with pytest.raises(SessionRuleError):
        live.do(bad)


def test_the_current_speaker_cannot_join_the_queue():
    live, _ = in_phase(SHARING)
    live.do(cmd.StartTurn("m-ada"))
    with pytest.raises(SessionRuleError, match="speaking"):
        live.do(cmd.Enqueue("m-ada"))


def test_a_second_round_in_sharing_counts_every_share_and_keeps_the_latest_outcome():
    live, _ = in_phase(SHARING)
    live.do(cmd.Enqueue("m-ada"))
    live.do(cmd.Enqueue("m-bo"))
    live.do(cmd.StartTurn())
    live.do(cmd.StartTurn())
    live.do(cmd.EndTurn())
    assert live.state.queue == ()
    live.do(cmd.Enqueue("m-ada"))
    live.do(cmd.Enqueue("m-bo"))
    live.do(cmd.StartTurn())
    live.do(cmd.EndTurn())
    live.do(cmd.PassTurn())
    state = live.state
    assert state.done_in_phase == {"m-ada": "shared", "m-bo": "passed"}
    assert (state.shared_count, state.passed_count) == (3, 1)
    assert state.members_who_shared == 2
    assert state.members_who_passed_only == 0


# --------------------------------------------------------------------------- turns and fair share


def test_check_in_turns_get_the_check_in_turn_length():
    live, _ = in_phase(CHECK_IN)
    (started,) = live.do(cmd.StartTurn("m-ada"))
    assert started.data["budget_seconds"] == 90
    assert live.state.speaker_timer.budget_seconds == 90


def test_a_sharing_turn_gets_the_full_turn_while_there_is_time_for_everyone():
    live, _ = in_phase(SHARING)
    for member in MEMBERS[:4]:
        live.do(cmd.Enqueue(member))
    (started,) = live.do(cmd.StartTurn())
    assert started.data["budget_seconds"] == 300


def test_a_late_start_to_sharing_shares_the_remaining_time_fairly():
    live, clock = in_phase(SHARING)
    clock.advance(minutes=25)  # 20 minutes of the 45 are left
    for member in MEMBERS:
        live.do(cmd.Enqueue(member))
    (started,) = live.do(cmd.StartTurn())
    assert started.data["budget_seconds"] == 200  # 1200 s / 6 speakers
    clock.advance(200)
    events = live.do(cmd.StartTurn())  # 1000 s left for the 5 still waiting
    assert kinds(events) == [EventKind.TURN_ENDED, EventKind.TURN_STARTED]
    assert events[-1].data["budget_seconds"] == 200


def test_someone_chosen_from_outside_the_queue_counts_as_one_more_speaker():
    live, clock = in_phase(SHARING)
    clock.advance(minutes=35)  # 600 s left
    live.do(cmd.Enqueue("m-ada"))
    (started,) = live.do(cmd.StartTurn("m-bo"))
    assert started.data["budget_seconds"] == 300  # 600 / 2
    assert live.state.next_up == "m-ada"


def test_extending_a_turn_adds_to_its_time_box():
    live, clock = in_phase(CHECK_IN)
    live.do(cmd.StartTurn("m-ada"))
    clock.advance(80)
    assert live.state.speaker_timer.state(clock.now()) is TimerState.LAST_MINUTE
    live.do(cmd.ExtendTurn())
    live.do(cmd.ExtendTurn(30))
    assert live.state.speaker_timer.remaining(clock.now()) == 100


def test_a_turn_cannot_be_extended_ended_or_extended_by_nothing_when_it_makes_no_sense():
    live, _ = in_phase(CHECK_IN)
    with pytest.raises(SessionRuleError, match="Nobody is speaking"):
        live.do(cmd.EndTurn())
    with pytest.raises(SessionRuleError, match="Nobody is speaking"):
        live.do(cmd.ExtendTurn())
    live.do(cmd.StartTurn("m-ada"))
    with pytest.raises(SessionRuleError):
        live.do(cmd.ExtendTurn(0))


def test_starting_the_next_turn_ends_the_current_one_so_there_is_only_ever_one_speaker():
    live, _ = in_phase(SHARING)
    live.do(cmd.StartTurn("m-ada"))
    live.do(cmd.StartTurn("m-bo"))
    assert live.state.speaker == "m-bo"
    assert live.state.done_in_phase == {"m-ada": "shared"}
    with pytest.raises(SessionRuleError, match="already speaking"):
        live.do(cmd.StartTurn("m-bo"))


# --------------------------------------------------------------------------- passing


def test_passing_is_participation_and_is_counted_as_a_pass_not_as_silence():
    live, _ = in_phase(CHECK_IN)
    live.do(cmd.SetRoundOrder("roster", ("m-ada", "m-bo", "m-cy")))
    live.do(cmd.StartTurn())
    live.do(cmd.PassTurn())  # m-ada passes once her turn has begun
    live.do(cmd.PassTurn())  # m-bo passes before a timer is started
    live.do(cmd.StartTurn())
    live.do(cmd.EndTurn())
    state = live.state
    assert state.done_in_phase == {"m-ada": "passed", "m-bo": "passed", "m-cy": "shared"}
    assert (state.shared_count, state.passed_count) == (1, 2)
    assert (state.members_who_shared, state.members_who_passed_only) == (1, 2)
    assert state.next_up is None
    assert not state.in_turn


def test_passing_for_someone_else_while_a_person_speaks_is_refused():
    live, _ = in_phase(CHECK_IN)
    live.do(cmd.StartTurn("m-ada"))
    with pytest.raises(SessionRuleError, match="Someone else is speaking"):
        live.do(cmd.PassTurn("m-bo"))
    live.do(cmd.PassTurn("m-ada"))
    assert live.state.done_in_phase == {"m-ada": "passed"}


def test_someone_who_passes_leaves_the_sharing_queue():
    live, _ = in_phase(SHARING)
    live.do(cmd.Enqueue("m-ada"))
    live.do(cmd.Enqueue("m-bo"))
    live.do(cmd.PassTurn())
    assert live.state.queue == ("m-bo",)


# --------------------------------------------------------------------------- pausing


def test_pausing_freezes_the_speaker_phase_and_meeting_timers():
    live, clock = in_phase(OPENING)
    clock.advance(minutes=10)
    live.do(cmd.ReadAgreements())
    live.do(cmd.StartPhase(CHECK_IN))
    clock.advance(30)
    live.do(cmd.StartTurn("m-ada"))
    clock.advance(40)
    live.do(cmd.Pause())
    clock.advance(minutes=7)
    state = live.state
    now = clock.now()
    assert state.is_paused
    assert state.speaker_timer.elapsed(now) == 40
    assert state.phase_timer.elapsed(now) == 70
    assert state.meeting_timer.elapsed(now) == 670
    assert state.planned_end_at(now) == state.started_at + timedelta(minutes=90 + 7)

    live.do(cmd.Resume())
    clock.advance(5)
    state, now = live.state, clock.now()
    assert state.speaker_timer.elapsed(now) == 45
    assert state.phase_timer.elapsed(now) == 75
    assert state.meeting_timer.elapsed(now) == 675
    assert state.planned_end == state.started_at + timedelta(minutes=97)


def test_nothing_new_starts_while_paused_but_the_room_can_still_change():
    live, _ = in_phase(CHECK_IN)
    live.do(cmd.Pause())
    with pytest.raises(SessionRuleError, match="paused"):
        live.do(cmd.StartTurn("m-ada"))
    with pytest.raises(SessionRuleError, match="paused"):
        live.do(cmd.NextPhase())
    with pytest.raises(SessionRuleError, match="already paused"):
        live.do(cmd.Pause())
    live.do(cmd.Leave("m-bo"))
    live.do(cmd.StepOut())
    live.do(cmd.Resume())
    with pytest.raises(SessionRuleError, match="not paused"):
        live.do(cmd.Resume())


def test_a_meeting_that_has_not_started_cannot_be_paused():
    live, _ = session()
    with pytest.raises(SessionRuleError, match="not started"):
        live.do(cmd.Pause())


# --------------------------------------------------------------------------- facilitation and closing


def test_facilitator_changes_and_step_outs_are_recorded_in_order_without_who_or_why():
    live, clock = in_phase(SHARING)
    clock.advance(minutes=3)
    live.do(cmd.ChangeFacilitator("f-co"))
    (stepped,) = live.do(cmd.StepOut())
    assert stepped.data == {"member_id": None}
    clock.advance(minutes=2)
    live.do(cmd.ChangeFacilitator("f-lead"))
    assert [who for who, _ in live.state.facilitators] == ["f-lead", "f-co", "f-lead"]
    assert live.state.facilitators[1][1] == live.state.started_at + timedelta(minutes=3)
    assert live.state.stepped_out_count == 1
    with pytest.raises(SessionRuleError, match="already facilitating"):
        live.do(cmd.ChangeFacilitator("f-lead"))


def test_the_next_meeting_is_kept_as_an_iso_date():
    live, _ = session()
    live.do(cmd.SetNextMeeting("2026-01-12"))
    assert live.state.next_meeting == "2026-01-12"
    live.do(cmd.SetNextMeeting("2026-01-19T19:00"))
    assert live.state.next_meeting == "2026-01-19T19:00"
    with pytest.raises(SessionRuleError, match="date"):
        live.do(cmd.SetNextMeeting("next tuesday"))


def test_closing_ends_the_turn_and_then_every_command_is_refused():
    live, clock = in_phase(CLOSING)
    live.do(cmd.StartTurn("m-ada"))
    clock.advance(50)
    assert kinds(live.do(cmd.Close())) == [EventKind.TURN_ENDED, EventKind.SESSION_CLOSED]
    state = live.state
    assert state.is_closed and not state.is_open
    assert state.speaker is None and state.phase_timer is None
    refused = (cmd.Arrive("m-zed"), cmd.StartPhase(0), cmd.Resume(), cmd.Close())
    for command in (*refused, cmd.Open("g-1", FORMAT, 90, 300, "f-lead")):
        with pytest.raises(SessionRuleError, match="closed"):
            live.do(command)


def test_the_meeting_timer_stops_at_the_close():
    live, clock = in_phase(OPENING)
    clock.advance(minutes=80)
    live.do(cmd.Close())
    clock.advance(minutes=30)
    assert live.state.meeting_timer.elapsed(clock.now()) == 80 * 60


def test_the_summary_holds_counts_ids_and_durations():
    live, clock = session(arrived=("m-ada", "m-bo"))
    live.do(cmd.StartPhase(OPENING))
    live.do(cmd.Arrive("m-new", newcomer=True))
    live.do(cmd.StartPhase(CHECK_IN, confirmed=True))
    live.do(cmd.SetRoundOrder("roster", ("m-ada", "m-bo", "m-new")))
    live.do(cmd.StartTurn())
    live.do(cmd.StartTurn())
    live.do(cmd.PassTurn())
    live.do(cmd.Leave("m-bo"))
    clock.advance(minutes=12)
    live.do(cmd.Pause())
    clock.advance(minutes=3)
    live.do(cmd.ChangeFacilitator("f-co"))
    live.do(cmd.StepOut())
    live.do(cmd.Close())
    result = summary(live.state, clock.now() + timedelta(hours=2))
    assert result.present == {"m-ada", "m-bo", "m-new"}
    assert result.newcomers == {"m-new"}
    assert result.late == {"m-new"}
    assert result.left_early == {"m-bo"}
    assert result.headcount == 3
    assert (result.shared_turns, result.passed_turns) == (1, 1)
    assert (result.members_who_shared, result.members_who_passed_only) == (1, 1)
    assert result.planned_minutes == 90
    assert result.actual_seconds == 15 * 60
    assert result.actual_minutes == 15
    assert result.paused_seconds == 3 * 60
    assert result.stepped_out == 1
    assert result.facilitator_ids == ("f-lead", "f-co")


# --------------------------------------------------------------------------- the log


def test_proposing_a_command_changes_nothing_until_it_is_accepted():
    live, _ = in_phase(CHECK_IN)
    before_state, before_events = live.state, live.events
    proposed = live.propose(cmd.StartTurn("m-ada"))
    assert live.state == before_state and live.events == before_events
    live.accept(proposed)
    assert live.state.speaker == "m-ada"
    assert live.events[-1] == proposed[-1]


def test_decide_is_a_pure_function_of_state_command_and_time():
    live, clock = in_phase(CHECK_IN)
    state = live.state
    first = decide(state, cmd.StartTurn("m-ada"), clock.now(), lambda: "x")
    second = decide(state, cmd.StartTurn("m-ada"), clock.now(), lambda: "x")
    assert first == second
    assert live.state == state


def test_sequence_numbers_run_from_zero_without_gaps_and_ids_are_unique():
    live, _ = in_phase(CHECK_IN)
    live.do(cmd.StartTurn("m-ada"))
    live.do(cmd.StartPhase(SHARING))
    assert [event.seq for event in live.events] == list(range(len(live.events)))
    assert len({event.id for event in live.events}) == len(live.events)


def test_replaying_the_log_lands_on_the_same_state_as_the_live_session():
    live, clock = in_phase(SHARING)
    live.do(cmd.Enqueue("m-cy"))
    live.do(cmd.StartTurn("m-ada"))
    clock.advance(100)
    live.do(cmd.Pause())
    clock.advance(100)
    assert replay(live.events) == live.state
    resumed = LiveSession(clock, events=live.events)
    assert resumed.state == live.state


def test_events_survive_a_json_round_trip_and_replay_to_the_same_state():
    live, clock = in_phase(SHARING)
    live.do(cmd.Enqueue("m-cy"))
    clock.advance(12.345678)
    live.do(cmd.StartTurn("m-ada"))
    live.do(cmd.ExtendTurn(45.5))
    live.do(cmd.SetNextMeeting("2026-01-12"))
    stored = json.dumps([event.to_dict() for event in live.events])
    loaded = [Event.from_dict(raw) for raw in json.loads(stored)]
    assert loaded == list(live.events)
    assert replay(loaded) == live.state
    assert isinstance(live.events[0].to_dict()["at"], str)


def test_event_data_is_a_plain_json_object_that_cannot_be_changed():
    live, _ = in_phase(CHECK_IN)
    (event,) = live.do(cmd.SetRoundOrder("roster", ("m-ada",)))
    assert json.loads(json.dumps(event.data)) == {"mode": "roster", "member_ids": ["m-ada"]}
    with pytest.raises(TypeError):
        event.data["mode"] = "random"  # type: ignore[index]
    assert hash(event) == hash(Event.from_dict(event.to_dict()))


def test_event_times_are_utc_and_never_step_back_when_the_clock_does():
    live, clock = in_phase(CHECK_IN)
    opened_at = live.state.last_at
    clock.advance(-300)
    (event,) = live.do(cmd.StartTurn("m-ada"))
    assert event.at == opened_at
    assert event.at.utcoffset() == timedelta(0)


def test_a_log_out_of_order_or_going_on_after_its_close_cannot_be_replayed():
    live, _ = in_phase(CHECK_IN)
    events = list(live.events)
    with pytest.raises(SessionLogError):
        replay([events[1], events[0]])
    with pytest.raises(SessionLogError):
        replay(events[1:])
    live.do(cmd.Close())
    late = Event("late", len(live.events), EventKind.STEPPED_OUT, live.state.last_at)
    with pytest.raises(SessionLogError):
        apply(live.state, late)


def test_an_unreadable_stored_event_is_reported_as_invalid_input():
    with pytest.raises(InvalidInput):
        Event.from_dict({"id": "e1", "seq": 0, "kind": "fireworks", "at": "2026-01-05T19:00:00+00:00"})
    with pytest.raises(InvalidInput):
        Event.from_dict({"id": "e1", "seq": 0, "kind": "paused", "at": "2026-01-05T19:00:00"})


def test_errors_are_one_plain_line_that_never_repeats_what_was_typed():
    live, _ = in_phase(CHECK_IN)
    with pytest.raises(SessionRuleError) as raised:
        live.do(cmd.Leave("m-secret"))
    message = str(raised.value)
    assert "m-secret" not in message and "\n" not in message
    assert isinstance(raised.value, CircleError)


def test_every_kind_of_event_carries_exactly_its_documented_keys_and_nothing_said():
    live, clock = session(arrived=("m-ada", "m-bo"))
    live.do(cmd.ReadAgreements(full=True))
    live.do(cmd.StartPhase(OPENING))
    live.do(cmd.ChooseTopic("Rose, thorn and bud"))
    live.do(cmd.Arrive("m-new", newcomer=True))
    live.do(cmd.NextPhase())
    live.do(cmd.SetRoundOrder("volunteers", ("m-bo", "m-ada")))
    live.do(cmd.StartTurn())
    live.do(cmd.ExtendTurn())
    live.do(cmd.PassTurn("m-bo"))
    live.do(cmd.NextPhase(confirmed=True))
    live.do(cmd.Enqueue("m-new"))
    live.do(cmd.Enqueue("m-ada"))
    live.do(cmd.MoveInQueue("m-ada", 0))
    live.do(cmd.Dequeue("m-new"))
    live.do(cmd.StartTurn())
    clock.advance(60)
    live.do(cmd.Pause())
    live.do(cmd.Resume())
    live.do(cmd.EndTurn())
    live.do(cmd.ChangeFacilitator("f-co"))
    live.do(cmd.StepOut())
    live.do(cmd.StepOut("m-new"))
    live.do(cmd.StepBack("m-new"))
    live.do(cmd.AddGuest())
    live.do(cmd.AddGuest())
    live.do(cmd.RemoveGuest())
    live.do(cmd.Leave("m-bo"))
    live.do(cmd.SetNextMeeting("2026-01-12"))
    live.do(cmd.StartPhase(CLOSING))
    live.do(cmd.RecordPulse((0, 1, 1, 0, 0)))
    live.do(cmd.Close())
    headcount, _ = session(headcount_only=True)
    headcount.do(cmd.SetHeadcount(4))
    events = [*live.events, *headcount.events]
    assert {event.kind for event in events} == set(EventKind)

    ids = {"g-1", "f-lead", "f-co", "m-ada", "m-bo", "m-new"}
    words = {str(kind) for kind in PhaseKind} | {"roster", "random", "volunteers", "enqueue", "dequeue", "move"}
    words.add("")  # the name of a part called by its kind; a part's own name is the format's, never anything said
    words.add("Rose, thorn and bud")  # a topic from the group's list: the format's words too
    for event in events:
        assert set(event.data) == EVENT_DATA_KEYS[event.kind], event.kind
        for value in event.data.values():
            for item in value if isinstance(value, tuple) else (value,):
                assert item is None or isinstance(item, (bool, int, float, str))
                if isinstance(item, str):
                    assert item in ids or item in words or date.fromisoformat(item), (event.kind, item)


def test_event_data_refuses_anything_but_json_scalars_and_lists_of_them():
    with pytest.raises(TypeError):
        FrozenMap({"when": datetime(2026, 1, 5)})
    with pytest.raises(TypeError):
        FrozenMap({"nested": {"a": 1}})


def test_the_empty_state_is_not_open_and_has_no_timers():
    state = SessionState()
    assert not state.is_open and not state.is_closed
    assert state.phase is None and state.next_up is None
    assert state.meeting_timer is None and state.planned_end is None


def test_a_log_whose_opening_has_a_part_of_the_groups_own_without_a_name_is_refused():
    live, _ = session(arrived=())
    (opened,) = live.events
    nameless = {**opened.data, "phase_kinds": ["own"], "phase_minutes": [5], "phase_titles": [""],
                "phase_turn_seconds": [None]}
    with pytest.raises(SessionLogError):
        replay([replace(opened, data=FrozenMap(nameless))])
