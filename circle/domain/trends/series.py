"""What trends report: per meeting and per period, by group. Counts only, never who."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from enum import Enum
from typing import Any

from circle.domain.trends.periods import Period


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


def _plain_fields(record: Any) -> dict[str, Any]:
    return {each.name: _plain(getattr(record, each.name)) for each in fields(record)}


def _rate(part: int | None, whole: int | None) -> float | None:
    return None if part is None or not whole else part / whole


@dataclass(frozen=True)
class MeetingTrend:
    held_on: date
    group_id: str
    present: int
    newcomers: int
    returning: int
    absent: int | None  # rostered but absent; None when the group counts heads, not names
    shared_turns: int
    passed_turns: int
    planned_minutes: int
    actual_minutes: int | None
    pulse: tuple[int, ...] | None

    def to_dict(self) -> dict[str, Any]:
        return _plain_fields(self)


@dataclass(frozen=True)
class PeriodTrend:
    """One week, month or quarter of a group. None means not known, never zero."""

    first_day: date
    last_day: date
    label: str
    held: int
    cancelled: int
    mean_attendance: float | None
    median_attendance: float | None
    newcomers: int
    returned: int | None  # newcomers of this period back within four weeks...
    eligible: int | None  # ...of those whose four weeks are over
    stayed: int | None  # members here who came again next period...
    active: int | None  # ...of the members here
    dropped_off: int | None  # regulars whose third miss in a row fell in this period

    @property
    def return_rate(self) -> float | None:
        return _rate(self.returned, self.eligible)

    @property
    def retention(self) -> float | None:
        return _rate(self.stayed, self.active)

    def to_dict(self) -> dict[str, Any]:
        return {**_plain_fields(self), "return_rate": self.return_rate, "retention": self.retention}


@dataclass(frozen=True)
class GroupTrends:
    group_id: str
    meetings: tuple[MeetingTrend, ...]  # held meetings only; cancellations are counted per period
    periods: tuple[PeriodTrend, ...]  # every period from the first meeting in range to the last, gaps included

    def to_dict(self) -> dict[str, Any]:
        return {
            "group_id": self.group_id,
            "meetings": [meeting.to_dict() for meeting in self.meetings],
            "periods": [period.to_dict() for period in self.periods],
        }


@dataclass(frozen=True)
class TrendReport:
    """Counts only: the report holds no member ids, so no view of it can leak one."""

    by: Period
    since: date | None
    until: date | None
    today: date
    groups: Mapping[str, GroupTrends] = field(default_factory=dict)  # sorted by group id

    @property
    def is_empty(self) -> bool:
        return not self.groups

    def header(self) -> dict[str, Any]:
        return {key: _plain(getattr(self, key)) for key in ("by", "since", "until", "today")}

    def to_dict(self) -> dict[str, Any]:
        return {**self.header(), "groups": {key: group.to_dict() for key, group in self.groups.items()}}
