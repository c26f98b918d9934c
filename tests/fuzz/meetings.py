"""Meetings for the fuzz tests: commands with hostile arguments, and real logs made by running them."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime

from hypothesis import strategies as st

from circle.domain.clock import FakeClock
from circle.domain.group import PhaseKind
from circle.domain.session import (
    TURN_PHASES,
    Arrive,
    ChangeFacilitator,
    Close,
    Command,
    Dequeue,
    EndTurn,
    Enqueue,
    Event,
    ExtendTurn,
    Leave,
    LiveSession,
    MoveInQueue,
    NextPhase,
    Open,
    PassTurn,
    Pause,
    ReadAgreements,
    RecordPulse,
    Resume,
    SessionRuleError,
    SessionState,
    SetHeadcount,
    SetNextMeeting,
    SetRoundOrder,
    StartPhase,
    StartTurn,
    StepOut,
)
from tests.fuzz.strategies import hostile_text
from tests.meeting_builders import sequential_ids

START = datetime(2026, 1, 5, 19, 0, tzinfo=UTC)
MEMBERS = ("m-a", "m-b", "m-c", "m-d")

# Arguments as the screens pass them, and as nobody should: NaN, huge numbers, ids no member has, any text.
plausible_member = st.sampled_from(MEMBERS)
odd_member = st.sampled_from(["", "m-a ", "M-A", "x" * 65, "m/a"]) | hostile_text
any_number = st.one_of(
    st.integers(),
    st.floats(),
    st.booleans(),
    st.integers(min_value=10**300, max_value=10**400),
    st.just(10**5000),  # more digits than Python will write as text
)
well_formed_phases = st.lists(st.tuples(st.sampled_from([*PhaseKind]), st.integers(1, 60)), min_size=1, max_size=6)
odd_phases = st.lists(
    st.tuples(st.sampled_from([*PhaseKind]) | hostile_text, st.integers(1, 60) | any_number), max_size=4
)


def _commands(member, maybe_member, number, index, text, phases) -> st.SearchStrategy[Command]:
    return st.one_of(
        st.builds(Arrive, member, st.booleans()),
        st.builds(Leave, member),
        st.builds(SetHeadcount, number),
        st.builds(ReadAgreements, st.booleans()),
        st.builds(StartPhase, index),
        st.just(NextPhase()),
        st.builds(
            SetRoundOrder,
            st.sampled_from(["roster", "random", "volunteers"]) | text,
            st.lists(member, max_size=5).map(tuple),
        ),
        st.builds(Enqueue, member),
        st.builds(Dequeue, member),
        st.builds(MoveInQueue, member, index),
        st.builds(StartTurn, maybe_member),
        st.builds(ExtendTurn, number),
        st.builds(PassTurn, maybe_member),
        st.just(EndTurn()),
        st.just(Pause()),
        st.just(Resume()),
        st.builds(ChangeFacilitator, st.sampled_from(["f-1", "f-2"]) | text),
        st.just(StepOut()),
        st.builds(SetNextMeeting, text),
        st.builds(RecordPulse, st.lists(number, min_size=4, max_size=6).map(tuple)),
        st.builds(Open, st.just("g-1") | text, phases.map(tuple), number, number, st.just("f-1") | text, st.booleans()),
    )


plausible_commands = _commands(
    member=plausible_member,
    maybe_member=st.none() | plausible_member,
    number=st.integers(-1, 6) | st.sampled_from([0.5, 30, 60, 90.0, 300]),
    index=st.integers(-1, 6),
    text=st.sampled_from(["2026-01-12", "2026-01-12T19:00", "roster", "f-2", "soon"]),
    phases=well_formed_phases,
)
hostile_commands = _commands(
    member=odd_member,
    maybe_member=odd_member,
    number=any_number,
    index=any_number,
    text=st.sampled_from(["2026-02-30", "9999-12-31T23:59:59+14:00", "0001-01-01", " 2026-01-12 "]) | hostile_text,
    phases=odd_phases,
)


def _pick(n: int) -> st.SearchStrategy[Command]:
    # One command in eight has hostile arguments; closing, which ends everything, comes up once in a hundred.
    if n < 12:
        return hostile_commands
    return st.just(Close()) if n == 12 else plausible_commands


commands: st.SearchStrategy[Command] = st.integers(0, 99).flatmap(_pick)
opening = st.builds(
    Open,
    group_id=st.just("g-1"),
    phases=well_formed_phases.map(tuple),
    check_in_turn_seconds=st.sampled_from([60, 90.0]),
    sharing_turn_seconds=st.sampled_from([180, 300]),
    facilitator_id=st.just("f-1"),
    headcount_only=st.sampled_from([False, False, True]),
)


def helpful_command(state: SessionState, pick: int, who: int) -> Command:
    """A command that fits where the meeting stands, so that random meetings get to turns, pauses and rounds.

    `pick` chooses the kind of command and `who` the person, among those in the room.
    """
    here = sorted(state.present)
    person = here[who % len(here)] if here else None
    fitting: list[Command] = [NextPhase(), StartTurn(person), Enqueue(person or "m-a")]
    if state.is_paused:
        fitting.append(Resume())
    if state.in_turn:
        fitting += [EndTurn(), EndTurn(), PassTurn(), ExtendTurn(60.5)]
    elif state.phase in TURN_PHASES:
        fitting += [StartTurn(), StartTurn()]
    if here:
        fitting.append(SetRoundOrder("roster", tuple(here[who % len(here) :] + here[: who % len(here)])))
    return fitting[pick % len(fitting)]


def next_command(draw: st.DrawFn, state: SessionState) -> Command:
    """Half the time a command that fits where the meeting stands; otherwise any command at all."""
    if draw(st.booleans()):
        return helpful_command(state, draw(st.integers(0, 11)), draw(st.integers(0, 7)))
    return draw(commands)


# Seconds between two commands: mostly forwards, sometimes a clock that stepped back.
pauses_between = st.floats(0, 900) | st.floats(-120, 0) | st.just(0.0)
steps = st.lists(st.tuples(commands, pauses_between), min_size=20, max_size=60)


@st.composite
def real_logs(draw: st.DrawFn) -> tuple[Event, ...]:
    """The log of a meeting run the way facilitators run them: everyone arrives, then turns, phases, pauses."""
    clock = FakeClock(START)
    live = LiveSession(clock, new_id=sequential_ids())
    live.do(draw(opening))
    if not live.state.headcount_only:
        for member in MEMBERS:
            live.do(Arrive(member))
    for _ in range(draw(st.integers(5, 40))):
        clock.advance(draw(st.floats(0, 600)))
        with contextlib.suppress(SessionRuleError):
            live.do(next_command(draw, live.state))
    if draw(st.booleans()) and not live.state.is_closed:
        live.do(Close())
    return live.events
