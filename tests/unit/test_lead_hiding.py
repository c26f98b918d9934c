"""Hidden stays hidden: no sum or difference of what a lead's report shows gives away a count shown as "<K".

The attacker below knows everything a lead's report shows (each month, each quarter, summaries over
many ranges) and which months each total covers. One measure at a time, it narrows every hidden
month to the values left possible by every published total less the published parts around it, until
nothing narrows further. The property: at least two values stay possible for every hidden month.
The example on the bundle's old shape, which also carried a quarter row of its own, shows the same
attacker recovering a hidden count.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from random import Random
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from circle.domain.records import MeetingStatus
from circle.domain.trends.compute import Attendance, MeetingFacts, PeriodTrend, compute_trends
from circle.domain.trends.lead_bundle import Row, group_for_lead
from circle.domain.trends.lead_quarters import quarter_start
from circle.domain.trends.lead_report import LeadReport, NoMeetingsInRange, lead_report
from circle.domain.trends.lead_view import lead_group
from circle.domain.trends.periods import Period, period_last_day
from tests.unit.test_lead_quarters import kept

GROUP = "g1"  # the id kept() files the group under
COUNTS = ("newcomers", "returned", "eligible", "dropped_off", "guests")
HEADCOUNT = "people"  # everyone at a month's meetings: its mean attendance times its meetings held
# A shown mean is rounded to one decimal: the true one lies within half of that either side.
ROUNDING = 0.05

Interval = tuple[int, int]


# ---- the attacker ---------------------------------------------------------------------------------------------


def count_interval(value: Any, threshold: int) -> Interval | None:
    """What a shown count, or total of counts, says the true one is: 7, "<3" (1 or 2), "11-13", or unknown."""
    if value is None:
        return None
    if isinstance(value, int):
        return value, value
    if value == f"<{threshold}":
        return 1, threshold - 1
    low, high = value.split("-")
    return int(low), int(high)


def people_interval(value: Any, meetings: int, threshold: int) -> Interval | None:
    """The people at `meetings` meetings, from their shown mean: 5.25, "<3", "4.1-5.9", or unknown."""
    if not meetings:
        return 0, 0
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return round(value * meetings), round(value * meetings)
    if value == f"<{threshold}":
        return 0, threshold * meetings - 1
    low, high = (float(end) for end in value.split("-"))
    return math.ceil((low - ROUNDING) * meetings - 1e-9), math.floor((high + ROUNDING) * meetings + 1e-9)


@dataclass(frozen=True)
class Total:
    measure: str
    months: frozenset[str]  # the first days of the months it covers
    interval: Interval


class Attacker:
    """Narrows each hidden month of each additive measure by every published total that covers it."""

    def __init__(self, months: Sequence[Row], threshold: int) -> None:
        self.threshold = threshold
        self.held = {row["first_day"]: row["held"] for row in months}
        self.hidden: set[tuple[str, str]] = set()
        self.known: dict[tuple[str, str], Interval] = {}
        self.totals: list[Total] = []
        for row in months:
            day = row["first_day"]
            for measure in COUNTS:
                self._month(measure, day, row[measure], count_interval(row[measure], threshold))
            self._month(HEADCOUNT, day, row["mean_attendance"], self._month_people(row))

    def _month_people(self, row: Row) -> Interval | None:
        if row["mean_attendance"] == f"<{self.threshold}":  # a mean above 0 and below K, at `held` meetings
            return 1, self.threshold * row["held"] - 1
        return people_interval(row["mean_attendance"], row["held"], self.threshold)

    def _month(self, measure: str, day: str, shown: Any, interval: Interval | None) -> None:
        if interval is not None:
            self.known[measure, day] = interval
            if isinstance(shown, str):
                self.hidden.add((measure, day))

    def sees(self, rows: Iterable[Row], covered: Mapping[str, frozenset[str]]) -> None:
        """Rows of a report (periods or summaries), each with the months it covers, by the row's first day."""
        for row in rows:
            months = covered[row["first_day"]]
            for measure in COUNTS:
                if measure in row:
                    self._total(measure, months, count_interval(row[measure], self.threshold))
            meetings = sum(self.held[day] for day in months)
            self._total(HEADCOUNT, months, people_interval(row["mean_attendance"], meetings, self.threshold))

    def _total(self, measure: str, months: frozenset[str], interval: Interval | None) -> None:
        if interval is not None:
            self.totals.append(Total(measure, months, interval))

    def narrow(self) -> dict[tuple[str, str], Interval]:
        """Every month's interval once no published total narrows any further."""
        bounds = dict(self.known)
        changed = True
        while changed:
            changed = False
            for total in self.totals:
                for day in total.months:
                    others = [bounds[total.measure, other] for other in total.months if other != day]
                    low = max(bounds[total.measure, day][0], total.interval[0] - sum(high for _, high in others))
                    high = min(bounds[total.measure, day][1], total.interval[1] - sum(low for low, _ in others))
                    if (low, high) != bounds[total.measure, day]:
                        bounds[total.measure, day] = (low, high)
                        changed = True
        return bounds

    def hidden_domain(self, measure: str, day: str) -> Interval:
        """What a hidden month could be before any total is looked at."""
        top = self.threshold * self.held[day] if measure == HEADCOUNT else self.threshold
        return 1, top - 1


def covered_months(report: LeadReport, months: Sequence[Row]) -> dict[str, frozenset[str]]:
    """For each period the report shows, the months it is added up from."""
    days = [row["first_day"] for row in months]
    if report.by is Period.MONTH:
        return {day: frozenset({day}) for day in days}
    return {
        start.isoformat(): frozenset(day for day in days if quarter_start({"first_day": day}) == start)
        for start in {quarter_start({"first_day": day}) for day in days}
    }


def summary_row(report: LeadReport, covered: Mapping[str, frozenset[str]]) -> tuple[Row, frozenset[str]]:
    """A group's summary, as a row keyed like a period, and the months it adds up."""
    [group] = report.groups
    months = frozenset().union(*(covered[row["first_day"]] for row in group.periods))
    return {"first_day": "summary", **group.summary}, months


# ---- random groups --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class History:
    threshold: int
    meetings: list[MeetingFacts]
    attendance: list[Attendance]
    today: date


def meeting_days(random: Random, weekly: bool, years: int) -> list[date]:
    first = date(2023, 1, 2) + timedelta(days=random.randrange(366))
    if weekly:
        return [first + timedelta(weeks=index) for index in range(52 * years)]
    day_of_month = random.randint(1, 28)
    return [
        date(first.year + (first.month - 1 + index) // 12, (first.month - 1 + index) % 12 + 1, day_of_month)
        for index in range(12 * years)
    ]


def meeting(
    index: int, held_on: date, status: MeetingStatus, headcount: int, newcomers: int, guests: int = 0
) -> MeetingFacts:
    return MeetingFacts(
        f"{GROUP}-{index}", GROUP, held_on, status, 90, 90, headcount, newcomers, headcount, 0, None, guests
    )


def with_names(random: Random, days: list[date]) -> tuple[list[MeetingFacts], list[Attendance]]:
    """People arrive now and then, come with their own regularity, stop, and later leave the roster."""
    meetings: list[MeetingFacts] = []
    rows: list[Attendance] = []
    people: list[tuple[str, float, int, int]] = []  # who, how often they come, when they stop, when they leave
    seen: set[str] = set()
    for index, held_on in enumerate(days):
        for _ in range(random.choice((0, 0, 0, 1, 1, 2, 4))):
            stops = index + random.randint(1, 40)
            people.append((f"m{len(people)}", random.uniform(0.2, 0.95), stops, stops + random.randint(0, 10)))
        if index and random.random() < 0.06:  # a group starts with a meeting held
            meetings.append(meeting(index, held_on, MeetingStatus.CANCELLED, 0, 0))
            continue
        rostered = [(who, index < stops and random.random() < often) for who, often, stops, leaves in people
                    if index < leaves]
        new = {who for who, came in rostered if came and who not in seen}
        seen |= new
        guests = random.choice((0, 0, 0, 1, 2))  # in the headcount, and counted on their own
        came = sum(came for _, came in rostered)
        meetings.append(meeting(index, held_on, MeetingStatus.CLOSED, came + guests, len(new), guests))
        rows += [Attendance(f"{GROUP}-{index}", who, came, who in new) for who, came in rostered]
    return meetings, rows


def by_heads(random: Random, days: list[date], threshold: int) -> list[MeetingFacts]:
    """A group that counts heads and keeps no names."""
    meetings = []
    for index, held_on in enumerate(days):
        headcount = random.randint(0, 2 * threshold)
        meetings.append(meeting(index, held_on, MeetingStatus.CLOSED, headcount, random.randint(0, min(3, headcount))))
    return meetings


@st.composite
def histories(draw: st.DrawFn) -> History:
    threshold = draw(st.integers(3, 20))
    random = draw(st.randoms(use_true_random=False))
    days = meeting_days(random, draw(st.booleans()), draw(st.integers(1, 3)))
    if draw(st.integers(0, 3)):
        meetings, rows = with_names(random, days)
    else:
        meetings, rows = by_heads(random, days, threshold), []
    return History(threshold, meetings, rows, days[-1] + timedelta(days=draw(st.integers(0, 90))))


def ranges(random: Random, first: date, last: date) -> list[tuple[date | None, date | None]]:
    """Whole months, runs of them, and ranges that start or end mid-month."""
    span = (last - first).days
    some = [first + timedelta(days=random.randint(0, span)) for _ in range(24)]
    chosen: list[tuple[date | None, date | None]] = [(None, None), (None, some[0]), (some[1], None)]
    for since, until in zip(some[::2], some[1::2]):
        since, until = min(since, until), max(since, until)
        chosen += [(since, until), (since.replace(day=1), period_last_day(until, Period.MONTH))]
    return chosen


# ---- what a lead is shown -------------------------------------------------------------------------------------


def lead_months(history: History, by: Period = Period.MONTH) -> list[dict[str, Any]]:
    trends = compute_trends(history.meetings, history.attendance, by=by, today=history.today)
    return lead_group(trends.groups[GROUP], history.threshold)["periods"]


def true_months(history: History) -> dict[str, PeriodTrend]:
    trends = compute_trends(history.meetings, history.attendance, by=Period.MONTH, today=history.today)
    return {period.first_day.isoformat(): period for period in trends.groups[GROUP].periods}


def true_value(period: PeriodTrend, measure: str) -> int | None:
    if measure == HEADCOUNT:
        return round((period.mean_attendance or 0) * period.held)
    return getattr(period, measure)


def attacker_of_reports(history: History, months: Sequence[Row]) -> Attacker:
    """An attacker shown the report by month and by quarter, and summaries over many ranges."""
    attacker = Attacker(months, history.threshold)
    store = kept(months, history.threshold)
    days = [meeting.held_on for meeting in history.meetings]
    for by in (Period.MONTH, Period.QUARTER):
        whole = lead_report(store, by=by)
        covered = covered_months(whole, months)
        attacker.sees(whole.groups[0].periods, covered)
        for since, until in ranges(Random(len(months)), min(days), max(days)):
            try:
                report = lead_report(store, by=by, since=since, until=until)
            except NoMeetingsInRange:
                continue
            row, summed = summary_row(report, covered)
            attacker.sees([row], {"summary": summed})
    return attacker


def values_left(interval: Interval, domain: Interval) -> int:
    return max(0, min(interval[1], domain[1]) - max(interval[0], domain[0]) + 1)


# ---- the property, and the attack it guards against -------------------------------------------------------------


@settings(max_examples=80, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_no_sum_or_difference_of_a_leads_report_recovers_a_hidden_count(history: History):
    months = lead_months(history)
    attacker = attacker_of_reports(history, months)
    narrowed = attacker.narrow()
    truth = true_months(history)
    for (measure, day), interval in narrowed.items():
        actual = true_value(truth[day], measure)
        assert interval[0] <= actual <= interval[1], (measure, day, "a published total is not true")
    for measure, day in attacker.hidden:
        left = values_left(narrowed[measure, day], attacker.hidden_domain(measure, day))
        assert left >= 2, (measure, day, narrowed[measure, day], "a hidden value was recovered")


def test_a_quarter_carried_in_the_bundle_gave_away_a_hidden_month_and_one_added_up_from_months_does_not():
    # Weekly newcomers: 4 in January, 2 in February (hidden by a threshold of 3), 5 in March.
    newcomers = [1, 1, 1, 1, 0, 1, 1, 0, 2, 1, 1, 1, 0]
    days = [date(2026, 1, 5) + timedelta(weeks=index) for index in range(13)]
    history = History(3, [meeting(index, day, MeetingStatus.CLOSED, 8, new)
                          for index, (day, new) in enumerate(zip(days, newcomers, strict=True))], [], date(2027, 1, 1))
    months = lead_months(history)
    assert [row["newcomers"] for row in months] == [4, "<3", 5]
    february = months[1]["first_day"]

    old = Attacker(months, history.threshold)
    [quarter] = lead_months(history, Period.QUARTER)  # the bundle's own quarter row, as it used to be
    assert quarter["newcomers"] == 11
    old.sees([quarter], {quarter["first_day"]: frozenset(row["first_day"] for row in months)})
    assert old.narrow()["newcomers", february] == (2, 2)  # 11 less 4 less 5

    new = attacker_of_reports(history, months)
    assert new.narrow()["newcomers", february] == (1, 2)
    assert lead_report(kept(months, history.threshold), by=Period.QUARTER).groups[0].periods[0]["newcomers"] == "10-11"


# ---- over time: a lead who keeps every bundle learns nothing by subtracting one from the next ---------------------


def bundle_months(history: History, made_on: date) -> dict[str, Row]:
    """The months a bundle made on `made_on` carries, from the meetings held by then."""
    held = [meeting for meeting in history.meetings if meeting.held_on <= made_on]
    ids = {meeting.id for meeting in held}
    rows = [row for row in history.attendance if row.meeting_id in ids]
    trends = compute_trends(held, rows, by=Period.MONTH, today=made_on).groups.get(GROUP)
    group = group_for_lead(GROUP, "Tuesday Evening", history.threshold, trends, made_on)
    return {row["first_day"]: row for row in group.months}


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories(), st.integers(0, 1200), st.integers(1, 120))
def test_a_value_once_sent_to_a_lead_is_the_same_in_every_later_bundle(history: History, start: int, gap: int):
    first = min(meeting.held_on for meeting in history.meetings)
    earlier, later = first + timedelta(days=start), first + timedelta(days=start + gap)
    before, after = bundle_months(history, earlier), bundle_months(history, later)
    assert all(date.fromisoformat(row["last_day"]) < earlier for row in before.values()), "only months that are over"
    for day, row in before.items():
        for key, value in row.items():
            assert value is None or after[day][key] == value, (day, key, "a value sent changed in a later bundle")


def test_a_month_in_progress_is_not_sent_and_its_newcomers_return_only_once_all_are_judged():
    meetings = [meeting(index, date(2026, 1, 5) + timedelta(weeks=index), MeetingStatus.CLOSED, 5, 1)
                for index in range(6)]
    rows = [Attendance(f"{GROUP}-{index}", f"m{index}", True, True) for index in range(6)]
    history = History(3, meetings, rows, date(2026, 2, 20))
    on_the_tenth = bundle_months(history, date(2026, 2, 10))
    assert list(on_the_tenth) == ["2026-01-01"], "February is still going on"
    assert (on_the_tenth["2026-01-01"]["eligible"], on_the_tenth["2026-01-01"]["returned"]) == (None, None)
    a_month_on = bundle_months(history, date(2026, 3, 1))
    assert a_month_on["2026-01-01"]["eligible"] == 4 and a_month_on["2026-01-01"]["newcomers"] == 4
