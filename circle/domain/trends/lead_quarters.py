"""A lead's quarters, added up from a group's months: bundles carry months only.

Two published values that covered overlapping meetings would let a lead subtract one from the other
and recover a hidden count (a quarter's total less two of its months is the third). So a quarter is
never published by a facilitator: it is worked out here from the months, as ranges when some of
them are hidden (circle.domain.trends.lead_sums), and so tells nothing the months did not.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from itertools import groupby
from typing import Any

from circle.domain.trends.lead_bundle import Row
from circle.domain.trends.lead_sums import mean, pulse, rate, total
from circle.domain.trends.periods import Period, period_label, period_last_day, period_start

# Counts of events, each in one month: a quarter's is the sum of its months'.
_ADDED_UP = ("newcomers", "returned", "eligible", "dropped_off", "guests")


def quarter_start(row: Row) -> date:
    return period_start(date.fromisoformat(row["first_day"]), Period.QUARTER)


def _quarter(start: date, months: Sequence[Row], threshold: int) -> dict[str, Any]:
    sums = {key: total((row[key] for row in months), threshold) for key in _ADDED_UP}
    return {
        "first_day": start.isoformat(),
        "last_day": period_last_day(start, Period.QUARTER).isoformat(),
        "label": period_label(start, Period.QUARTER),
        "held": sum(row["held"] for row in months),
        "cancelled": sum(row["cancelled"] for row in months),
        "mean_attendance": mean(months, threshold),
        "median_attendance": None,  # the months' medians do not give the quarter's
        "newcomers": sums["newcomers"],
        "returned": sums["returned"],
        "eligible": sums["eligible"],
        # Active and stayed count distinct people, and one person may come in every month of a quarter.
        "stayed": None,
        "active": None,
        "dropped_off": sums["dropped_off"],
        "return_rate": None if None in (sums["returned"], sums["eligible"]) else rate(
            months, "returned", "eligible", threshold),
        "retention": None,
        "guests": sums["guests"],
        **pulse(months, threshold),
    }


def quarters(months: Iterable[Row], threshold: int) -> tuple[dict[str, Any], ...]:
    """One row per quarter that holds any of these months (in order), added up from those months."""
    return tuple(
        _quarter(start, list(rows), threshold) for start, rows in groupby(months, key=quarter_start)
    )
