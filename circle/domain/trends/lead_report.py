"""A group lead's report: their groups' months or quarters side by side, and a summary of each group over a range.

Built only from what lead bundles carry (circle.domain.trends.lead_bundle): each group's months, counts
already suppressed by its own threshold. A quarter is added up here from its months
(circle.domain.trends.lead_quarters); weeks are never reported. A period is reported whole when any of
it lies in the range. Each group's summary adds up the months of the periods shown
(circle.domain.trends.lead_sums):

- meetings held and cancelled are never hidden, so they add up exactly;
- a total with hidden parts ("<3" is 1 or 2) is shown as the range it must lie in ("11-13"), or as
  "<3" while even its largest possible value would be small; a total with an unknown part is unknown;
- mean attendance is weighted by meetings held, and shown as a range the same way;
- a rate (return rate, retention) is over the months already judged (a newcomer's four weeks, or the
  next month, are over), and is a range ("40%-55%") when some of its counts are hidden.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from circle.language import N_
from circle.domain.errors import CircleError, InvalidInput
from circle.domain.trends.lead_bundle import KeptGroup, Row
from circle.domain.trends.lead_quarters import quarter_start, quarters
from circle.domain.trends.lead_sums import mean, pulse, rate, total
from circle.domain.trends.periods import Period
from circle.domain.text import sanitise_line

SUMMARY_KEYS = (
    "held", "cancelled", "mean_attendance", "newcomers", "return_rate", "retention", "dropped_off",
    "guests", "pulse", "pulse_answered", "pulse_mean",
)


class UnknownLeadGroup(InvalidInput):
    message = N_("No imported group by that name; 'circle lead report' lists the ones you have.")


class NoMeetingsInRange(CircleError):
    message = N_("No meetings in this range.")


class NoWeeksForLeads(InvalidInput):
    message = N_(
        "A lead's report is by month or quarter: a week is too close to a single meeting, so bundles carry months."
    )


class RangeBackwards(InvalidInput):
    message = N_("The range ends before it starts: --since is after --until.")


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


class SeveralLeadGroups(InvalidInput):
    message = N_(
        "More than one imported group has that name; give the one you mean as the report labels it,"
        " with the start of its id, such as 'Tuesday Evening (9a1b7c)'."
    )


def groups_named(kept: Mapping[str, KeptGroup], names: Sequence[str]) -> list[str]:
    """The ids of the groups with these names or report labels (any case); UnknownLeadGroup if one matches none."""
    labels = {key: label.casefold() for key, label in _labels(kept).items()}
    chosen: list[str] = []
    for name in names:
        wanted = sanitise_line(name).casefold()
        found = [key for key, entry in kept.items() if wanted in (entry.group.name.casefold(), labels[key])]
        if not found:
            raise UnknownLeadGroup()
        chosen += [key for key in found if key not in chosen]
    return chosen


def one_group_named(kept: Mapping[str, KeptGroup], name: str) -> str:
    """The id of the one group of this name or label; SeveralLeadGroups rather than a guess between two."""
    found = groups_named(kept, [name])
    if len(found) > 1:
        raise SeveralLeadGroups()
    return found[0]


def _labels(kept: Mapping[str, KeptGroup]) -> dict[str, str]:
    """Each group's name, with the start of its id when two groups share a name, so rows stay apart."""
    counts = Counter(entry.group.name.casefold() for entry in kept.values())
    return {
        key: entry.group.name if counts[entry.group.name.casefold()] == 1 else f"{entry.group.name} ({key[:6]})"
        for key, entry in kept.items()
    }


# ---- the report ----------------------------------------------------------------------------------------------------


def summarise(rows: Sequence[Row], threshold: int) -> dict[str, Any]:
    """One group's summary over its months in range (SUMMARY_KEYS); never over quarters, whose ranges are not counts."""
    return {
        "held": sum(row["held"] for row in rows),
        "cancelled": sum(row["cancelled"] for row in rows),
        "mean_attendance": mean(rows, threshold),
        "newcomers": total((row["newcomers"] for row in rows), threshold),
        "return_rate": rate(rows, "returned", "eligible", threshold),
        "retention": rate(rows, "stayed", "active", threshold),
        "dropped_off": total((row["dropped_off"] for row in rows), threshold),
        "guests": total((row["guests"] for row in rows), threshold),
        **pulse(rows, threshold),
    }


def _overlaps(row: Row, since: date | None, until: date | None) -> bool:
    return (since is None or row["last_day"] >= since.isoformat()) and (
        until is None or row["first_day"] <= until.isoformat()
    )


def _shown(
    months: Sequence[Row], by: Period, threshold: int, since: date | None, until: date | None
) -> tuple[tuple[Row, ...], tuple[Row, ...]]:
    """The periods of `by` that overlap the range, and the months they are made of."""
    if by is Period.MONTH:
        rows = tuple(row for row in months if _overlaps(row, since, until))
        # A month whose bundle withheld its pulse's mean (a hidden answer) gets the range it must lie in.
        return tuple({**row, **pulse([row], threshold)} for row in rows), rows
    rows = tuple(row for row in quarters(months, threshold) if _overlaps(row, since, until))
    starts = {row["first_day"] for row in rows}
    return rows, tuple(month for month in months if quarter_start(month).isoformat() in starts)


def lead_report(
    kept: Mapping[str, KeptGroup],
    *,
    group_ids: Sequence[str] | None = None,
    by: Period = Period.MONTH,
    since: date | None = None,
    until: date | None = None,
) -> LeadReport:
    """The chosen groups (all by default), each month or quarter that overlaps since..until, and summaries.

    Quarters are always added up from the months, even from a store that still holds a bundle's own
    weeks and quarters. NoWeeksForLeads for weeks; NoMeetingsInRange when none of the chosen groups
    held a meeting in the periods shown.
    """
    by = Period(by)
    if by is Period.WEEK:
        raise NoWeeksForLeads()
    if since is not None and until is not None and since > until:
        raise RangeBackwards()
    labels = _labels(kept)
    chosen = list(kept) if group_ids is None else list(group_ids)
    reported = []
    for key in chosen:
        entry = kept[key]
        threshold = entry.group.threshold
        rows, months = _shown(entry.group.periods.get(Period.MONTH, ()), by, threshold, since, until)
        reported.append(ReportedGroup(
            id=key,
            label=labels[key],
            threshold=threshold,
            made_at=entry.made_at,
            summary=summarise(months, threshold),
            periods=rows,
        ))
    if not any(group.summary["held"] for group in reported):
        raise NoMeetingsInRange()
    reported.sort(key=lambda group: (group.label.casefold(), group.id))
    return LeadReport(by=by, since=since, until=until, groups=tuple(reported))
