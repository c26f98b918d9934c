"""Adding up a lead's counts when some are hidden: the result is the range the true sum must lie in.

A hidden count ("<K", K the group's threshold) is 1 to K-1, never 0: zero is always shown. So a sum
with hidden parts is shown as the least and most it can be ("11-13"), or as "<K" while even its most
would be small. Every result is worked out from published values alone, so it tells a lead nothing
that the values it adds up did not already tell.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import product
from typing import Any

from circle.domain.trends.lead_bundle import Row


def hidden(value: Any) -> bool:
    return isinstance(value, str)


def bounds(values: Sequence[Any], threshold: int) -> tuple[int, int]:
    """The least and most a sum of counts can be, when each hidden one ("<K") is 1 to K-1."""
    known = sum(value for value in values if not hidden(value))
    unseen = sum(1 for value in values if hidden(value))
    return known + unseen, known + unseen * (threshold - 1)


def total(values: Iterable[Any], threshold: int) -> int | str | None:
    """A sum of counts of which some may be hidden; None if any is unknown."""
    values = list(values)
    if not values or any(value is None for value in values):
        return None
    low, high = bounds(values, threshold)
    if low == high:
        return low
    return f"<{threshold}" if high < threshold else f"{low}-{high}"


def mean(rows: Sequence[Row], threshold: int) -> float | str | None:
    """Mean attendance over the meetings held, each period's mean weighted by its meetings."""
    held = [row for row in rows if row["held"] and row["mean_attendance"] is not None]
    meetings = sum(row["held"] for row in held)
    if not meetings:
        return None
    known = sum(row["mean_attendance"] * row["held"] for row in held if not hidden(row["mean_attendance"]))
    hidden_meetings = sum(row["held"] for row in held if hidden(row["mean_attendance"]))
    if not hidden_meetings:
        return known / meetings
    low, high = known / meetings, (known + threshold * hidden_meetings) / meetings
    return f"<{threshold}" if high < threshold else f"{low:.1f}-{high:.1f}"


def pulse(rows: Sequence[Row], threshold: int) -> dict[str, Any]:
    """The pulse over these months: each answer's hands added up, how many answered, and the mean answer.

    With hidden hands the mean is the least and most it can be ("3.1-3.8"): each hidden answer's hands are
    1 to K-1, and the mean of a tally is least (or most) with every answer's hands at one end of its range.
    """
    taken = [row["pulse"] for row in rows if row["pulse"] is not None]
    if not taken:
        return {"pulse": None, "pulse_answered": None, "pulse_mean": None}
    answers = list(zip(*taken, strict=True))
    ranges = [bounds(hands, threshold) for hands in answers]
    means = [
        sum(answer * count for answer, count in enumerate(tally, start=1)) / sum(tally)
        for tally in product(*ranges)
        if sum(tally)
    ]
    low, high = min(means), max(means)
    return {
        "pulse": [total(hands, threshold) for hands in answers],
        "pulse_answered": total([count for tally in taken for count in tally], threshold),
        "pulse_mean": low if low == high else f"{low:.1f}-{high:.1f}",
    }


def rate(rows: Sequence[Row], part: str, whole: str, threshold: int) -> float | str | None:
    """A rate over the periods already judged (both halves known), as a range when some halves are hidden."""
    judged = [row for row in rows if row[part] is not None and row[whole] is not None]
    parts_low, parts_high = bounds([row[part] for row in judged], threshold)
    wholes_low, wholes_high = bounds([row[whole] for row in judged], threshold)
    if not wholes_high:
        return None
    low, high = parts_low / wholes_high, min(1.0, parts_high / max(wholes_low, 1))
    if low == high:  # known exactly, or bound to one value such as none of a hidden few
        return low
    return f"{low:.0%}-{high:.0%}"
