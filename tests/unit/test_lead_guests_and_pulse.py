"""A lead is sent each month's guests and pulse hands, small ones hidden, and works out the rest from them."""

from __future__ import annotations

from datetime import date, timedelta

from circle.domain.records import MeetingStatus
from circle.domain.trends.compute import Attendance, MeetingFacts, compute_trends
from circle.domain.trends.lead_bundle import group_for_lead
from circle.domain.trends.lead_report import lead_report
from circle.domain.trends.periods import Period
from tests.unit.test_lead_quarters import LATER, MONDAY, kept

THRESHOLD = 3
# Weekly meetings from MONDAY (four in January, four in February), with one member present at each.
GUESTS = [1, 0, 0, 0, 2, 2, 1, 0]  # January 1 (hidden), February 5
PULSES = [
    (0, 0, 2, 3, 2), (0, 0, 1, 1, 1), None, None,  # January: [0, 0, 3, 4, 3], nothing small
    (1, 0, 2, 1, 0), (0, 0, 2, 2, 0), None, None,  # February: [1, 0, 4, 3, 0], one answer's hands hidden
]


def meetings() -> tuple[list[MeetingFacts], list[Attendance]]:
    facts = [
        MeetingFacts(f"g1-{index}", "g1", MONDAY + timedelta(weeks=index), MeetingStatus.CLOSED, 90, 90,
                     1 + guests, 0, 1, 0, pulse, guests)
        for index, (guests, pulse) in enumerate(zip(GUESTS, PULSES, strict=True))
    ]
    return facts, [Attendance(each.id, "m1", True, False) for each in facts]


def bundled_months() -> list[dict]:
    trends = compute_trends(*meetings(), by=Period.MONTH, today=LATER)
    group = group_for_lead("g1", "Tuesday Evening", THRESHOLD, trends.groups["g1"], LATER)
    return [dict(row) for row in group.months]


def test_a_months_guests_are_sent_and_hidden_below_the_threshold_like_every_count_of_people():
    january, february = bundled_months()
    assert (january["guests"], february["guests"]) == ("<3", 5)


def test_a_months_pulse_is_sent_as_hands_per_answer_with_its_mean_while_no_answer_is_small():
    january, _ = bundled_months()
    assert january["pulse"] == [0, 0, 3, 4, 3]
    assert january["pulse_answered"] == 10 and january["pulse_mean"] == (9 + 16 + 15) / 10


def test_with_one_answer_hidden_the_month_sends_neither_how_many_answered_nor_the_mean():
    _, february = bundled_months()
    assert february["pulse"] == ["<3", 0, 4, 3, 0]
    assert february["pulse_answered"] is None and february["pulse_mean"] is None


def test_the_lead_report_shows_a_hidden_months_pulse_as_the_range_it_must_lie_in():
    store = kept(bundled_months(), THRESHOLD)
    _, february = lead_report(store, by=Period.MONTH).groups[0].periods
    # One or two hands for answer 1, with 4 threes and 3 fours: (1 + 24) / 8 = 3.125 down to (2 + 24) / 9 = 2.89.
    assert february["pulse_answered"] == "8-9" and february["pulse_mean"] == "2.9-3.1"


def test_the_quarter_and_the_summary_add_guests_and_hands_up_from_the_months():
    store = kept(bundled_months(), THRESHOLD)
    report = lead_report(store, by=Period.QUARTER, since=date(2026, 1, 1))
    [quarter] = report.groups[0].periods
    assert quarter["guests"] == "6-7"
    assert quarter["pulse"] == ["<3", 0, 7, 7, 3]
    assert quarter["pulse_answered"] == "18-19"
    summary = report.groups[0].summary
    # (64 + 1) / 18 = 3.61 with one hand for answer 1, (64 + 2) / 19 = 3.47 with two.
    assert (summary["guests"], summary["pulse_answered"], summary["pulse_mean"]) == ("6-7", "18-19", "3.5-3.6")
