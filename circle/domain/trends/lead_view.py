"""What a group lead may see of a trend report: counts, with small ones suppressed, and nothing derived from them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from circle.language import _
from circle.domain.errors import InvalidInput
from circle.domain.rules import ConfidentialityRules
from circle.domain.trends.compute import GroupTrends, MeetingTrend, PeriodTrend, TrendReport

# A group with no threshold of its own gets the default rules' one, never none at all.
DEFAULT_THRESHOLD = ConfidentialityRules().small_count_threshold


def lead_view(report: TrendReport, thresholds: Mapping[str, int]) -> dict[str, Any]:
    """What a group lead sees: small counts suppressed per group, and nothing derived from them.

    A suppressed count reads "<K". None means not known or withheld: a rate whose numerator or
    denominator is suppressed, and the other half of a pair whose suppressed half it would give away.
    """
    return {
        **report.header(),
        "groups": {
            key: lead_group(group, thresholds.get(key, DEFAULT_THRESHOLD)) for key, group in report.groups.items()
        },
    }


def suppressed(count: int | None, threshold: int) -> int | str | None:
    """A count as a lead sees it: 1 to threshold-1 becomes "<threshold"; None stays None.

    Zero stays 0: "nobody" points at no one, and hiding it would make an empty week look like a
    small one, which is exactly what a lead needs to tell apart.
    """
    if threshold < 1:
        raise InvalidInput(_("The small-count threshold must be at least 1."))
    if count is None or count == 0 or count >= threshold:
        return count
    return f"<{threshold}"


def _suppressed_level(value: float | None, threshold: int) -> float | str | None:
    # With one meeting in a period, the mean is that meeting's headcount: it is hidden like one.
    return f"<{threshold}" if value is not None and 0 < value < threshold else value


_MEETING_COUNTS = ("present", "newcomers", "returning", "guests", "absent", "shared_turns", "passed_turns")
# Each set adds up to (about) the headcount, so while the headcount is shown, one hidden part
# would be given away by the others. (A hidden headcount means every part is small or zero anyway.)
_COMPLEMENTS = (("newcomers", "returning", "guests"), ("shared_turns", "passed_turns"))
_PERIOD_COUNTS = ("newcomers", "returned", "eligible", "stayed", "active", "dropped_off", "guests")
_PERIOD_LEVELS = ("mean_attendance", "median_attendance")
_PERIOD_RATES = {"return_rate": ("returned", "eligible"), "retention": ("stayed", "active")}


def _hidden(value: Any) -> bool:
    return isinstance(value, str)


def _lead_meeting(meeting: MeetingTrend, threshold: int) -> dict[str, Any]:
    row = meeting.to_dict()
    for key in _MEETING_COUNTS:
        row[key] = suppressed(row[key], threshold)
    for parts in _COMPLEMENTS:
        hidden = [key for key in parts if _hidden(row[key])]
        if not _hidden(row["present"]) and len(hidden) == 1:
            row[next(key for key in parts if not _hidden(row[key]))] = None
    if meeting.pulse is not None:
        row["pulse"] = [suppressed(count, threshold) for count in meeting.pulse]
    return row


def _lead_pulse(row: dict[str, Any], threshold: int) -> None:
    """Each answer's hands as a count; the number who answered and the mean only while none is hidden, since
    with the total shown one hidden answer would be the total less the others."""
    if row["pulse"] is None:
        return
    row["pulse"] = [suppressed(count, threshold) for count in row["pulse"]]
    if any(_hidden(count) for count in row["pulse"]):
        row["pulse_answered"] = row["pulse_mean"] = None


def _lead_period(period: PeriodTrend, threshold: int) -> dict[str, Any]:
    row = period.to_dict()
    for key in _PERIOD_COUNTS:
        row[key] = suppressed(row[key], threshold)
    for key in _PERIOD_LEVELS:
        row[key] = _suppressed_level(row[key], threshold)
    for rate, (part, whole) in _PERIOD_RATES.items():
        if _hidden(row[part]) or _hidden(row[whole]):
            row[rate] = None
    _lead_pulse(row, threshold)
    return row


def lead_group(group: GroupTrends, threshold: int) -> dict[str, Any]:
    return {
        "threshold": threshold,
        "meetings": [_lead_meeting(meeting, threshold) for meeting in group.meetings],
        "periods": [_lead_period(period, threshold) for period in group.periods],
    }
