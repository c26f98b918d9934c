"""A lead's report by quarter is added up from each group's months, and a lead's report is never by week."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from circle.domain.errors import InvalidInput
from circle.domain.records import MeetingStatus
from circle.domain.trends.compute import Attendance, MeetingFacts, compute_trends
from circle.domain.trends.lead_bundle import KeptGroup, LeadGroup, Row
from circle.domain.trends.lead_report import NoWeeksForLeads, lead_report
from circle.domain.trends.lead_view import lead_group
from circle.domain.trends.periods import Period
from circle.reports.lead_report import render_lead_report
from circle.reports.render import Format
from tests.unit.test_trends import grid

MONDAY = date(2026, 1, 5)
LATER = date(2027, 1, 1)  # every newcomer's four weeks are over
MADE = datetime(2026, 6, 1, tzinfo=UTC)


def kept(months: list[dict[str, Any]], threshold: int, **older: tuple[Row, ...]) -> dict[str, KeptGroup]:
    """A lead's store holding one group's months (and, as a previous release kept them, its own weeks or quarters)."""
    periods = {Period.MONTH: tuple(months), **{Period(by): rows for by, rows in older.items()}}
    group = LeadGroup(id="g1", name="Tuesday Evening", threshold=threshold, periods=periods)
    return {"g1": KeptGroup(made_at=MADE, group=group)}


def by_heads(headcounts: list[int], newcomers: list[int]) -> list[MeetingFacts]:
    """Weekly meetings from MONDAY of a group that counts heads."""
    return [
        MeetingFacts(f"g1-{index}", "g1", MONDAY + timedelta(weeks=index), MeetingStatus.CLOSED, 90, 90, count, new,
                     count, 0, None)
        for index, (count, new) in enumerate(zip(headcounts, newcomers, strict=True))
    ]


def lead_rows(
    meetings: list[MeetingFacts], threshold: int, by: Period = Period.MONTH, attendance: list[Attendance] | None = None
) -> list[dict[str, Any]]:
    """The rows a lead is given: through the lead's view of the trends, small counts hidden."""
    trends = compute_trends(meetings, attendance or [], by=by, today=LATER)
    return lead_group(trends.groups["g1"], threshold)["periods"]


# Thirteen weeks, January to March 2026: 4, 4 and 5 meetings.
HEADCOUNTS = [6, 8, 7, 5, 9, 4, 6, 8, 10, 7, 6, 9, 5]
NEWCOMERS = [2, 1, 1, 0, 1, 1, 0, 0, 2, 1, 0, 0, 0]  # 4, 2 and 3 by month


def quarter_of(threshold: int, **window: date) -> dict[str, Any]:
    months = lead_rows(by_heads(HEADCOUNTS, NEWCOMERS), threshold)
    [quarter] = lead_report(kept(months, threshold), by=Period.QUARTER, **window).groups[0].periods
    return dict(quarter)


def test_a_quarter_adds_up_its_months_meetings_newcomers_and_people_exactly():
    quarter = quarter_of(threshold=2)
    assert (quarter["label"], quarter["first_day"], quarter["last_day"]) == ("2026-Q1", "2026-01-01", "2026-03-31")
    assert (quarter["held"], quarter["cancelled"], quarter["newcomers"]) == (13, 0, 9)
    assert quarter["mean_attendance"] == pytest.approx(sum(HEADCOUNTS) / 13)


def test_a_quarter_with_hidden_months_shows_the_range_its_totals_must_lie_in():
    # With a threshold of 4, January's 4 newcomers are shown and February's 2 and March's 3 are hidden.
    assert quarter_of(threshold=4)["newcomers"] == "6-10"
    # With 7, January's and February's means (6.5 and 6.75) are hidden: only March's 37 people are known,
    # and fewer than 7 a meeting at the other eight.
    assert quarter_of(threshold=7)["mean_attendance"] == f"{37 / 13:.1f}-{(37 + 7 * 8) / 13:.1f}" == "2.8-7.2"


def test_a_quarter_with_every_month_hidden_and_a_small_most_is_shown_as_small():
    months = lead_rows(by_heads([5, 5, 5, 5, 5], [1, 0, 0, 0, 0]), threshold=4)
    [quarter] = lead_report(kept(months, 4), by=Period.QUARTER).groups[0].periods
    assert [row["newcomers"] for row in months] == ["<4", 0]
    assert quarter["newcomers"] == "<4"


def test_a_quarter_leaves_the_median_and_every_count_of_distinct_people_unknown():
    # Two members who come every week: four weeks in January, two in February.
    meetings, attendance = grid("g1", {"a": "nxxxxx", "b": "nxxxxx"})
    months = lead_rows(meetings, 2, attendance=attendance)
    assert [row["active"] for row in months] == [2, 2]
    [quarter] = lead_report(kept(months, 2), by=Period.QUARTER).groups[0].periods
    assert (quarter["median_attendance"], quarter["stayed"], quarter["active"], quarter["retention"]) == (
        None, None, None, None)
    assert (quarter["newcomers"], quarter["returned"], quarter["eligible"], quarter["return_rate"]) == (2, 2, 2, 1.0)


def test_a_quarters_return_rate_comes_from_its_summed_returned_and_eligible():
    # January: three newcomers, two back within four weeks. March: three more, all back.
    meetings, attendance = grid("g1", {
        "a": "nx..........",
        "b": "n.x.........",
        "c": "n...........",
        "d": "........nx..",
        "e": "........n.x.",
        "f": "........n..x",
    })
    months = lead_rows(meetings, 2, attendance=attendance)
    [quarter] = lead_report(kept(months, 2), by=Period.QUARTER).groups[0].periods
    assert (quarter["returned"], quarter["eligible"], quarter["return_rate"]) == (5, 6, 5 / 6)
    hidden_months = lead_rows(meetings, 3, attendance=attendance)
    assert [row["returned"] for row in hidden_months] == ["<3", 0, 3]
    [ranged] = lead_report(kept(hidden_months, 3), by=Period.QUARTER).groups[0].periods
    assert (ranged["returned"], ranged["eligible"], ranged["return_rate"]) == ("4-5", 6, "67%-83%")


def test_a_quarters_rate_is_unknown_when_a_month_counted_heads():
    # January with names; March counted by heads, so whether its newcomers came back is unknown.
    named, attendance = grid("g1", {"a": "nxxx", "b": "nxxx"})
    heads = [meeting._replace(id=f"h-{meeting.id}", held_on=meeting.held_on + timedelta(weeks=8))
             for meeting in by_heads([3, 3, 3, 3], [0, 0, 0, 0])]
    months = lead_rows(named + heads, 2, attendance=attendance)
    assert [row["returned"] for row in months] == [2, 0, None]
    [quarter] = lead_report(kept(months, 2), by=Period.QUARTER).groups[0].periods
    assert (quarter["returned"], quarter["eligible"], quarter["return_rate"]) == (None, None, None)


def test_a_quarter_is_reported_whole_and_its_summary_adds_up_every_month_in_it():
    months = lead_rows(by_heads(HEADCOUNTS, NEWCOMERS), threshold=2)
    store = kept(months, 2)
    by_quarter = lead_report(store, by=Period.QUARTER, since=date(2026, 2, 15))
    assert [row["label"] for row in by_quarter.groups[0].periods] == ["2026-Q1"]
    assert by_quarter.groups[0].summary["held"] == 13 and by_quarter.groups[0].summary["newcomers"] == 9
    by_month = lead_report(store, by=Period.MONTH, since=date(2026, 2, 15))
    assert [row["label"] for row in by_month.groups[0].periods] == ["2026-02", "2026-03"]
    assert by_month.groups[0].summary["held"] == 9


def test_a_lead_report_by_week_is_refused_in_one_line_that_says_why():
    store = kept(lead_rows(by_heads(HEADCOUNTS, NEWCOMERS), threshold=3), 3)
    with pytest.raises(NoWeeksForLeads) as refused:
        lead_report(store, by=Period.WEEK)
    assert isinstance(refused.value, InvalidInput)
    assert str(refused.value) == (
        "A lead's report is by month or quarter: a week is too close to a single meeting, so bundles carry months."
    )


def test_weeks_and_quarters_a_previous_release_kept_are_ignored_and_quarters_added_up_from_months():
    meetings = by_heads(HEADCOUNTS, NEWCOMERS)
    old_quarters = tuple(lead_rows(meetings, 3, Period.QUARTER))
    old_weeks = tuple(lead_rows(meetings, 3, Period.WEEK))
    assert old_quarters[0]["newcomers"] == 9  # exact: less January's 4 and March's 3, it gave February's hidden 2
    store = kept(lead_rows(meetings, 3), 3, week=old_weeks, quarter=old_quarters)
    [quarter] = lead_report(store, by=Period.QUARTER).groups[0].periods
    assert quarter["newcomers"] == "8-9"
    with pytest.raises(NoWeeksForLeads):
        lead_report(store, by=Period.WEEK)


def test_a_quarters_ranges_reach_a_spreadsheet_as_text_not_as_dates():
    months = lead_rows(by_heads(HEADCOUNTS, NEWCOMERS), threshold=4)
    report = lead_report(kept(months, 4), by=Period.QUARTER)
    [row] = csv.DictReader(io.StringIO(render_lead_report(report, Format.CSV)))
    assert (row["newcomers"], row["median_attendance"], row["active"]) == ("6 to 10", "", "")
    assert "| 6-10 |" in render_lead_report(report, Format.MARKDOWN)


def test_a_rate_bound_to_one_value_is_that_value_not_a_range_of_one():
    # Nobody of a hidden few came back: the rate is 0 whatever the few were.
    months = [{**row, "returned": 0, "eligible": "<3", "return_rate": None}
              for row in lead_rows(by_heads(HEADCOUNTS, NEWCOMERS), 3)]
    [quarter] = lead_report(kept(months, 3), by=Period.QUARTER).groups[0].periods
    assert (quarter["returned"], quarter["eligible"], quarter["return_rate"]) == (0, "3-6", 0.0)
