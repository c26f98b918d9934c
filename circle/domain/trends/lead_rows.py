"""One month of a group as a lead bundle carries it: its exact members, and how a reader checks one strictly.

A row is what circle.domain.trends.lead_view leaves of a PeriodTrend: counts of people hidden as "<K" by the
group's threshold, rates withheld when built on a hidden count (docs/FORMAT.md section 13.4). Anything else
raises FieldError, which the bundle's reader turns into one line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NoReturn

from circle.domain.json_fields import FieldError, day, exact_object, integer, items, number
from circle.domain.records import PULSE_SCALE
from circle.domain.trends.periods import Period, period_label, period_last_day, period_start

# One month row, exactly: PeriodTrend.to_dict() with its rates and pulse figures, as lead_view leaves it.
PERIOD_KEYS = (
    "first_day", "last_day", "label", "held", "cancelled", "mean_attendance", "median_attendance",
    "newcomers", "returned", "eligible", "stayed", "active", "dropped_off", "return_rate", "retention",
    "guests", "pulse", "pulse_answered", "pulse_mean",
)
# Newer than the store before signed bundles, whose rows are read as not knowing them.
_NOT_IN_OLDER = ("guests", "pulse", "pulse_answered", "pulse_mean")
_NEVER_HIDDEN = ("held", "cancelled")  # meetings, not people
_HIDDEN_OR_UNKNOWN = ("returned", "eligible", "stayed", "active", "dropped_off", "guests")
_LEVELS = ("mean_attendance", "median_attendance")
_RATES = ("return_rate", "retention")

Row = Mapping[str, Any]
MAX_COUNT = 1_000_000  # any count or level in a row: far beyond any group, small enough to add up safely


def _refuse(what: str) -> NoReturn:
    raise FieldError(what)


def _row(value: Any, by: Period, threshold: int) -> dict[str, Any]:
    row = exact_object(value, PERIOD_KEYS)
    first = day(row["first_day"])
    try:
        last = period_last_day(first, by)
    except (OverflowError, ValueError):  # a period that would end after the year 9999
        _refuse("a period past the year 9999")
    if first != period_start(first, by) or row["last_day"] != last.isoformat():
        _refuse("a period's days")
    if row["label"] != period_label(first, by):
        _refuse("a period's label")
    hidden = f"<{threshold}"
    for key in _NEVER_HIDDEN:
        integer(row[key], high=MAX_COUNT)
    for key in ("newcomers", *_HIDDEN_OR_UNKNOWN):
        if row[key] != hidden and not (row[key] is None and key != "newcomers"):
            integer(row[key], high=MAX_COUNT)
    for key in _LEVELS:
        if row[key] is not None and row[key] != hidden:
            number(row[key], low=0, high=MAX_COUNT)
    for key in _RATES:
        if row[key] is not None:
            number(row[key], low=0, high=1)
    _pulse(row, hidden)
    return row


def _pulse(row: dict[str, Any], hidden: str) -> None:
    """The month's pulse: null, or five counts that may be hidden; how many answered and their mean, or null."""
    if row["pulse"] is not None:
        counts = items(row["pulse"], most=PULSE_SCALE)
        if len(counts) != PULSE_SCALE:
            _refuse("a pulse of another length")
        for count in counts:
            if count != hidden:
                integer(count, high=MAX_COUNT)
    if row["pulse_answered"] is not None:
        integer(row["pulse_answered"], low=1, high=MAX_COUNT)
    if row["pulse_mean"] is not None:
        number(row["pulse_mean"], low=1, high=PULSE_SCALE)


def month_rows(values: Iterable[Any], by: Period, threshold: int) -> tuple[Row, ...]:
    """Each row read strictly, in order of their first days, each period once."""
    rows = tuple(_row(each, by, threshold) for each in values)
    days = [row["first_day"] for row in rows]
    if days != sorted(set(days)):
        _refuse("periods out of order")
    return rows


def older_row(value: Any) -> dict[str, Any]:
    """A row as the store before signed bundles kept it, with the members it did not have yet as unknown."""
    older = [key for key in PERIOD_KEYS if key not in _NOT_IN_OLDER]
    return {**exact_object(value, older), **dict.fromkeys(_NOT_IN_OLDER)}
