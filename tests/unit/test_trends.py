"""Trends answer a lead's questions from counts and dates: is the group growing, do newcomers come back?"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from circle.domain.errors import InvalidInput
from circle.domain.trends.lead_view import lead_view, suppressed
from circle.domain.trends.periods import Period, next_period_start, period_label, period_start
from circle.domain.records import MeetingStatus
from circle.domain.trends.compute import (
    Attendance,
    MeetingFacts,
    PeriodTrend,
    TrendReport,
    compute_trends,
    dropped_off,
)

MONDAY = date(2026, 1, 5)
LATER = date(2027, 1, 1)  # every look-ahead window is long over
History = tuple[list[MeetingFacts], list[Attendance]]


def facts(group: str, index: int, held_on: date, *, headcount: int = 0, newcomers: int = 0,
          status: MeetingStatus = MeetingStatus.CLOSED) -> MeetingFacts:
    return MeetingFacts(
        id=f"{group}-{index}", group_id=group, held_on=held_on, status=status, planned_minutes=90,
        actual_minutes=None if status is MeetingStatus.CANCELLED else 92, headcount=headcount,
        newcomers=newcomers, shared_turns=headcount, passed_turns=0, pulse=None,
    )


def grid(group: str, marks: Mapping[str, str], *, first: date = MONDAY, cancelled: Iterable[int] = ()) -> History:
    """Weekly meetings from `first`, one mark per member per meeting.

    'x' came, 'n' came for the first time, '.' on the roster but absent, '-' not on the roster.
    Meetings whose index is in `cancelled` did not take place.
    """
    meetings: list[MeetingFacts] = []
    rows: list[Attendance] = []
    skipped = set(cancelled)
    for index in range(len(next(iter(marks.values())))):
        held_on = first + timedelta(weeks=index)
        if index in skipped:
            meetings.append(facts(group, index, held_on, status=MeetingStatus.CANCELLED))
            continue
        rostered = {f"member-{name}": line[index] for name, line in marks.items() if line[index] != "-"}
        meetings.append(facts(
            group, index, held_on,
            headcount=sum(mark in "xn" for mark in rostered.values()),
            newcomers=sum(mark == "n" for mark in rostered.values()),
        ))
        rows += [Attendance(f"{group}-{index}", member, mark in "xn", mark == "n") for member, mark in rostered.items()]
    return meetings, rows


def headcounts(group: str, counts: list[int], newcomers: list[int]) -> list[MeetingFacts]:
    """A group that keeps no names: meetings with counts and no attendance rows."""
    return [
        facts(group, index, MONDAY + timedelta(weeks=index), headcount=count, newcomers=new)
        for index, (count, new) in enumerate(zip(counts, newcomers, strict=True))
    ]


def periods_of(history: History, by: Period = Period.MONTH, today: date = LATER, **window: date) -> list[PeriodTrend]:
    report = compute_trends(*history, by=by, today=today, **window)
    (group,) = report.groups.values()
    return list(group.periods)


def test_a_growing_group_shows_rising_attendance_and_its_newcomers_month_by_month():
    history = grid("g", {
        "ann": "xxxxxxxxxxxx",
        "bob": "xxxxxxxxxxxx",
        "cat": "----nxxxxxxx",
        "dan": "--------nxxx",
        "eve": "--------nxxx",
    })
    periods = periods_of(history)
    assert [period.label for period in periods] == ["2026-01", "2026-02", "2026-03"]
    assert [period.mean_attendance for period in periods] == [2.0, 3.0, 5.0]
    assert [period.median_attendance for period in periods] == [2.0, 3.0, 5.0]
    assert [period.newcomers for period in periods] == [0, 1, 2]
    assert [period.held for period in periods] == [4, 4, 4]


def test_each_held_meeting_reports_its_counts_and_the_absent_rostered_members():
    history = grid("g", {"ann": "xx", "bob": "n.", "cat": ".x"})
    report = compute_trends(*history, by=Period.WEEK, today=LATER)
    first, second = report.groups["g"].meetings
    assert (first.present, first.newcomers, first.returning, first.absent) == (2, 1, 1, 1)
    assert (second.present, second.newcomers, second.returning, second.absent) == (2, 0, 2, 1)
    assert first.to_dict()["held_on"] == "2026-01-05"


def test_a_newcomer_back_within_four_weeks_counts_as_returned_and_one_back_in_week_six_does_not():
    history = grid("g", {
        "ann": "xxxxxxxx",
        "week-three": "n.x.....",
        "day-twenty-eight": "n...x...",
        "week-six": "n....x..",
    })
    january = periods_of(history, today=date(2026, 3, 1))[0]
    assert (january.returned, january.eligible) == (2, 3)
    assert january.return_rate == pytest.approx(2 / 3)


def test_a_newcomer_whose_four_weeks_are_not_over_is_not_yet_judged():
    history = grid("g", {"ann": "xxx", "new": "n.x"})
    window_ends = MONDAY + timedelta(days=28)
    on_the_last_day = periods_of(history, today=window_ends)[0]
    assert (on_the_last_day.returned, on_the_last_day.eligible, on_the_last_day.return_rate) == (0, 0, None)
    the_day_after = periods_of(history, today=window_ends + timedelta(days=1))[0]
    assert (the_day_after.returned, the_day_after.eligible, the_day_after.return_rate) == (1, 1, 1.0)


def test_retention_is_the_share_of_this_months_members_who_come_again_next_month():
    history = grid("g", {
        "ann": "xxxxxxxx",
        "bob": "x...x...",
        "cat": "xx......",
        "dan": ".x......",
        "eve": "----n.x.",
    })
    january, february = periods_of(history)
    assert (january.stayed, january.active, january.retention) == (2, 4, 0.5)
    # Nothing after February is known, so whether February's members stay is not known either.
    assert (february.stayed, february.active, february.retention) == (None, 3, None)


def test_retention_waits_until_the_next_month_is_over():
    history = grid("g", {"ann": "xxxxxxxx", "bob": "xxxx...."})
    january = periods_of(history, today=date(2026, 2, 28))[0]
    assert (january.stayed, january.active, january.retention) == (None, 2, None)
    assert periods_of(history, today=date(2026, 3, 1))[0].retention == 0.5


def test_look_ahead_uses_meetings_after_until_when_they_are_in_the_input():
    history = grid("g", {"ann": "xxxxxxxx", "bob": "xxxx....", "new": "---n.x.."})
    (january,) = periods_of(history, until=date(2026, 1, 31))
    assert (january.stayed, january.active) == (2, 3)
    assert (january.returned, january.eligible) == (1, 1)
    cut_short = (history[0][:4], [row for row in history[1] if int(row.meeting_id.split("-")[1]) < 4])
    (alone,) = periods_of(cut_short)
    assert (alone.stayed, alone.returned, alone.eligible) == (None, 0, 1)


def test_a_regular_who_misses_three_in_a_row_is_counted_once_in_the_month_of_the_third_miss():
    history = grid("g", {"ann": "xxxxxxxxxxxx", "reg": "xxxxx......."})
    periods = periods_of(history)
    assert [period.dropped_off for period in periods] == [0, 1, 0]  # the third miss is on 23 February
    assert dropped_off(*history) == {"g": ("member-reg",)}
    assert dropped_off(*history, since=date(2026, 3, 1)) == {}
    assert [period.dropped_off for period in periods_of(history, since=date(2026, 3, 1))] == [0]


def test_a_regular_who_comes_back_and_stops_again_is_counted_again():
    history = grid("g", {"ann": "x" * 14, "reg": "xxxx...xxxx..."})
    periods = periods_of(history)
    assert {period.label: period.dropped_off for period in periods} == {
        "2026-01": 0, "2026-02": 1, "2026-03": 0, "2026-04": 1,
    }


def test_a_regular_who_came_back_later_is_counted_but_nobody_is_asked_to_reach_out_to_them():
    history = grid("g", {"ann": "x" * 10, "reg": "xxxx...x.."})
    assert sum(period.dropped_off for period in periods_of(history)) == 1  # it happened
    assert dropped_off(*history) == {}  # but they came back


def test_a_regular_marked_here_at_the_meeting_still_going_on_is_not_listed():
    history = grid("g", {"ann": "xxxxxxxx", "reg": "xxxxx..."})
    assert dropped_off(*history) == {"g": ("member-reg",)}
    assert dropped_off(*history, here_now={"member-reg"}) == {}


def test_a_regular_who_comes_back_and_stops_again_is_listed_for_the_second_time():
    history = grid("g", {"ann": "x" * 14, "reg": "xxxx...xxxx..."})
    assert dropped_off(*history) == {"g": ("member-reg",)}
    assert dropped_off(*history, until=date(2026, 3, 1)) == {}  # the first time only: they came back since


def test_an_occasional_member_who_misses_three_in_a_row_is_not_a_drop_off():
    history = grid("g", {"ann": "xxxxxxxxxxxx", "occasional": "x....x....x."})
    assert [period.dropped_off for period in periods_of(history)] == [0, 0, 0]
    assert dropped_off(*history) == {}


def test_missing_while_off_the_roster_is_not_a_miss():
    history = grid("g", {"ann": "xxxxxxxxx", "away": "xxxxx.-.."})
    assert dropped_off(*history) == {}


def test_a_cancelled_meeting_is_counted_as_cancelled_and_not_as_an_empty_meeting():
    history = grid("g", {"ann": "xx-x", "bob": "xx-x"}, cancelled=[2])
    (january,) = periods_of(history)
    assert (january.held, january.cancelled) == (3, 1)
    assert (january.mean_attendance, january.median_attendance) == (2.0, 2.0)
    assert len(compute_trends(*history, by=Period.MONTH, today=LATER).groups["g"].meetings) == 3


def test_a_cancelled_meeting_neither_breaks_nor_extends_a_run_of_misses():
    history = grid("g", {"ann": "xxxxxxxxx", "reg": "xxxx.-..."}, cancelled=[5])
    assert dropped_off(*history) == {"g": ("member-reg",)}
    assert [period.dropped_off for period in periods_of(history)] == [0, 1, 0]


def test_a_headcount_only_group_reports_counts_and_leaves_per_person_measures_unknown():
    history = (headcounts("heads", [4, 5, 6], [1, 0, 2]), [])
    report = compute_trends(*history, by=Period.MONTH, today=LATER)
    (january,) = report.groups["heads"].periods
    assert (january.held, january.mean_attendance, january.newcomers) == (3, 5.0, 3)
    unknown = (january.returned, january.eligible, january.stayed, january.active, january.dropped_off)
    assert unknown == (None, None, None, None, None)
    assert (january.return_rate, january.retention) == (None, None)
    assert [meeting.absent for meeting in report.groups["heads"].meetings] == [None, None, None]
    assert [meeting.returning for meeting in report.groups["heads"].meetings] == [3, 5, 4]


def test_a_month_without_meetings_is_an_empty_period_not_a_missing_one():
    history = ([facts("g", 0, date(2026, 1, 5), headcount=3), facts("g", 1, date(2026, 3, 2), headcount=5)], [])
    periods = periods_of(history)
    assert [(period.label, period.held) for period in periods] == [("2026-01", 1), ("2026-02", 0), ("2026-03", 1)]
    assert (periods[1].first_day, periods[1].last_day) == (date(2026, 2, 1), date(2026, 2, 28))
    assert (periods[1].mean_attendance, periods[1].median_attendance, periods[1].newcomers) == (None, None, 0)


def test_an_empty_range_gives_a_report_with_no_groups_and_no_division_by_zero():
    history = grid("g", {"ann": "xxxx"})
    report = compute_trends(*history, by=Period.WEEK, since=date(2030, 1, 1), until=date(2030, 12, 31), today=LATER)
    assert report.is_empty and report.to_dict()["groups"] == {}
    assert lead_view(report, {"g": 3})["groups"] == {}
    assert compute_trends([], [], by=Period.QUARTER, today=LATER).is_empty


def test_open_meetings_and_their_attendance_are_ignored():
    meetings, rows = grid("g", {"ann": "xx"})
    still_open = facts("g", 9, MONDAY, headcount=7, status=MeetingStatus.OPEN)
    with_open = compute_trends([*meetings, still_open], [*rows, Attendance("g-9", "member-x", True, True)],
                               by=Period.MONTH, today=LATER)
    assert with_open == compute_trends(meetings, rows, by=Period.MONTH, today=LATER)


@pytest.mark.parametrize(
    ("day", "by", "start", "label"),
    [
        (date(2026, 2, 15), Period.WEEK, date(2026, 2, 9), "2026-W07"),  # a Sunday ends its week
        (date(2026, 2, 16), Period.WEEK, date(2026, 2, 16), "2026-W08"),  # a Monday starts one
        (date(2024, 12, 31), Period.WEEK, date(2024, 12, 30), "2025-W01"),  # the ISO year, not the calendar's
        (date(2026, 2, 28), Period.MONTH, date(2026, 2, 1), "2026-02"),
        (date(2026, 3, 31), Period.QUARTER, date(2026, 1, 1), "2026-Q1"),
        (date(2026, 4, 1), Period.QUARTER, date(2026, 4, 1), "2026-Q2"),
        (date(2026, 12, 31), Period.QUARTER, date(2026, 10, 1), "2026-Q4"),
    ],
)
def test_a_day_falls_in_the_period_that_starts_on_its_monday_first_of_month_or_quarter(
    day: date, by: Period, start: date, label: str
):
    assert period_start(day, by) == start
    assert period_label(day, by) == label


def test_the_next_period_crosses_the_year_end():
    assert next_period_start(date(2026, 12, 31), Period.WEEK) == date(2027, 1, 4)
    assert next_period_start(date(2026, 12, 15), Period.MONTH) == date(2027, 1, 1)
    assert next_period_start(date(2026, 11, 15), Period.QUARTER) == date(2027, 1, 1)


def test_meetings_on_a_sunday_and_the_monday_after_fall_in_different_weeks():
    history = ([facts("g", 0, date(2026, 2, 15), headcount=4), facts("g", 1, date(2026, 2, 16), headcount=6)], [])
    assert [(p.label, p.held) for p in periods_of(history, by=Period.WEEK)] == [("2026-W07", 1), ("2026-W08", 1)]
    assert [(p.label, p.held) for p in periods_of(history, by=Period.MONTH)] == [("2026-02", 2)]


@pytest.mark.parametrize(("count", "shown"), [(0, 0), (1, "<3"), (2, "<3"), (3, 3), (40, 40), (None, None)])
def test_small_counts_are_suppressed_but_zero_and_unknown_stay_as_they_are(count: int | None, shown: object):
    assert suppressed(count, 3) == shown


def test_a_threshold_below_one_is_refused():
    with pytest.raises(InvalidInput):
        suppressed(2, 0)


RATES = (("return_rate", "returned", "eligible"), ("retention", "stayed", "active"))


def rates_built_on_hidden_counts(view: dict) -> list[str]:
    return [
        f"{period['label']} {rate}"
        for group in view["groups"].values()
        for period in group["periods"]
        for rate, part, whole in RATES
        if (isinstance(period[part], str) or isinstance(period[whole], str)) and period[rate] is not None
    ]


def lead_history() -> History:
    meetings, rows = grid("small", {
        "ann": "xxxxxxxx", "bob": "xxxxx...", "cat": "n.x.....", "dan": "----n...", "eve": "xxxxxxxx",
    })
    return [*meetings, *headcounts("heads", [1, 4], [1, 0])], rows


def test_a_leads_view_holds_no_member_id_anywhere():
    meetings, rows = lead_history()
    report = compute_trends(meetings, rows, by=Period.MONTH, today=LATER)
    text = json.dumps(lead_view(report, {"small": 3, "heads": 3}))
    members = {row.member_id for row in rows}
    assert members and not [member for member in members if member in text]
    assert "member-" not in json.dumps(report.to_dict())


def test_a_leads_view_drops_every_rate_built_on_a_suppressed_count():
    meetings, rows = lead_history()
    view = lead_view(compute_trends(meetings, rows, by=Period.MONTH, today=LATER), {"small": 3, "heads": 3})
    january = view["groups"]["small"]["periods"][0]
    assert (january["returned"], january["eligible"], january["return_rate"]) == ("<3", "<3", None)
    assert (january["stayed"], january["active"], january["retention"]) == (3, 4, 0.75)
    february = view["groups"]["small"]["periods"][1]
    assert (february["dropped_off"], february["newcomers"]) == ("<3", "<3")
    assert rates_built_on_hidden_counts(view) == []


def test_a_leads_view_hides_small_headcounts_and_the_half_of_a_pair_that_would_give_one_away():
    meetings, rows = lead_history()
    view = lead_view(compute_trends(meetings, rows, by=Period.WEEK, today=LATER), {"small": 3})
    first = view["groups"]["small"]["meetings"][0]
    assert (first["present"], first["newcomers"], first["returning"]) == (4, "<3", None)
    lone = view["groups"]["heads"]["meetings"][0]  # no threshold given: the default one applies
    assert (lone["present"], lone["newcomers"], lone["returning"]) == ("<3", "<3", 0)
    assert view["groups"]["heads"]["periods"][0]["mean_attendance"] == "<3"
    assert view["groups"]["heads"]["threshold"] == 3


# ---- properties over generated histories ----------------------------------------------------------------

NAMED = ("g1", "g2")
MEMBERS = tuple(f"member-{n}" for n in range(8))
START = date(2025, 1, 1)


@st.composite
def histories(draw: st.DrawFn) -> History:
    meetings: list[MeetingFacts] = []
    rows: list[Attendance] = []
    for index in range(draw(st.integers(0, 30))):
        group = draw(st.sampled_from((*NAMED, "heads")))
        held_on = START + timedelta(days=draw(st.integers(0, 200)))
        status = draw(st.sampled_from(list(MeetingStatus)))
        meeting_id = f"{group}-{index}"
        if group in NAMED and status is not MeetingStatus.CANCELLED:
            roster = draw(st.lists(st.sampled_from(MEMBERS), unique=True, max_size=6))
            marks = [(member, draw(st.booleans()), draw(st.booleans())) for member in roster]
            rows += [Attendance(meeting_id, member, came, came and new) for member, came, new in marks]
            headcount = sum(came for _, came, _ in marks)
            newcomers = sum(came and new for _, came, new in marks)
        else:
            headcount = draw(st.integers(0, 12))
            newcomers = draw(st.integers(0, headcount))
        meetings.append(facts(group, index, held_on, headcount=headcount, newcomers=newcomers, status=status))
    return meetings, rows


windows = st.tuples(
    st.sampled_from(list(Period)),
    st.none() | st.integers(0, 200).map(lambda days: START + timedelta(days=days)),
    st.none() | st.integers(0, 200).map(lambda days: START + timedelta(days=days)),
    st.integers(0, 300).map(lambda days: START + timedelta(days=days)),
)


def report_for(history: History, window: tuple[Period, date | None, date | None, date]) -> TrendReport:
    by, since, until, today = window
    return compute_trends(*history, by=by, since=since, until=until, today=today)


def in_window(day: date, since: date | None, until: date | None) -> bool:
    return (since is None or day >= since) and (until is None or day <= until)


@settings(max_examples=150, deadline=None)
@given(histories(), windows)
def test_mean_and_median_attendance_lie_between_the_smallest_and_largest_headcount(history: History, window):
    by = window[0]
    for group in report_for(history, window).groups.values():
        for period in group.periods:
            counts = [m.present for m in group.meetings if period_start(m.held_on, by) == period.first_day]
            assert (period.mean_attendance is None) == (not counts) == (period.median_attendance is None)
            if counts:
                assert min(counts) - 1e-9 <= period.mean_attendance <= max(counts) + 1e-9
                assert min(counts) <= period.median_attendance <= max(counts)


@settings(max_examples=150, deadline=None)
@given(histories(), windows)
def test_every_rate_is_a_share_and_no_part_exceeds_its_whole(history: History, window):
    for group in report_for(history, window).groups.values():
        for period in group.periods:
            for rate in (period.return_rate, period.retention):
                assert rate is None or 0 <= rate <= 1
            assert period.returned is None or period.returned <= period.eligible
            assert period.stayed is None or period.stayed <= period.active


@settings(max_examples=150, deadline=None)
@given(histories(), windows)
def test_meetings_held_and_cancelled_add_up_to_the_meetings_in_range(history: History, window):
    _, since, until, _ = window
    expected = sum(
        m.status is not MeetingStatus.OPEN and in_window(m.held_on, since, until) for m in history[0]
    )
    report = report_for(history, window)
    assert sum(p.held + p.cancelled for g in report.groups.values() for p in g.periods) == expected
    assert report.is_empty == (expected == 0)


@settings(max_examples=150, deadline=None)
@given(histories(), windows, st.randoms(use_true_random=False))
def test_results_do_not_depend_on_the_order_of_the_input(history: History, window, random):
    meetings, rows = list(history[0]), list(history[1])
    random.shuffle(meetings)
    random.shuffle(rows)
    assert report_for((meetings, rows), window) == report_for(history, window)
    assert dropped_off(meetings, rows) == dropped_off(*history)


@settings(max_examples=150, deadline=None)
@given(histories(), windows, st.integers(1, 6))
def test_a_leads_view_never_names_a_member_nor_rates_a_hidden_count(history: History, window, threshold: int):
    view = lead_view(report_for(history, window), {group: threshold for group in (*NAMED, "heads")})
    assert "member-" not in json.dumps(view)
    assert rates_built_on_hidden_counts(view) == []
