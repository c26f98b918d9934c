"""What trends report: per meeting and per period, by group. Counts only, never who."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from operator import mul
from typing import Any, NamedTuple

from circle.domain.trends.periods import Period


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def _plain_row(record: tuple[Any, ...], days: tuple[str, ...]) -> dict[str, Any]:
    """A trend tuple as JSON takes it: its days spelled out, its pulse a list. A lead bundle of ten years of
    forty groups makes twenty thousand of these, so each field is not asked what it is."""
    row = dict(zip(record._fields, record, strict=True))  # type: ignore[attr-defined]
    for name in days:
        row[name] = row[name].isoformat()
    if row["pulse"] is not None:
        row["pulse"] = list(row["pulse"])
    return row


def _rate(part: int | None, whole: int | None) -> float | None:
    return None if part is None or not whole else part / whole


def pulse_mean(pulse: tuple[int, ...] | None) -> float | None:
    """The mean answer on the pulse's scale of 1 to 5, from the hands for each answer; None when nobody answered."""
    answered = sum(pulse) if pulse else 0
    return None if not answered else sum(map(mul, pulse, range(1, len(pulse) + 1))) / answered


def added_pulse(one: tuple[int, ...] | None, other: tuple[int, ...] | None) -> tuple[int, ...] | None:
    """Two tallies of hands added answer by answer; None (no pulse taken) adds nothing."""
    if one is None or other is None:
        return one if other is None else other
    return tuple(a + b for a, b in zip(one, other, strict=True))


class MeetingTrend(NamedTuple):
    """One held meeting of a group. A tuple: ten years of forty groups make twenty thousand, at every count."""

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
    guests: int = 0  # of `present`

    def to_dict(self) -> dict[str, Any]:
        return _plain_row(self, ("held_on",))


class PeriodTrend(NamedTuple):
    """One week, month or quarter of a group. None means not known, never zero.

    A tuple: a report of a decade of forty groups by week holds twenty thousand, made at every count."""

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
    # Anonymous visitors at the meetings held, counted in the mean attendance too. None for a group that keeps
    # only a headcount: its heads count guests with everyone else.
    guests: int | None = 0
    pulse: tuple[int, ...] | None = None  # hands for answers 1 to 5, added up over the meetings that took one

    @property
    def pulse_answered(self) -> int | None:
        """How many hands the period's pulses counted; None when no meeting took one."""
        return None if self.pulse is None else sum(self.pulse)

    @property
    def pulse_mean(self) -> float | None:
        return pulse_mean(self.pulse)

    @property
    def return_rate(self) -> float | None:
        return _rate(self.returned, self.eligible)

    @property
    def retention(self) -> float | None:
        return _rate(self.stayed, self.active)

    def to_dict(self) -> dict[str, Any]:
        return {
            **_plain_row(self, ("first_day", "last_day")),
            "return_rate": self.return_rate,
            "retention": self.retention,
            "pulse_answered": self.pulse_answered,
            "pulse_mean": self.pulse_mean,
        }


def period_columns(periods: list[PeriodTrend]) -> dict[str, list[Any]]:
    """Each field and measure of these periods, a column each, as the properties give them: what a report of
    thousands of periods writes out, without a call per period for each field."""
    if not periods:
        return {name: [] for name in (*PeriodTrend._fields, *_MEASURES)}
    found = dict(zip(PeriodTrend._fields, map(list, zip(*periods, strict=True)), strict=True))
    pulses = found["pulse"]
    found["pulse_answered"] = [None if pulse is None else sum(pulse) for pulse in pulses]
    found["pulse_mean"] = list(map(pulse_mean, pulses))
    found["return_rate"] = list(map(_rate, found["returned"], found["eligible"]))
    found["retention"] = list(map(_rate, found["stayed"], found["active"]))
    return found


_MEASURES = ("pulse_answered", "pulse_mean", "return_rate", "retention")  # PeriodTrend's properties


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
