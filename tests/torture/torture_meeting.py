"""The scripted meetings of the crash torture.

The child that is killed and the parent that checks what survived build the same steps from the same
seed, group and roster, so the parent knows exactly what the state must be after any number of events.
Each step carries the moment it happens at: the child sets its clock to it before the command, and the
pure replay here does the same, so both stamp identical events (only their random ids differ).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from circle.domain.clock import FakeClock
from circle.domain.group import Group
from circle.domain.session import commands as cmd
from circle.domain.session import (
    LiveSession,
    RoundOrderMode,
    SessionRuleError,
    SessionState,
)

FIRST_MEETING = datetime(2026, 1, 5, 19, 0, tzinfo=UTC)
MEETINGS_APART = timedelta(weeks=1)


@dataclass(frozen=True)
class Step:
    at: datetime
    command: cmd.Command


def meeting_start(number: int) -> datetime:
    return FIRST_MEETING + number * MEETINGS_APART


class _Script:
    """Tries commands on a pure session; keeps those that log something, with the moment they ran."""

    def __init__(self, seed: int, number: int) -> None:
        self.rng = random.Random(f"{seed}/{number}")
        self.clock = FakeClock(meeting_start(number))
        self.live = LiveSession(self.clock)
        self.steps: list[Step] = []

    @property
    def state(self) -> SessionState:
        return self.live.state

    def __call__(self, command: cmd.Command) -> bool:
        self.clock.advance(self.rng.uniform(3, 90))
        try:
            events = self.live.propose(command)
        except SessionRuleError:
            return False
        if not events:
            return False
        self.live.accept(events)
        self.steps.append(Step(self.clock.now(), command))
        return True

    def maybe(self, chance: float, command: cmd.Command) -> bool:
        return self.rng.random() < chance and self(command)

    def round(self) -> None:
        """Turns until nobody is left to speak: shares, passes, extensions, pauses and step-outs."""
        for _ in range(40):
            if self.state.next_up is None:
                return
            if self.maybe(0.25, cmd.PassTurn()):
                continue
            self(cmd.StartTurn())
            self.maybe(0.3, cmd.ExtendTurn(60))
            if self.maybe(0.15, cmd.Pause()):
                self(cmd.Resume())
            self.maybe(0.1, cmd.StepOut())
            self(cmd.PassTurn() if self.rng.random() < 0.15 else cmd.EndTurn())


def meeting_steps(group: Group, facilitator_id: str, member_ids: list[str], *, seed: int, number: int) -> list[Step]:
    """Meeting `number` of the torture: opening, check-in, sharing, a break and the closing, then the close."""
    step = _Script(seed, number)
    rng = step.rng
    step(cmd.Open.for_group(group, facilitator_id))
    late = set(rng.sample(member_ids, rng.randint(0, min(2, len(member_ids)))))
    for member in member_ids:
        if member not in late:
            step(cmd.Arrive(member))
    step(cmd.NextPhase(confirmed=True))  # the opening
    step(cmd.ReadAgreements(full=rng.random() < 0.5))
    step(cmd.NextPhase(confirmed=True))  # check-in
    for member in sorted(late):
        step(cmd.Arrive(member))
    step(cmd.SetRoundOrder(str(RoundOrderMode.ROSTER), tuple(sorted(step.state.present))))
    step.round()
    step(cmd.NextPhase(confirmed=True))  # sharing
    for member in rng.sample(sorted(step.state.present), rng.randint(1, len(step.state.present))):
        step(cmd.Enqueue(member))
    if step.state.queue:
        step.maybe(0.5, cmd.MoveInQueue(step.state.queue[-1], 0))
        step.maybe(0.3, cmd.Dequeue(step.state.queue[-1]))
    step.round()
    if rng.random() < 0.3:
        step(cmd.Leave(rng.choice(sorted(step.state.present))))
    step(cmd.NextPhase(confirmed=True))  # the break
    if step.maybe(0.5, cmd.Pause()):
        step(cmd.Resume())
    step(cmd.NextPhase(confirmed=True))  # the closing
    step.round()
    heads = step.state.headcount
    if heads:
        hands = [0] * 5
        for _ in range(rng.randint(1, heads)):
            hands[rng.randrange(5)] += 1
        step(cmd.RecordPulse(tuple(hands)))
    step(cmd.SetNextMeeting(meeting_start(number + 1).date().isoformat()))
    step(cmd.Close())
    return step.steps


def boundaries(steps: list[Step]) -> list[int]:
    """How many events the log holds after 0, 1, 2, ... steps: the only counts a crash may leave."""
    clock = FakeClock()
    live = LiveSession(clock)
    counts = [0]
    for item in steps:
        clock.set(item.at)
        live.do(item.command)
        counts.append(live.state.event_count)
    return counts


def state_after(steps: list[Step], events: int) -> SessionState:
    """The state the script reaches after exactly `events` events, replayed purely."""
    clock = FakeClock()
    live = LiveSession(clock)
    for item in steps:
        if live.state.event_count >= events:
            break
        clock.set(item.at)
        live.do(item.command)
    if live.state.event_count != events:
        raise AssertionError(f"{events} events is not where any step of the script ends")
    return live.state
