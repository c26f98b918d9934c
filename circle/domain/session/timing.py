"""Timer maths: time boxes computed from timestamps and the clock, never from counted ticks.

A timer is a start moment, a budget and the time spent paused. Reading it at any moment gives
the same answer however often the screen refreshes, so timers cannot drift, and a session
replayed after a crash or on another laptop shows the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

LAST_MINUTE_SECONDS = 60
# A short turn warns for its last fifth, so a one-minute check-in is not "last minute" from the start.
LAST_MINUTE_SHARE = 0.2
# A turn shorter than this is no turn at all; fair share never suggests less.
MIN_FAIR_SHARE_SECONDS = 30.0


class TimerState(StrEnum):
    """A word for the timer's state, so the screen never relies on colour alone."""

    ON_TIME = "on time"
    LAST_MINUTE = "last minute"
    OVER = "over"


@dataclass(frozen=True)
class Timer:
    """A time box: `remaining = budget - (now - started_at - paused time)`."""

    started_at: datetime
    budget_seconds: float
    paused_seconds: float = 0.0
    paused_since: datetime | None = None

    @property
    def is_paused(self) -> bool:
        return self.paused_since is not None

    def elapsed(self, now: datetime) -> float:
        """Seconds counted so far; time spent paused (including a pause still going on) is left out."""
        # While paused the timer stands still at the moment the pause began.
        until = now if self.paused_since is None else min(now, self.paused_since)
        seconds = (until - self.started_at).total_seconds() - self.paused_seconds
        # A clock that stepped backwards must not show a negative duration.
        return max(0.0, seconds)

    def remaining(self, now: datetime) -> float:
        """Seconds left in the budget; negative once the time box is overrun."""
        return self.budget_seconds - self.elapsed(now)

    @property
    def last_minute_seconds(self) -> float:
        """When the warning starts: the last minute, or the last fifth of the budget if that is shorter."""
        return last_minute_seconds(self.budget_seconds)

    def state(self, now: datetime) -> TimerState:
        remaining = self.remaining(now)
        if remaining < 0:
            return TimerState.OVER
        if remaining <= self.last_minute_seconds:
            return TimerState.LAST_MINUTE
        return TimerState.ON_TIME

    def overrun(self, now: datetime) -> float:
        """Seconds past the budget, or 0 while within it."""
        return max(0.0, -self.remaining(now))

    def paused(self, at: datetime) -> Timer:
        """This timer, frozen from `at` on (already paused: unchanged)."""
        if self.paused_since is not None:
            return self
        return replace(self, paused_since=at)

    def resumed(self, at: datetime) -> Timer:
        """This timer, running again from `at`; the pause is added to `paused_seconds`."""
        if self.paused_since is None:
            return self
        pause = max(0.0, (at - self.paused_since).total_seconds())
        return replace(self, paused_seconds=self.paused_seconds + pause, paused_since=None)

    def extended(self, seconds: float) -> Timer:
        return replace(self, budget_seconds=self.budget_seconds + seconds)


def last_minute_seconds(budget_seconds: float) -> float:
    """The warning scales with the time box: never more than a minute, never more than a fifth of it."""
    return min(float(LAST_MINUTE_SECONDS), max(0.0, budget_seconds) * LAST_MINUTE_SHARE)


def fair_share(remaining_phase_seconds: float, remaining_speakers: int, default_turn_seconds: float) -> float:
    """The next turn's time box: the time left shared evenly between those still to speak.

    Capped at the default turn, and never below 30 seconds (unless the default turn itself is
    shorter), so a late start shortens every turn a little instead of cutting off the last speakers.
    With nobody left to speak it is simply the default turn.
    """
    if remaining_speakers <= 0:
        return float(default_turn_seconds)
    share = remaining_phase_seconds / remaining_speakers
    return float(min(default_turn_seconds, max(MIN_FAIR_SHARE_SECONDS, share)))


def format_clock(seconds: float) -> str:
    """'4:05', '-0:12' for overtime, '1:02:03' past an hour. Partial seconds are dropped."""
    whole = int(abs(seconds))  # toward zero, so -0.4 shows as 0:00 rather than -0:00
    sign = "-" if seconds < 0 and whole > 0 else ""
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"
