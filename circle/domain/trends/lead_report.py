"""A group lead's report: their groups' periods side by side, and a summary of each group over a range.

Built only from what lead bundles carry (circle.domain.trends.lead_bundle): counts already suppressed by each
group's own threshold. A period is reported whole when any of it lies in the range. Each group's
summary adds up the periods shown:

- meetings held and cancelled are never hidden, so they add up exactly;
- a total with hidden parts ("<3" is 1 or 2) is shown as the range it must lie in ("11-13"), or as
  "<3" while even its largest possible value would be small; a total with an unknown part is unknown;
- mean attendance is weighted by meetings held, and shown as a range the same way;
- a rate (return rate, retention) is over the periods already judged (a newcomer's four weeks, or the
  next period, are over), and is a range ("40%-55%") when some of its counts are hidden.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from circle.domain.errors import CircleError, InvalidInput
from circle.domain.trends.lead_bundle import KeptGroup, Row
from circle.domain.trends.periods import Period
from circle.domain.text import sanitise_line

SUMMARY_KEYS = ("held", "cancelled", "mean_attendance", "newcomers", "return_rate", "retention", "dropped_off")


class UnknownLeadGroup(InvalidInput):
    message = "No imported group by that name; 'circle lead report' lists the ones you have."


class NoMeetingsInRange(CircleError):
    message = "No meetings in this range."


class RangeBackwards(InvalidInput):
    message = "The range ends before it starts: --since is after --until."


@dataclass(frozen=True)
class ReportedGroup:
    id: str
    label: str  # the group's name, with the start of its id when another group has the same name
    threshold: int
    made_at: datetime
    summary: Mapping[str, Any]
    periods: tuple[Row, ...]


@dataclass(frozen=True)
class LeadReport:
    by: Period
    since: date | None
    until: date | None
    groups: tuple[ReportedGroup, ...]

    def summary_rows(self) -> list[dict[str, Any]]:
        return [
            {"group": group.label, **group.summary, "made_on": group.made_at.astimezone().date().isoformat()}
            for group in self.groups
        ]

    def period_rows(self) -> list[dict[str, Any]]:
        return [
            {"group": group.label, "group_id": group.id, "period": row["label"], **row}
            for group in self.groups
            for row in group.periods
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "by": str(self.by),
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "groups": [
                {
                    "id": group.id,
                    "name": group.label,
                    "threshold": group.threshold,
                    "made_at": group.made_at.isoformat(),
                    "summary": dict(group.summary),
                    "periods": [dict(row) for row in group.periods],
                }
                for group in self.groups
            ],
        }


# ---- choosing ----------------------------------------------------------------------------------------------


def groups_named(kept: Mapping[str, KeptGroup], names: Sequence[str]) -> list[str]:
    """The ids of the groups with these names (any case); UnknownLeadGroup if a name matches none."""
    chosen: list[str] = []
    for name in names:
        wanted = sanitise_line(name).casefold()
        found = [key for key, entry in kept.items() if entry.group.name.casefold() == wanted]
        if not found:
            raise UnknownLeadGroup()
        chosen += [key for key in found if key not in chosen]
    return chosen


def _labels(kept: Mapping[str, KeptGroup]) -> dict[str, str]:
    """Each group's name, with the start of its id when two groups share a name, so rows stay apart."""
    counts = Counter(entry.group.name.casefold() for entry in kept.values())
    return {
        key: entry.group.name if counts[entry.group.name.casefold()] == 1 else f"{entry.group.name} ({key[:6]})"
        for key, entry in kept.items()
    }


# ---- adding up what may be hidden ---------------------------------------------------------------------------------


def _hidden(value: Any) -> bool:
    return isinstance(value, str)


def _bounds(values: Sequence[Any], threshold: int) -> tuple[int, int]:
    """The least and most a sum of counts can be, when each hidden one ("<K") is 1 to K-1."""
    known = sum(value for value in values if not _hidden(value))
    hidden = sum(1 for value in values if _hidden(value))
    return known + hidden, known + hidden * (threshold - 1)


def _total(values: Iterable[Any], threshold: int) -> int | str | None:
    """A sum of counts of which some may be hidden; None if any is unknown."""
    values = list(values)
    if not values or any(value is None for value in values):
        return None
    low, high = _bounds(values, threshold)
    if low == high:
        return low
    return f"<{threshold}" if high < threshold else f"{low}-{high}"


def _mean(rows: Sequence[Row], threshold: int) -> float | str | None:
    """Mean attendance over the meetings held, each period's mean weighted by its meetings."""
    held = [row for row in rows if row["held"] and row["mean_attendance"] is not None]
    meetings = sum(row["held"] for row in held)
    if not meetings:
        return None
    known = sum(row["mean_attendance"] * row["held"] for row in held if not _hidden(row["mean_attendance"]))
    hidden_meetings = sum(row["held"] for row in held if _hidden(row["mean_attendance"]))
    if not hidden_meetings:
        return known / meetings
    low, high = known / meetings, (known + threshold * hidden_meetings) / meetings
    return f"<{threshold}" if high < threshold else f"{low:.1f}-{high:.1f}"


def _rate(rows: Sequence[Row], part: str, whole: str, threshold: int) -> float | str | None:
    """A rate over the periods already judged (both halves known), as a range when some halves are hidden."""
    judged = [row for row in rows if row[part] is not None and row[whole] is not None]
    parts_low, parts_high = _bounds([row[part] for row in judged], threshold)
    wholes_low, wholes_high = _bounds([row[whole] for row in judged], threshold)
    if not wholes_high:
        return None
    if (parts_low, wholes_low) == (parts_high, wholes_high):
        return parts_low / wholes_low
    return f"{parts_low / wholes_high:.0%}-{min(1.0, parts_high / wholes_low):.0%}"


def summarise(rows: Sequence[Row], threshold: int) -> dict[str, Any]:
    """One group's summary over its periods in range (SUMMARY_KEYS)."""
    return {
        "held": sum(row["held"] for row in rows),
        "cancelled": sum(row["cancelled"] for row in rows),
        "mean_attendance": _mean(rows, threshold),
        "newcomers": _total((row["newcomers"] for row in rows), threshold),
        "return_rate": _rate(rows, "returned", "eligible", threshold),
        "retention": _rate(rows, "stayed", "active", threshold),
        "dropped_off": _total((row["dropped_off"] for row in rows), threshold),
    }


# ---- the report ----------------------------------------------------------------------------------------------------


def _overlaps(row: Row, since: date | None, until: date | None) -> bool:
    return (since is None or row["last_day"] >= since.isoformat()) and (
        until is None or row["first_day"] <= until.isoformat()
    )


def lead_report(
    kept: Mapping[str, KeptGroup],
    *,
    group_ids: Sequence[str] | None = None,
    by: Period = Period.MONTH,
    since: date | None = None,
    until: date | None = None,
) -> LeadReport:
    """The chosen groups (all by default), each period of `by` that overlaps since..until, and summaries.

    NoMeetingsInRange when none of the chosen groups held a meeting in those periods.
    """
    if since is not None and until is not None and since > until:
        raise RangeBackwards()
    by = Period(by)
    labels = _labels(kept)
    chosen = list(kept) if group_ids is None else list(group_ids)
    reported = []
    for key in chosen:
        entry = kept[key]
        rows = tuple(row for row in entry.group.periods.get(by, ()) if _overlaps(row, since, until))
        reported.append(ReportedGroup(
            id=key,
            label=labels[key],
            threshold=entry.group.threshold,
            made_at=entry.made_at,
            summary=summarise(rows, entry.group.threshold),
            periods=rows,
        ))
    if not any(group.summary["held"] for group in reported):
        raise NoMeetingsInRange()
    reported.sort(key=lambda group: (group.label.casefold(), group.id))
    return LeadReport(by=by, since=since, until=until, groups=tuple(reported))
