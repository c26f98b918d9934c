"""Meetings for the fuzz tests: commands with hostile arguments, and real logs made by running them."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime

from hypothesis import strategies as st

from circle.domain.clock import FakeClock
from circle.domain.group import PhaseKind, RoundOrderMode
from circle.domain.session.state import PlannedPart
from circle.domain.session import commands as cmd
from circle.domain.session import (
    TURN_PHASES,
    Event,
    LiveSession,
    SessionRuleError,
    SessionState,
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
_unnamed_kinds = st.sampled_from([kind for kind in PhaseKind if kind is not PhaseKind.OWN])
# A part of the group's own always has a name.
_own_part = st.builds(PlannedPart, st.just(PhaseKind.OWN), st.integers(1, 60), st.just("Gratitude"), st.none())
well_formed_phases = st.lists(st.tuples(_unnamed_kinds, st.integers(1, 60)) | _own_part, min_size=1, max_size=6)
odd_phases = st.lists(
    st.tuples(st.sampled_from([*PhaseKind]) | hostile_text, st.integers(1, 60) | any_number)
    | st.builds(PlannedPart, st.sampled_from([*PhaseKind]), st.integers(1, 60), hostile_text, any_number | st.none()),
    max_size=4,
)


def _commands(member, maybe_member, number, index, text, phases) -> st.SearchStrategy[cmd.Command]:
    return st.one_of(
        st.builds(cmd.Arrive, member, st.booleans()),
        st.builds(cmd.Leave, member),
        st.builds(cmd.SetHeadcount, number),
        st.builds(cmd.ReadAgreements, st.booleans()),
        st.builds(cmd.StartPhase, index, st.none() | st.lists(member, max_size=5).map(tuple), st.booleans() | text),
        st.builds(cmd.NextPhase, st.none() | st.lists(member, max_size=5).map(tuple) | text, st.booleans()),
        st.builds(
            cmd.SetRoundOrder,
            st.sampled_from(["roster", "random", "volunteers"]) | text,
            st.lists(member, max_size=5).map(tuple),
        ),
        st.builds(cmd.Enqueue, member),
        st.builds(cmd.Dequeue, member),
        st.builds(cmd.MoveInQueue, member, index),
        st.builds(cmd.StartTurn, maybe_member),
        st.builds(cmd.ExtendTurn, number),
        st.builds(cmd.PassTurn, maybe_member),
        st.just(cmd.EndTurn()),
        st.just(cmd.Pause()),
        st.just(cmd.Resume()),
        st.builds(cmd.ChangeFacilitator, st.sampled_from(["f-1", "f-2"]) | text),
        st.builds(cmd.StepOut, maybe_member),
        st.builds(cmd.StepBack, member),
        st.sampled_from([cmd.AddGuest(), cmd.RemoveGuest()]),
        st.builds(cmd.SetNextMeeting, text),
        st.builds(cmd.ChooseTopic, text),
        st.builds(cmd.RecordPulse, st.lists(number, min_size=4, max_size=6).map(tuple)),
        st.builds(
            cmd.Open, st.just("g-1") | text, phases.map(tuple), number, number, st.just("f-1") | text, st.booleans()
        ),
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


def _pick(n: int) -> st.SearchStrategy[cmd.Command]:
    # One command in eight has hostile arguments; closing, which ends everything, comes up once in a hundred.
    if n < 12:
        return hostile_commands
    return st.just(cmd.Close()) if n == 12 else plausible_commands


commands: st.SearchStrategy[cmd.Command] = st.integers(0, 99).flatmap(_pick)
opening = st.builds(
    cmd.Open,
    group_id=st.just("g-1"),
    phases=well_formed_phases.map(tuple),
    check_in_turn_seconds=st.sampled_from([60, 90.0]),
    sharing_turn_seconds=st.sampled_from([180, 300]),
    facilitator_id=st.just("f-1"),
    headcount_only=st.sampled_from([False, False, True]),
    round_order=st.none() | st.sampled_from(list(RoundOrderMode)),
)


def helpful_command(state: SessionState, pick: int, who: int) -> cmd.Command:
    """A command that fits where the meeting stands, so that random meetings get to turns, pauses and rounds.

    `pick` chooses the kind of command and `who` the person, among those in the room.
    """
    here = sorted(state.present)
    person = here[who % len(here)] if here else None
    fitting: list[cmd.Command] = [
        cmd.NextPhase(confirmed=True),
        cmd.NextPhase(tuple(here), confirmed=True),
        cmd.StartTurn(person),
        cmd.Enqueue(person or "m-a"),
    ]
    if person is not None:
        fitting.append(cmd.StepBack(person) if person in state.stepped_out else cmd.StepOut(person))
    if state.is_paused:
        fitting.append(cmd.Resume())
    if state.in_turn:
        fitting += [cmd.EndTurn(), cmd.EndTurn(), cmd.PassTurn(), cmd.ExtendTurn(60.5)]
    elif state.phase in TURN_PHASES:
        fitting += [cmd.StartTurn(), cmd.StartTurn()]
    if here:
        fitting.append(cmd.SetRoundOrder("roster", tuple(here[who % len(here) :] + here[: who % len(here)])))
    return fitting[pick % len(fitting)]


def next_command(draw: st.DrawFn, state: SessionState) -> cmd.Command:
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
            live.do(cmd.Arrive(member))
    for _ in range(draw(st.integers(5, 40))):
        clock.advance(draw(st.floats(0, 600)))
        with contextlib.suppress(SessionRuleError):
            live.do(next_command(draw, live.state))
    if draw(st.booleans()) and not live.state.is_closed:
        live.do(cmd.Close())
    return live.events
