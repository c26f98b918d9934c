"""A group's kept period counts as JSON (FORMAT.md 6.8), written and read back, and checked as they are read.

One value per kind of period: the first day of the group's first period, and a column for each count of
PeriodCounts (domain/trends/period_counts.py), one entry per period, one after another, gaps included. Newcomers'
first days are days after their period's first, in order, and came back has 1 or 0 for each; None stands for not
known, as in a report. Columns make a decade of periods quick to read and check: a few long lists, not thousands of
short ones, and no period's day to read or check but the first.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from itertools import chain, repeat
from operator import eq, is_
from typing import Any

from circle.domain.records import PULSE_SCALE
from circle.domain.trends.period_counts import PeriodCounts, records
from circle.domain.trends.periods import Period, period_start
from circle.store.kept_checks import all_of, require, require_counts

SHAPE = 1  # a newer circle's shape is passed over and counted from the history
MAX_PERIOD_DAYS = 92  # the longest quarter
COLUMNS = PeriodCounts._fields[1:]  # every count after the first day
_LEVELS = frozenset({float, type(None)})  # a mean or a median, or none where nothing was held


def counts_value(counts: list[PeriodCounts], by: Period, meetings: object) -> dict[str, Any]:
    columns = list(zip(*counts, strict=True)) if counts else [()] * len(PeriodCounts._fields)
    return {
        "shape": SHAPE,
        "meetings": meetings,
        "by": by.value,
        "first_day": counts[0].first_day.isoformat() if counts else None,
        "columns": {name: list(column) for name, column in zip(COLUMNS, columns[1:], strict=True)},
    }


def read_counts(value: dict[str, Any], by: Period) -> list[PeriodCounts]:
    """The counts a value holds; ValueError (or TypeError, KeyError) if they do not hold together."""
    require(value["by"] == by.value)
    found = value["columns"]
    require(type(found) is dict and set(found) == set(COLUMNS))
    columns = [found[name] for name in COLUMNS]
    require(all_of(columns, list) and len({len(column) for column in columns}) == 1)
    days = _first_days(value["first_day"], by, len(columns[0]))
    held, cancelled, mean, median, newcomers, newcomer_days, came_back, *rest, pulse = columns
    require_counts(held + cancelled + newcomers)
    require_counts([number for number in chain.from_iterable(rest) if number is not None])
    _require_levels(held, mean, median)
    _require_pulses(pulse)
    _require_newcomers(newcomer_days, came_back)
    tuples = (_tuples(newcomer_days), _tuples(came_back))
    return records(PeriodCounts, days, held, cancelled, mean, median, newcomers, *tuples, *rest, _tuples(pulse))


def _tuples(column: list[list[int] | None]) -> list[tuple[int, ...] | None]:
    return [None if each is None else tuple(each) for each in column]


def _first_days(first: str | None, by: Period, count: int) -> list[date]:
    """Each period's first day: periods follow one another from the first."""
    if first is None:
        require(count == 0)
        return []
    start = date.fromisoformat(first)
    require(period_start(start, by) == start)
    if by is Period.WEEK:
        return list(map(date.fromordinal, range(start.toordinal(), start.toordinal() + 7 * count, 7)))
    step = 3 if by is Period.QUARTER else 1
    month = start.year * 12 + start.month - 1
    return list(map(_first_of_month, range(month, month + step * count, step)))


@lru_cache(maxsize=4096)  # every group of a report has the same few hundred months
def _first_of_month(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def _require_levels(held: list[int], mean: list[Any], median: list[Any]) -> None:
    """A mean and a median exactly where meetings were held."""
    # Column by column at C speed: `held` holds counts (checked), and a level is a float or None.
    none_held = list(map(eq, held, repeat(0)))
    require(list(map(is_, mean, repeat(None))) == none_held == list(map(is_, median, repeat(None))))
    require(set(map(type, mean + median)) <= _LEVELS)


def _require_pulses(pulses: list[Any]) -> None:
    taken = [pulse for pulse in pulses if pulse is not None]
    require(all_of(taken, list) and all(len(pulse) == PULSE_SCALE for pulse in taken))
    require_counts(list(chain.from_iterable(taken)))


def _require_newcomers(newcomer_days: list[Any], came_back: list[Any]) -> None:
    """Each newcomer's first day within their period, in order, and for each a 1 or a 0."""
    known = [(days, back) for days, back in zip(newcomer_days, came_back, strict=True) if days or back]
    require(all(type(days) is list and type(back) is list and len(days) == len(back) for days, back in known))
    days = [day for each, _ in known for day in each]
    require(not days or (all_of(days, int) and min(days) >= 0 and max(days) < MAX_PERIOD_DAYS))
    # In order within each period: each period's days placed after the last's, then all checked at once.
    placed = [index * MAX_PERIOD_DAYS + day for index, (each, _) in enumerate(known) for day in each]
    require(placed == sorted(placed))
    back = [came for _, each in known for came in each]
    require(not back or (all_of(back, int) and min(back) >= 0 and max(back) <= 1))
    require(all((days is None) is (back is None) for days, back in zip(newcomer_days, came_back, strict=True)))
