"""Time as a dependency, so timers can be tested over hours in microseconds."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Protocol

# How far ahead of this laptop's clock another laptop's may be before a time it wrote is not believed.
CLOCK_SLACK = timedelta(minutes=10)
# The earliest time another laptop may write: long before any circle, long after any typo of a year.
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, timezone-aware, in UTC."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FakeClock:
    """A clock that only moves when told to."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 1, 5, 19, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self._now

    def advance(self, seconds: float = 0, *, minutes: float = 0) -> None:
        self._now += timedelta(seconds=seconds, minutes=minutes)

    def set(self, moment: datetime) -> None:
        self._now = moment


def today(clock: Clock) -> date:
    return clock.now().astimezone().date()


def local_zone() -> tzinfo:
    """This machine's time zone with its daylight-saving rules, so that a meeting weeks ahead starts at its
    wall-clock time. From TZ, else /etc/localtime; else (a machine that says neither) today's fixed offset."""
    # Time zones load when a meeting's time is first worked out, not at start-up.
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    named = os.environ.get("TZ", "").removeprefix(":")
    try:
        if named.startswith("/"):  # a path to the rules, such as TZ=:/etc/localtime
            with Path(named).open("rb") as rules:
                return ZoneInfo.from_file(rules, key=named)
        if named:
            return ZoneInfo(named)
        with Path("/etc/localtime").open("rb") as rules:
            return ZoneInfo.from_file(rules, key="localtime")
    except (OSError, ValueError, ZoneInfoNotFoundError):
        return datetime.now().astimezone().tzinfo or UTC


def stored_moment(text: str) -> datetime:
    """A moment read back from the vault. circle writes each with its offset; one without (an older circle
    took such times in from a handoff) is read as UTC, so that comparing it with any other never fails."""
    found = datetime.fromisoformat(text)
    return found if found.tzinfo is not None else found.replace(tzinfo=UTC)

