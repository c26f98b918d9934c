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

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from math import fsum

from circle.domain.trends.collector import collector_paused
from circle.domain.trends.facts import Attendance, MeetingFacts
from circle.domain.trends.history import History, Range, histories
from circle.domain.trends.period_counts import PeriodCounts, reported
from circle.domain.trends.periods import Period, next_period_start, period_start, period_starts
from circle.domain.trends.series import GroupTrends, MeetingTrend, PeriodTrend, TrendReport, added_pulse

__all__ = [
    "Attendance",
    "GroupTrends",
    "MeetingFacts",
    "MeetingTrend",
    "PeriodTrend",
    "TrendReport",
    "collector_paused",
    "compute_trends",
    "dropped_off",
    "dropped_off_of",
    "period_counts",
    "trends_of",
]


@dataclass
class _Slice:
    """One period of one group: its meetings in range, and who came in or out of range, for look-ahead."""

    headcounts: list[int] = field(default_factory=list)  # meetings in range
    newcomers: int = 0
    guests: int = 0
    pulse: tuple[int, ...] | None = None  # added up over the meetings in range that took one
    cancelled: int = 0
    active: set[str] = field(default_factory=set)  # present at a meeting in range
    everyone: set[str] = field(default_factory=set)  # present at any meeting of the period
    names_known: bool = True  # every meeting in range has attendance rows
    held_anywhere: bool = False  # a meeting was held in this period, in range or not...
    names_known_anywhere: bool = True  # ...and every one of them has attendance rows
    cohort: list[tuple[date, bool]] = field(default_factory=list)  # each newcomer's first day, and if they came back
    drop_offs: int = 0


def _slices(history: History, by: Period, window: Range) -> dict[date, _Slice]:
    """Every meeting of the group added once to the period that holds it.

    Meetings are in date order, so each period's are one run of them: each run is added to its slice at once.
    """
    chosen = window.positions(history.closed)
    closed, present_at = history.closed, history.present_at
    slices: dict[date, _Slice] = defaultdict(_Slice)
    period_of: list[date] = []
    first = 0
    while first < len(closed):
        start = period_start(closed[first].held_on, by)
        after = next_period_start(start, by)
        end = first + 1
        while end < len(closed) and closed[end].held_on < after:
            end += 1
        period_of += [start] * (end - first)
        _add_run(slices[start], closed, present_at, range(first, end), chosen)
        first = end
    for meeting in history.cancelled:
        if meeting.held_on in window:
            slices[period_start(meeting.held_on, by)].cancelled += 1
    for index, returned in history.first_visit.values():
        if index in chosen:
            slices[period_of[index]].cohort.append((closed[index].held_on, returned))
    for _, index in history.drop_offs:
        if index in chosen:
            slices[period_of[index]].drop_offs += 1
    return slices


def _add_run(part: _Slice, closed: list[MeetingFacts], present_at: list[list[int] | None], run: range,
             chosen: range) -> None:
    """One period's meetings (`run`, positions in `closed`), of which those in `chosen` are in range."""
    part.held_anywhere = True
    present = present_at[run.start:run.stop]
    part.names_known_anywhere = part.names_known_anywhere and None not in present
    part.everyone.update(*(each for each in present if each is not None))
    counted = range(max(run.start, chosen.start), min(run.stop, chosen.stop))
    if not counted:
        return
    meetings = closed[counted.start:counted.stop]
    part.headcounts += [meeting.headcount for meeting in meetings]
    part.newcomers += sum(meeting.newcomers for meeting in meetings)
    part.guests += sum(meeting.guests for meeting in meetings)
    for meeting in meetings:
        part.pulse = added_pulse(part.pulse, meeting.pulse)
    present = present_at[counted.start:counted.stop]
    part.names_known = part.names_known and None not in present
    part.active.update(*(each for each in present if each is not None))


@dataclass(frozen=True)
class _Periods:
    """Turns one group's slices into period counts."""

    slices: dict[date, _Slice]
    keeps_names: bool

    def stayed(self, part: _Slice, following: date) -> int | None:
        """Members here who came again next period; unknown unless the next period had meetings, all with names."""
        after = self.slices.get(following)
        if after is None or not (after.held_anywhere and after.names_known_anywhere):
            return None
        return len(part.active & after.everyone)

    def counts(self, start: date, following: date) -> PeriodCounts:
        """This period, given where the next one starts."""
        part = self.slices[start]
        known = self.keeps_names and part.names_known
        headcounts, cohort = part.headcounts, sorted(part.cohort)
        return PeriodCounts(
            first_day=start,
            held=len(headcounts),
            cancelled=part.cancelled,
            mean_attendance=fsum(headcounts) / len(headcounts) if headcounts else None,
            median_attendance=_median(headcounts) if headcounts else None,
            newcomers=part.newcomers,
            newcomer_days=tuple((first - start).days for first, _ in cohort) if known else None,
            came_back=tuple(int(back) for _, back in cohort) if known else None,
            stayed=self.stayed(part, following) if known else None,
            active=len(part.active) if known else None,
            dropped_off=part.drop_offs if known else None,
            guests=part.guests if self.keeps_names else None,
            pulse=part.pulse,
        )


def _median(values: list[int]) -> float:
    """As statistics.median gives it, as a float; without the statistics module, which is slow to import."""
    ordered, middle = sorted(values), len(values) // 2
    return float(ordered[middle]) if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _meeting_trend(history: History, index: int) -> MeetingTrend:
    meeting = history.closed[index]
    return MeetingTrend(
        held_on=meeting.held_on,
        group_id=meeting.group_id,
        present=meeting.headcount,
        newcomers=meeting.newcomers,
        # Guests are in the headcount but on no roster: neither newcomers nor returning members.
        returning=meeting.headcount - meeting.newcomers - meeting.guests,
        absent=history.absent_at[index],
        shared_turns=meeting.shared_turns,
        passed_turns=meeting.passed_turns,
        planned_minutes=meeting.planned_minutes,
        actual_minutes=meeting.actual_minutes,
        pulse=meeting.pulse,
        guests=meeting.guests,
    )


def _counts(history: History, by: Period, window: Range) -> list[PeriodCounts]:
    """Every period from the first with a meeting in range to the last, gaps included; [] if none had one."""
    days = [history.closed[index].held_on for index in window.positions(history.closed)]
    days += [meeting.held_on for meeting in history.cancelled if meeting.held_on in window]
    if not days:
        return []
    periods = _Periods(_slices(history, by, window), history.keeps_names)
    starts = list(period_starts(min(days), max(days), by))
    return list(map(periods.counts, starts, [*starts[1:], next_period_start(starts[-1], by)]))


def period_counts(history: History, by: Period) -> list[PeriodCounts]:
    """The group's counts for every period of its history, to be kept: they serve any range of whole periods."""
    with collector_paused():
        return _counts(history, by, Range(None, None))


def _group_trends(
    group_id: str, history: History, by: Period, window: Range, today: date, meetings: bool
) -> GroupTrends | None:
    counts = _counts(history, by, window)
    if not counts:
        return None
    return GroupTrends(
        group_id=group_id,
        meetings=tuple(_meeting_trend(history, index) for index in window.positions(history.closed))
        if meetings else (),
        periods=reported(counts, by, today),
    )


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
    with collector_paused():
        made = histories(meetings, attendance)
    return trends_of(made, by=by, since=since, until=until, today=today)


def trends_of(
    made: Mapping[str, History],
    *,
    by: Period,
    since: date | None = None,
    until: date | None = None,
    today: date,
    meetings: bool = True,
) -> TrendReport:
    """`compute_trends` from each group's history, made already (or kept: store/trend_history.py).
    meetings=False: the periods alone, each group's `meetings` left empty."""
    by, window = Period(by), Range(since, until)
    groups: dict[str, GroupTrends] = {}
    with collector_paused():
        for group_id in sorted(made):
            trends = _group_trends(group_id, made[group_id], by, window, today, meetings)
            if trends is not None:
                groups[group_id] = trends
    return TrendReport(by=by, since=since, until=until, today=today, groups=groups)


def dropped_off(
    meetings: Iterable[MeetingFacts],
    attendance: Iterable[Attendance],
    *,
    since: date | None = None,
    until: date | None = None,
    here_now: Iterable[str] = (),
) -> dict[str, tuple[str, ...]]:
    """Who the drop-off counts are, by group: for the group's own facilitators to reach out, never for leads.

    A member appears if their third miss in a row fell between since and until (inclusive), unless they
    came back since: to any later meeting, or to a meeting still going on (`here_now`, from its log).
    Nobody needs reaching out to who is in the room. The counts are left alone: they say what happened.
    """
    with collector_paused():
        made = histories(meetings, attendance)
    return dropped_off_of(made, since=since, until=until, here_now=here_now)


def dropped_off_of(
    made: Mapping[str, History], *, since: date | None = None, until: date | None = None, here_now: Iterable[str] = ()
) -> dict[str, tuple[str, ...]]:
    """`dropped_off` from each group's history."""
    window, back = Range(since, until), frozenset(here_now)
    found: dict[str, tuple[str, ...]] = {}
    for group_id in sorted(made):
        history = made[group_id]
        chosen, latest, ids = window.positions(history.closed), history.last_present, history.members
        members = {
            ids[member]
            for member, index in history.drop_offs
            if index in chosen and ids[member] not in back and latest.get(member, -1) < index
        }
        if members:
            found[group_id] = tuple(sorted(members))
    return found
