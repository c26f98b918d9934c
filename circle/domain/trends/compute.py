"""Group trends from counts and dates: is the group growing, do newcomers come back, who has stopped coming.

Pure and fast. Attendance is indexed once, by meeting and by member; every look-up into a member's
history is a bisect over their sorted meeting days, never a scan of all meetings.

Look-ahead: `since` and `until` choose which meetings are reported, but whether a newcomer came back
within four weeks, and who stayed into the next period, is judged from every meeting in the input,
including meetings after `until`. Nothing beyond the input is assumed: a newcomer not seen again in it
counts as not returned, and a next period without meetings in it leaves retention unknown. So the
caller should load meetings up to today, not just up to `until`. Both measures also wait for `today`:
a newcomer is judged once their 28 days are over, and retention once the next period is over.
"""

from __future__ import annotations

import gc
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from enum import Enum
from math import fsum
from typing import Any, NamedTuple

from circle.domain.trends.periods import Period, next_period_start, period_label, period_start, period_starts
from circle.domain.records import MeetingStatus

# A newcomer has come back if they are at another meeting of the group within four weeks.
RETURN_WINDOW = timedelta(days=28)
# A regular came to at least three meetings in the twelve weeks before they started missing.
REGULAR_LOOKBACK = timedelta(weeks=12)
REGULAR_VISITS = 3
MISSES_IN_A_ROW = 3
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class MeetingFacts:
    """One closed or cancelled meeting, read from plain columns. Open meetings are ignored."""

    id: str
    group_id: str
    held_on: date
    status: MeetingStatus
    planned_minutes: int
    actual_minutes: int | None
    headcount: int
    newcomers: int
    shared_turns: int
    passed_turns: int
    pulse: tuple[int, ...] | None


class Attendance(NamedTuple):
    """One rostered member at one meeting; absences are rows too. A tuple: a vault holds a great many.

    The engine reads it by position, so a plain tuple in this order serves as well.
    """

    meeting_id: str
    member_id: str
    present: bool
    newcomer: bool


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


# ---- the engine ------------------------------------------------------------------------------------------


@dataclass
class _History:
    """One group's meetings, closed ones in date order, with attendance indexed by meeting and member."""

    closed: list[MeetingFacts]
    cancelled: list[MeetingFacts]
    present_at: list[list[str] | None] = field(default_factory=list)  # None: heads were counted, not names
    absent_at: list[int | None] = field(default_factory=list)
    days_present: dict[str, list[date]] = field(default_factory=lambda: defaultdict(list))  # sorted
    first_visit: dict[str, int] = field(default_factory=dict)  # a newcomer's first meeting, an index into closed
    drop_offs: list[tuple[str, int]] = field(default_factory=list)  # a regular and the meeting of their third miss
    keeps_names: bool = False  # some meeting has attendance rows: the group is not headcount-only


def _was_regular(days: list[date], first_miss: date) -> bool:
    visits = bisect_left(days, first_miss) - bisect_left(days, first_miss - REGULAR_LOOKBACK)
    return visits >= REGULAR_VISITS


def _came_back(days: list[date], first: date) -> bool:
    later = bisect_right(days, first)  # a later day, not another meeting on the same day
    return later < len(days) and days[later] <= first + RETURN_WINDOW


def _history(meetings: list[MeetingFacts], rows_by_meeting: Mapping[str, list[Attendance]]) -> _History:
    history = _History(
        closed=[meeting for meeting in meetings if meeting.status == MeetingStatus.CLOSED],
        cancelled=[meeting for meeting in meetings if meeting.status == MeetingStatus.CANCELLED],
    )
    # A run of misses: (index of the first miss, index of the latest, how many). Only explicit absences
    # at consecutive closed meetings count: someone taken off the roster has not dropped off.
    runs: dict[str, tuple[int, int, int]] = {}
    days_present, first_visit = history.days_present, history.first_visit  # the hot loop: once per row
    for index, meeting in enumerate(history.closed):
        rows = rows_by_meeting.get(meeting.id)
        if not rows:
            history.present_at.append(None)
            history.absent_at.append(None)
            continue
        present: list[str] = []
        held_on = meeting.held_on
        for _, member, came, newcomer in rows:  # by position: the store hands over plain tuples
            if came:
                present.append(member)
                days_present[member].append(held_on)
                runs.pop(member, None)
                if newcomer and member not in first_visit:
                    first_visit[member] = index
                continue
            run = runs.get(member)
            run = (run[0], index, run[2] + 1) if run and run[1] == index - 1 else (index, index, 1)
            runs[member] = run
            if run[2] == MISSES_IN_A_ROW and _was_regular(days_present[member], history.closed[run[0]].held_on):
                history.drop_offs.append((member, index))
        history.present_at.append(present)
        history.absent_at.append(len(rows) - len(present))
    history.keeps_names = any(present is not None for present in history.present_at)
    return history


def _histories(meetings: Iterable[MeetingFacts], attendance: Iterable[Attendance]) -> dict[str, _History]:
    kept = {meeting.id: meeting for meeting in meetings if meeting.status != MeetingStatus.OPEN}
    rows_by_meeting: dict[str, list[Attendance]] = defaultdict(list)
    for row in attendance:
        rows_by_meeting[row[0]].append(row)  # by meeting id; rows of open or unknown meetings are never looked up
    by_group: dict[str, list[MeetingFacts]] = defaultdict(list)
    for meeting in kept.values():
        by_group[meeting.group_id].append(meeting)
    return {
        group_id: _history(sorted(by_group[group_id], key=lambda m: (m.held_on, m.id)), rows_by_meeting)
        for group_id in sorted(by_group)
    }


@dataclass(frozen=True)
class _Range:
    since: date | None
    until: date | None

    def __contains__(self, day: date) -> bool:
        return (self.since is None or day >= self.since) and (self.until is None or day <= self.until)

    def positions(self, meetings: list[MeetingFacts]) -> range:
        """Where the meetings in range sit in a list of meetings sorted by day."""
        first = 0 if self.since is None else bisect_left(meetings, self.since, key=_day)
        end = len(meetings) if self.until is None else bisect_right(meetings, self.until, key=_day)
        return range(first, max(first, end))


def _day(meeting: MeetingFacts) -> date:
    return meeting.held_on


@dataclass
class _Slice:
    """One period of one group: its meetings in range, and who came in or out of range, for look-ahead."""

    headcounts: list[int] = field(default_factory=list)  # meetings in range
    newcomers: int = 0
    cancelled: int = 0
    active: set[str] = field(default_factory=set)  # present at a meeting in range
    everyone: set[str] = field(default_factory=set)  # present at any meeting of the period
    names_known: bool = True  # every meeting in range has attendance rows
    held_anywhere: bool = False  # a meeting was held in this period, in range or not...
    names_known_anywhere: bool = True  # ...and every one of them has attendance rows
    cohort: list[tuple[date, bool]] = field(default_factory=list)  # each newcomer's first day, and if they came back
    drop_offs: int = 0


def _slices(history: _History, by: Period, window: _Range) -> dict[date, _Slice]:
    """Every meeting of the group added once to the period that holds it."""
    chosen = window.positions(history.closed)
    slices: dict[date, _Slice] = defaultdict(_Slice)
    period_of: list[date] = []
    for index, (meeting, present) in enumerate(zip(history.closed, history.present_at)):
        start = period_start(meeting.held_on, by)
        period_of.append(start)
        part = slices[start]
        part.held_anywhere = True
        if present is None:
            part.names_known_anywhere = False
        else:
            part.everyone.update(present)
        if index in chosen:
            part.headcounts.append(meeting.headcount)
            part.newcomers += meeting.newcomers
            if present is None:
                part.names_known = False
            else:
                part.active.update(present)
    for meeting in history.cancelled:
        if meeting.held_on in window:
            slices[period_start(meeting.held_on, by)].cancelled += 1
    for member, index in history.first_visit.items():
        if index in chosen:
            first = history.closed[index].held_on
            slices[period_of[index]].cohort.append((first, _came_back(history.days_present[member], first)))
    for _, index in history.drop_offs:
        if index in chosen:
            slices[period_of[index]].drop_offs += 1
    return slices


@dataclass(frozen=True)
class _Periods:
    """Turns one group's slices into period trends."""

    slices: dict[date, _Slice]
    keeps_names: bool
    by: Period
    today: date

    def newcomer_return(self, part: _Slice) -> tuple[int, int]:
        """(returned, eligible): only newcomers whose four weeks are over before today are judged."""
        judged = [came_back for first, came_back in part.cohort if first + RETURN_WINDOW < self.today]
        return sum(judged), len(judged)

    def retention(self, part: _Slice, following: date, beyond: date) -> tuple[int | None, int]:
        """(stayed, active). Stayed is unknown until the next period is over and had a meeting with names."""
        after = self.slices.get(following)
        if after is None or not (after.held_anywhere and after.names_known_anywhere and beyond <= self.today):
            return None, len(part.active)
        return len(part.active & after.everyone), len(part.active)

    def trend(self, start: date, following: date, beyond: date) -> PeriodTrend:
        """This period, given where the next one starts and where the one after it starts."""
        part = self.slices[start]
        known = self.keeps_names and part.names_known
        returned, eligible = self.newcomer_return(part) if known else (None, None)
        stayed, active = self.retention(part, following, beyond) if known else (None, None)
        headcounts = part.headcounts
        return PeriodTrend(
            first_day=start,
            last_day=following - ONE_DAY,
            label=period_label(start, self.by),
            held=len(headcounts),
            cancelled=part.cancelled,
            mean_attendance=fsum(headcounts) / len(headcounts) if headcounts else None,
            median_attendance=_median(headcounts) if headcounts else None,
            newcomers=part.newcomers,
            returned=returned,
            eligible=eligible,
            stayed=stayed,
            active=active,
            dropped_off=part.drop_offs if known else None,
        )


def _median(values: list[int]) -> float:
    """As statistics.median gives it, as a float; without the statistics module, which is slow to import."""
    ordered, middle = sorted(values), len(values) // 2
    return float(ordered[middle]) if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _meeting_trend(history: _History, index: int) -> MeetingTrend:
    meeting = history.closed[index]
    return MeetingTrend(
        held_on=meeting.held_on,
        group_id=meeting.group_id,
        present=meeting.headcount,
        newcomers=meeting.newcomers,
        returning=meeting.headcount - meeting.newcomers,
        absent=history.absent_at[index],
        shared_turns=meeting.shared_turns,
        passed_turns=meeting.passed_turns,
        planned_minutes=meeting.planned_minutes,
        actual_minutes=meeting.actual_minutes,
        pulse=meeting.pulse,
    )


def _group_trends(group_id: str, history: _History, by: Period, window: _Range, today: date) -> GroupTrends | None:
    in_range = window.positions(history.closed)
    days = [history.closed[index].held_on for index in in_range]
    days += [meeting.held_on for meeting in history.cancelled if meeting.held_on in window]
    if not days:
        return None
    periods = _Periods(_slices(history, by, window), history.keeps_names, by, today)
    starts = list(period_starts(min(days), max(days), by))
    bounds = [*starts, next_period_start(starts[-1], by)]
    bounds.append(next_period_start(bounds[-1], by))
    return GroupTrends(
        group_id=group_id,
        meetings=tuple(_meeting_trend(history, index) for index in in_range),
        periods=tuple(map(periods.trend, starts, bounds[1:], bounds[2:])),
    )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The engine makes a great many small containers and no cycles: the cycle collector would only walk
    them again and again (a sixth of the time on a large vault). Paused for the call, then as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def compute_trends(
    meetings: Iterable[MeetingFacts],
    attendance: Iterable[Attendance],
    *,
    by: Period,
    since: date | None = None,
    until: date | None = None,
    today: date,
) -> TrendReport:
    """Per-meeting and per-period trends of every group with a meeting between since and until (inclusive)."""
    by, window = Period(by), _Range(since, until)
    groups: dict[str, GroupTrends] = {}
    with _collector_paused():
        for group_id, history in _histories(meetings, attendance).items():
            trends = _group_trends(group_id, history, by, window, today)
            if trends is not None:
                groups[group_id] = trends
    return TrendReport(by=by, since=since, until=until, today=today, groups=groups)


def dropped_off(
    meetings: Iterable[MeetingFacts],
    attendance: Iterable[Attendance],
    *,
    since: date | None = None,
    until: date | None = None,
) -> dict[str, tuple[str, ...]]:
    """Who the drop-off counts are, by group: for the group's own facilitators to reach out, never for leads.

    A member appears if their third miss in a row fell between since and until (inclusive).
    """
    window = _Range(since, until)
    found: dict[str, tuple[str, ...]] = {}
    with _collector_paused():
        for group_id, history in _histories(meetings, attendance).items():
            chosen = window.positions(history.closed)
            members = {member for member, index in history.drop_offs if index in chosen}
            if members:
                found[group_id] = tuple(sorted(members))
    return found
