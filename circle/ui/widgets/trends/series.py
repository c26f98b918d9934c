"""What the trend plots draw, taken from a TrendReport: plain numbers, no Textual.

Several groups are drawn together: their meetings are averaged per week (they fall on different
days, so meeting by meeting would zigzag between groups; a sum would fall in a week only partly in
range), and their periods are pooled. Unknown stays unknown: a period whose measure no chosen group
knows is left out, never drawn as 0.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from circle.domain.trends.periods import Period, period_start, period_starts
from circle.domain.trends.compute import TrendReport
from circle.domain.trends.series import added_pulse, pulse_mean
from circle.language import current
from circle.language.days import day_in

# The rolling mean covers this many meetings (one group) or weeks (several).
ROLLING = 4


def rolling_mean(values: Sequence[float], window: int = ROLLING) -> list[float]:
    """Each value averaged with up to `window - 1` values before it, so the line starts with the data."""
    means = []
    for end in range(1, len(values) + 1):
        part = values[max(0, end - window) : end]
        means.append(sum(part) / len(part))
    return means


@dataclass(frozen=True)
class Attendance:
    """Headcounts in date order: each meeting's for one group, each week's mean per meeting for several."""

    days: tuple[date, ...]
    counts: tuple[float, ...]
    per_meeting: bool

    @property
    def rolling(self) -> list[float]:
        return rolling_mean(self.counts)


def attendance(report: TrendReport) -> Attendance:
    groups = list(report.groups.values())
    if len(groups) == 1:
        meetings = groups[0].meetings
        return Attendance(tuple(m.held_on for m in meetings), tuple(m.present for m in meetings), per_meeting=True)
    weeks: dict[date, list[int]] = defaultdict(list)
    for group in groups:
        for meeting in group.meetings:
            weeks[period_start(meeting.held_on, Period.WEEK)].append(meeting.present)
    days = sorted(weeks)
    return Attendance(tuple(days), tuple(sum(weeks[day]) / len(weeks[day]) for day in days), per_meeting=False)


@dataclass(frozen=True)
class PooledPeriod:
    """One period across the chosen groups. None: no chosen group knows it."""

    first_day: date
    newcomers: int
    returned: int | None  # newcomers back within four weeks
    stayed: int | None
    active: int | None
    pulse: tuple[int, ...] | None = None  # every chosen group's hands for answers 1 to 5, added up

    @property
    def retention(self) -> float | None:
        return None if self.stayed is None or not self.active else self.stayed / self.active

    @property
    def pulse_mean(self) -> float | None:
        return pulse_mean(self.pulse)


def _known_sum(values: list[int | None]) -> int | None:
    known = [value for value in values if value is not None]
    return sum(known) if known else None


def _added_pulses(periods: list) -> tuple[int, ...] | None:
    pulse = None
    for period in periods:
        pulse = added_pulse(pulse, period.pulse)
    return pulse


def pooled_periods(report: TrendReport) -> list[PooledPeriod]:
    """Every period any chosen group has, in order. Retention pools only the groups that know it."""
    by_start = defaultdict(list)
    for group in report.groups.values():
        for period in group.periods:
            by_start[period.first_day].append(period)
    pooled = []
    for start in sorted(by_start):
        periods = by_start[start]
        judged = [period for period in periods if period.stayed is not None]
        pooled.append(
            PooledPeriod(
                first_day=start,
                newcomers=sum(period.newcomers for period in periods),
                returned=_known_sum([period.returned for period in periods]),
                stayed=_known_sum([period.stayed for period in judged]),
                active=_known_sum([period.active for period in judged]),
                pulse=_added_pulses(periods),
            )
        )
    return pooled


def spaced(count: int, room: int) -> list[int]:
    """Up to `room` indices out of `count`, at a regular step from the first."""
    step = max(1, math.ceil(count / max(1, room)))
    return list(range(0, count, step))


_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)


def count_ticks(top: float, rows: int) -> list[int]:
    """Whole numbers from 0 to at least `top`, about one every three rows: counts of people have no halves.

    The most ticks that fit, as long as the last stays within half again of `top`; otherwise the step
    whose last tick is closest above it, so that the data still fills most of the plot.
    """
    room = max(2, rows // 3)

    def last(step: int) -> int:
        return max(1, math.ceil(top / step)) * step

    fitting = [step for step in _STEPS if math.ceil(top / step) <= room] or [math.ceil(top / room)]
    close = [step for step in fitting if last(step) <= 1.5 * max(top, 1)]
    step = min(close) if close else min(fitting, key=last)
    return list(range(0, last(step) + 1, step))


def day_ticks(first: date, last: date, room: int) -> list[tuple[date, str]]:
    """Month starts between two days, thinned to `room`; just the two ends when the range is shorter."""
    months = [start for start in period_starts(first, last, Period.MONTH) if start >= first]
    if len(months) < 2:
        ends = [first] if first == last else [first, last]
        return [(day, day_in(current(), day, "dd MMM")) for day in ends]
    return [(months[index], day_in(current(), months[index], "MMM yy")) for index in spaced(len(months), room)]
