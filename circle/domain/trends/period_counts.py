"""A group's counts for each of its periods, worked out once from its history and good on any later day.

A period's trend depends on the day it is asked for in two ways only: a newcomer is judged once their four weeks
are over, and retention once the next period is over. So the counts keep each newcomer's first day with whether
they came back, and how many stayed into the next period, and `reported` applies the day. Kept beside a group's
history (store/trend_history.py, counts_shape.py), they spare `circle trends` the history and the engine both.

A period wholly inside the range asked for is counted as if there were no range (compute.py judges look-ahead
from every meeting, in range or not), so counts worked out for the whole history serve any range made of whole
periods. Part of a period is counted from the history.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from itertools import repeat
from operator import sub
from typing import Any, NamedTuple, TypeVar

from circle.domain.trends.history import RETURN_WINDOW
from circle.domain.trends.periods import Period, next_period_start, period_label, period_start
from circle.domain.trends.series import PeriodTrend

ONE_DAY = timedelta(days=1)
Record = TypeVar("Record", bound=tuple[Any, ...])


def records(kind: type[Record], *columns: Iterable[Any]) -> list[Record]:
    """Records of a NamedTuple kind from a column for each of its fields, as the kind's `_make` makes each, but
    without a Python call each: a report of years has thousands."""
    if len(columns) != len(kind._fields):  # type: ignore[attr-defined]
        raise TypeError(f"{kind.__name__} has {len(kind._fields)} fields")  # type: ignore[attr-defined]
    return list(map(tuple.__new__, repeat(kind), zip(*columns, strict=True)))


class PeriodCounts(NamedTuple):
    """One period of one group, whatever the day. None means not known, never zero, as in PeriodTrend."""

    first_day: date
    held: int
    cancelled: int
    mean_attendance: float | None
    median_attendance: float | None
    newcomers: int
    # Each newcomer's first day, as days after the period's first, in order; and 1 for each who came back in time.
    newcomer_days: tuple[int, ...] | None
    came_back: tuple[int, ...] | None
    stayed: int | None  # members here who came again next period; None until a next period held named meetings
    active: int | None
    dropped_off: int | None
    guests: int | None
    pulse: tuple[int, ...] | None


def whole_periods(by: Period, since: date | None, until: date | None) -> bool:
    """Whether the range starts and ends where periods do (an open end does)."""
    starts = since is None or period_start(since, by) == since
    ends = until is None or next_period_start(until, by) == until + ONE_DAY
    return starts and ends


def trends_from_counts(
    counts: Sequence[PeriodCounts], by: Period, since: date | None, until: date | None, today: date
) -> tuple[PeriodTrend, ...]:
    """The periods of a range of whole periods (`whole_periods`), from the first with a meeting in it to the last,
    gaps between them included; () when none had a meeting."""
    inside = [
        each for each in counts
        if (since is None or each.first_day >= since) and (until is None or each.first_day <= until)
    ]
    met = [index for index, each in enumerate(inside) if each.held or each.cancelled]
    return reported(inside[met[0]:met[-1] + 1], by, today) if met else ()


def reported(counts: Sequence[PeriodCounts], by: Period, today: date) -> tuple[PeriodTrend, ...]:
    """Periods one after another, as reported on `today`. A column at a time: a report of years has thousands."""
    if not counts:
        return ()
    (starts, held, cancelled, means, medians, newcomers, newcomer_days, came_back, stayed, active, dropped_off, guests,
     pulses) = zip(*counts, strict=True)
    after = next_period_start(starts[-1], by)
    following = [*starts[1:], after]
    beyond = [*following[1:], next_period_start(after, by)]
    # Judged: the newcomers whose four weeks were over before today, as days after their period's first.
    judged = (today - RETURN_WINDOW).toordinal()
    eligible = [
        None if days is None or back is None else bisect_left(days, judged - start.toordinal())
        for start, days, back in zip(starts, newcomer_days, came_back, strict=True)
    ]
    returned = [None if upto is None else sum(back[:upto]) for back, upto in zip(came_back, eligible, strict=True)]
    # Retention is known once the next period, which it looks into, is over.
    over = [count if end <= today else None for count, end in zip(stayed, beyond, strict=True)]
    return tuple(records(
        PeriodTrend, starts, map(sub, following, repeat(ONE_DAY)), map(period_label, starts, repeat(by)), held,
        cancelled, means, medians, newcomers, returned, eligible, over, active, dropped_off, guests, pulses,
    ))
