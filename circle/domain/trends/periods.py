"""Calendar periods for trends: ISO weeks (Monday start), calendar months and quarters."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache


class Period(StrEnum):
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"


def _months_in(period: Period) -> int:
    return 3 if period is Period.QUARTER else 1


def period_start(day: date, period: Period) -> date:
    """The first day of the period that holds `day`."""
    if period is Period.WEEK:
        return day - timedelta(days=day.weekday())
    months = _months_in(period)
    first_month = (day.month - 1) // months * months + 1
    return date(day.year, first_month, 1)


def next_period_start(day: date, period: Period) -> date:
    """The first day of the period after the one that holds `day`."""
    start = period_start(day, period)
    if period is Period.WEEK:
        return start + timedelta(days=7)
    month_index = start.year * 12 + start.month - 1 + _months_in(period)
    return date(month_index // 12, month_index % 12 + 1, 1)


def period_last_day(day: date, period: Period) -> date:
    return next_period_start(day, period) - timedelta(days=1)


@lru_cache(maxsize=4096)  # every group of a report has the same few hundred periods, and a decade of weeks fits
def period_label(day: date, period: Period) -> str:
    """'2026-W07', '2026-02' or '2026-Q1' for the period that holds `day`."""
    if period is Period.WEEK:
        # The ISO year, not the calendar year: 2024-12-30 lies in 2025-W01.
        iso_year, week, _ = day.isocalendar()
        return f"{iso_year}-W{week:02d}"
    if period is Period.MONTH:
        return f"{day.year}-{day.month:02d}"
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def period_starts(first: date, last: date, period: Period) -> Iterator[date]:
    """Every period from the one holding `first` to the one holding `last`, with none skipped."""
    start = period_start(first, period)
    while start <= last:
        yield start
        start = next_period_start(start, period)
