"""Random command sequences on a fake clock: the engine's invariants hold after every step."""

from __future__ import annotations

import json
from datetime import datetime

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from circle.domain.clock import FakeClock
from circle.domain.group import PhaseKind, RoundOrderMode
from circle.domain.session.state import TURN_PHASES, PlannedPart
from circle.domain.session import commands as cmd
from circle.domain.session import (
    EVENT_DATA_KEYS,
    Event,
    LiveSession,
    PartNotFinished,
    SessionRuleError,
    replay,
    summary,
)
from tests.meeting_builders import sequential_ids

MEMBERS = ("m-a", "m-b", "m-c", "m-d", "m-e")
member = st.sampled_from(MEMBERS)
maybe_member = st.none() | member

# Turn phases come up more often than the opening and the break, where little happens.
phase_kind = st.sampled_from([*PhaseKind, PhaseKind.CHECK_IN, PhaseKind.SHARING, PhaseKind.SHARING])
minutes = st.integers(min_value=1, max_value=60)
# A part of the group's own always has a name; a round part may have a turn length of its own.
phase = st.one_of(
    st.tuples(phase_kind.filter(lambda kind: kind is not PhaseKind.OWN), minutes),
    st.builds(PlannedPart, st.just(PhaseKind.OWN), minutes, st.sampled_from(["Gratitude", "Reading"]), st.none()),
    st.builds(PlannedPart, st.sampled_from(sorted(TURN_PHASES)), minutes, st.just(""), st.sampled_from([45.0, 240.0])),
)
phases = st.lists(phase, min_size=1, max_size=6).map(tuple)
pulse_answers = st.lists(st.integers(min_value=-1, max_value=3), min_size=4, max_size=6).map(tuple)

opening = st.builds(
    cmd.Open,
    group_id=st.just("g-1"),
    phases=phases,
    check_in_turn_seconds=st.sampled_from([60, 90, 120]),
    sharing_turn_seconds=st.sampled_from([180, 300]),
    facilitator_id=st.just("f-1"),
    headcount_only=st.sampled_from([False, False, False, True]),  # mostly groups with member ids
    round_order=st.none() | st.sampled_from(list(RoundOrderMode)),
    topic=st.sampled_from(["", "Sleep"]),
)
lineup = st.none() | st.lists(member, max_size=6).map(tuple)

# A sample of every kind of command, all of which a closed session must refuse.
EVERY_COMMAND = (
    cmd.Open("g-1", ((PhaseKind.SHARING, 10),), 60, 180, "f-1"),
    cmd.Arrive("m-a"),
    cmd.Leave("m-a"),
    cmd.SetHeadcount(3),
    cmd.AddGuest(),
    cmd.RemoveGuest(),
    cmd.ReadAgreements(True),
    cmd.StartPhase(0),
    cmd.NextPhase(),
    cmd.SetRoundOrder("roster", ()),
    cmd.Enqueue("m-a"),
    cmd.Dequeue("m-a"),
    cmd.MoveInQueue("m-a", 0),
    cmd.StartTurn(),
    cmd.ExtendTurn(),
    cmd.PassTurn(),
    cmd.EndTurn(),
    cmd.Pause(),
    cmd.Resume(),
    cmd.ChangeFacilitator("f-9"),
    cmd.StepOut(),
    cmd.StepBack("m-a"),
    cmd.SetNextMeeting("2026-01-12"),
    cmd.ChooseTopic("Sleep"),
    cmd.RecordPulse((1, 0, 0, 0, 0)),
    cmd.Close(),
)


class SessionMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.clock = FakeClock()
        self.live = LiveSession(self.clock, new_id=sequential_ids())
        self.reading: tuple[datetime, float] | None = None

    @initialize(
        command=opening,
        arrivals=st.lists(member, unique=True, max_size=5),
        first_phase=st.none() | st.integers(min_value=0, max_value=5),
    )
    def open_the_session_as_people_arrive(
        self, command: cmd.Open, arrivals: list[str], first_phase: int | None
    ) -> None:
        self.live.do(command)
        for member_id in arrivals:
            self.attempt(cmd.Arrive(member_id))
        if first_phase is not None:
            self.attempt(cmd.StartPhase(first_phase))

    def attempt(self, command) -> None:
        """Propose and accept a command; a refusal must be a SessionRuleError that changes nothing."""
        state_before, events_before = self.live.state, self.live.events
        try:
            proposed = self.live.propose(command)
        except SessionRuleError:
            assert self.live.state == state_before and self.live.events == events_before
            return
        assert not state_before.is_closed, "a closed session accepted a command"
        assert self.live.state == state_before, "propose changed the state"
        self.live.accept(proposed)

    # Rules are grouped so that the busy parts of a meeting (arrivals, turns, the queue) come up
    # often; hypothesis picks among rules, so each group weighs the same.
    @rule(command=st.builds(cmd.Arrive, member, st.booleans()) | st.builds(cmd.Leave, member))
    def arrivals_and_departures(self, command) -> None:
        self.attempt(command)

    @rule(
        command=st.builds(cmd.StartPhase, st.integers(min_value=-1, max_value=6), lineup, st.booleans())
        | st.builds(cmd.NextPhase, lineup, st.booleans())
    )
    def phases_change(self, command) -> None:
        self.attempt(command)

    @rule(data=st.data(), confirmed=st.booleans())
    def the_next_part_starts_with_its_round_lined_up(self, data: st.DataObject, confirmed: bool) -> None:
        # As the workspace does it: everyone here, in some order.
        here = data.draw(st.permutations(sorted(self.live.state.present)))
        self.attempt(cmd.NextPhase(tuple(here), confirmed))

    @rule(command=st.builds(cmd.StepOut, maybe_member) | st.builds(cmd.StepBack, member))
    def someone_steps_out_or_back(self, command) -> None:
        self.attempt(command)

    @rule(
        mode=st.sampled_from(["roster", "random", "volunteers", "bogus"]),
        members=st.lists(member, max_size=6).map(tuple),
    )
    def the_round_order_is_set(self, mode: str, members: tuple[str, ...]) -> None:
        self.attempt(cmd.SetRoundOrder(mode, members))

    @rule(
        command=st.builds(cmd.Enqueue, member)
        | st.builds(cmd.Dequeue, member)
        | st.builds(cmd.MoveInQueue, member, st.integers(min_value=-1, max_value=5))
    )
    def the_queue_changes(self, command) -> None:
        self.attempt(command)

    @rule(data=st.data())
    def a_turn_starts(self, data: st.DataObject) -> None:
        # Mostly someone in the room (or whoever is next), so that turns really happen.
        here = sorted(self.live.state.present)
        choice = st.none() | st.sampled_from(here) if here else maybe_member
        self.attempt(cmd.StartTurn(data.draw(choice)))

    @rule(data=st.data())
    def someone_in_the_room_joins_the_queue(self, data: st.DataObject) -> None:
        here = sorted(self.live.state.present)
        self.attempt(cmd.Enqueue(data.draw(st.sampled_from(here) if here else member)))

    @rule(
        command=st.builds(cmd.PassTurn, maybe_member)
        | st.just(cmd.EndTurn())
        | st.builds(cmd.ExtendTurn, st.sampled_from([-5, 0, 30, 60, 120.5]))
    )
    def a_turn_is_passed_ended_or_extended(self, command) -> None:
        self.attempt(command)

    @rule(command=st.sampled_from([cmd.Pause(), cmd.Resume()]))
    def the_meeting_pauses_or_resumes(self, command) -> None:
        self.attempt(command)

    @rule(
        command=st.builds(cmd.ReadAgreements, st.booleans())
        | st.builds(cmd.SetHeadcount, st.integers(min_value=-1, max_value=20))
        | st.builds(cmd.ChangeFacilitator, st.sampled_from(["f-1", "f-2", "not an id"]))
        | st.just(cmd.StepOut())
        | st.sampled_from([cmd.AddGuest(), cmd.RemoveGuest()])
        | st.builds(cmd.SetNextMeeting, st.sampled_from(["2026-01-12", "2026-01-12T19:00", "soon"]))
        | st.builds(cmd.ChooseTopic, st.sampled_from(["Sleep", "Boundaries", "", "two\nlines"]))
        | st.builds(cmd.RecordPulse, pulse_answers)
        | opening
    )
    def something_else_happens(self, command) -> None:
        self.attempt(command)

    # Closing ends everything, so it waits until something has happened.
    @precondition(lambda self: len(self.live.events) >= 10)
    @rule()
    def the_session_closes(self) -> None:
        self.attempt(cmd.Close())

    @rule(seconds=st.floats(min_value=0, max_value=900, allow_nan=False))
    def time_passes(self, seconds: float) -> None:
        self.clock.advance(seconds)

    @precondition(lambda self: self.live.state.is_open)
    @rule(seconds=st.integers(min_value=1, max_value=120))
    def the_clock_steps_back(self, seconds: int) -> None:
        self.clock.advance(-seconds)
        # What the screen showed before the step cannot bind what the log records after it.
        self.reading = None

    @invariant()
    def there_is_at_most_one_speaker_and_they_are_in_the_room(self) -> None:
        state = self.live.state
        if state.speaker is not None:
            assert state.speaker_timer is not None
            assert state.speaker in state.present
            assert state.speaker not in state.queue
        if state.in_turn:
            assert state.phase in (PhaseKind.CHECK_IN, PhaseKind.SHARING, PhaseKind.CLOSING)
        assert state.next_up is None or state.next_up != state.speaker

    @invariant()
    def whoever_stepped_out_is_here_and_neither_speaking_nor_next(self) -> None:
        state = self.live.state
        assert state.stepped_out <= state.present
        assert state.speaker not in state.stepped_out
        assert not set(state.still_to_speak) & state.stepped_out

    @invariant()
    def a_part_starts_with_an_empty_queue(self) -> None:
        events = self.live.events
        if events and events[-1].kind == "phase_started":
            assert self.live.state.queue == ()

    @invariant()
    def everyone_who_arrives_during_a_lined_up_round_is_in_it(self) -> None:
        state = self.live.state
        if state.round_is_lined_up and state.round_order_mode != "volunteers" and state.phase_index is not None:
            started = max(e.seq for e in self.live.events if e.kind == "phase_started")
            order_set = max((e.seq for e in self.live.events if e.kind == "round_order_set"), default=-1)
            since = max(started, order_set)
            for event in self.live.events[since + 1 :]:
                if event.kind == "member_arrived":
                    assert event.data["member_id"] in state.round_order

    @invariant()
    def leaving_people_out_is_refused_until_confirmed(self) -> None:
        state = self.live.state
        if not state.is_open or state.is_paused or state.phase_index is None or len(state.phases) < 2:
            return
        other = 0 if state.phase_index else 1
        if state.not_yet_heard and not state.headcount_only:
            try:
                self.live.propose(cmd.StartPhase(other))
            except PartNotFinished as refused:
                assert refused.waiting == len(state.not_yet_heard)
            else:
                raise AssertionError("leaving people waiting was not asked about")
            assert self.live.propose(cmd.StartPhase(other, confirmed=True))

    @invariant()
    def the_queue_holds_each_present_member_once(self) -> None:
        state = self.live.state
        assert len(set(state.queue)) == len(state.queue)
        assert set(state.queue) <= state.present
        assert not state.present & state.left_early

    @invariant()
    def no_duration_is_negative(self) -> None:
        state, now = self.live.state, self.clock.now()
        for timer in (state.phase_timer, state.meeting_timer, state.speaker_timer):
            if timer is not None:
                assert timer.elapsed(now) >= 0
                assert timer.overrun(now) >= 0
                assert timer.paused_seconds >= 0
        assert state.paused_seconds >= 0
        result = summary(state, now)
        assert result.actual_seconds >= 0 and result.paused_seconds >= 0
        times = [event.at for event in self.live.events]
        assert times == sorted(times)

    @invariant()
    def counts_add_up_and_passing_is_never_shown_as_not_sharing(self) -> None:
        state = self.live.state
        assert set(state.done_in_phase.values()) <= {"shared", "passed"}
        assert state.members_who_shared <= state.shared_count
        people = state.members_who_shared + state.members_who_passed_only
        assert people <= state.shared_count + state.passed_count
        assert state.headcount >= 0

    @invariant()
    def the_log_is_contiguous_and_replays_to_the_live_state_even_through_json(self) -> None:
        events = self.live.events
        assert [event.seq for event in events] == list(range(len(events)))
        assert len({event.id for event in events}) == len(events)
        assert replay(events) == self.live.state
        stored = json.loads(json.dumps([event.to_dict() for event in events]))
        assert replay(Event.from_dict(raw) for raw in stored) == self.live.state

    @invariant()
    def events_carry_only_their_documented_keys(self) -> None:
        for event in self.live.events:
            assert set(event.data) == EVENT_DATA_KEYS[event.kind]

    @invariant()
    def the_meeting_timer_never_runs_backwards_while_the_clock_runs_forwards(self) -> None:
        state, now = self.live.state, self.clock.now()
        # A clock behind the log reads an unsettled moment; only readings at or after the log count.
        if state.meeting_timer is None or now < state.last_at:
            return
        elapsed = state.meeting_timer.elapsed(now)
        if self.reading is not None and now >= self.reading[0]:
            assert elapsed >= self.reading[1] - 1e-6
        self.reading = (now, elapsed)

    @invariant()
    def a_closed_session_refuses_every_command(self) -> None:
        if not self.live.state.is_closed:
            return
        for command in EVERY_COMMAND:
            try:
                self.live.propose(command)
            except SessionRuleError:
                continue
            raise AssertionError(f"a closed session accepted {type(command).__name__}")


SessionMachine.TestCase.settings = settings(
    max_examples=200,
    stateful_step_count=40,
    deadline=None,
    database=None,  # nothing written next to the project
    suppress_health_check=[HealthCheck.too_slow],
)
test_random_command_sequences_keep_the_session_invariants = SessionMachine.TestCase
