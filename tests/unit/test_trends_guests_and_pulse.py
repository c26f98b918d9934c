"""Trends per period: guests counted on their own and in the attendance, the pulse as a mean of so many hands."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from circle.domain.records import MeetingStatus
from circle.domain.trends.compute import Attendance, MeetingFacts, compute_trends
from circle.domain.trends.period_counts import records
from circle.domain.trends.periods import Period
from circle.domain.trends.series import PeriodTrend, period_columns

MONDAY = date(2026, 1, 5)
TODAY = date(2026, 6, 1)


def meeting(index: int, headcount: int, *, guests: int = 0, pulse: tuple[int, ...] | None = None) -> MeetingFacts:
    return MeetingFacts(f"g1-{index}", "g1", MONDAY + timedelta(weeks=index), MeetingStatus.CLOSED, 90, 90,
                        headcount, 0, 0, 0, pulse, guests)


def trends(meetings: list[MeetingFacts], named: bool = True):
    attendance = [Attendance(each.id, "m1", True, False) for each in meetings] if named else []
    return compute_trends(meetings, attendance, by=Period.MONTH, today=TODAY).groups["g1"]


def test_guests_add_up_per_period_and_count_in_the_mean_attendance():
    group = trends([meeting(0, 3, guests=2), meeting(1, 1), meeting(4, 2, guests=1)])
    january, february = group.periods
    assert (january.guests, january.mean_attendance) == (2, 2.0)
    assert february.guests == 1


def test_a_guest_is_neither_a_newcomer_nor_a_returning_member_of_the_meeting():
    [first] = trends([meeting(0, 3, guests=2)]).meetings
    assert (first.present, first.guests, first.newcomers, first.returning) == (3, 2, 0, 1)


def test_a_group_that_counts_heads_has_no_guests_of_its_own_to_report():
    [january] = trends([meeting(0, 5)], named=False).periods
    assert january.guests is None and january.mean_attendance == 5


def test_the_pulse_adds_up_hands_per_answer_and_reads_as_their_mean():
    group = trends([meeting(0, 4, pulse=(0, 1, 2, 1, 0)), meeting(1, 4), meeting(2, 3, pulse=(0, 0, 1, 1, 1))])
    [january] = group.periods
    assert january.pulse == (0, 1, 3, 2, 1)
    assert january.pulse_answered == 7 and january.pulse_mean == (2 + 9 + 8 + 5) / 7


def test_a_period_without_a_pulse_has_no_mean_rather_than_a_mean_of_nothing():
    [january] = trends([meeting(0, 4)]).periods
    assert (january.pulse, january.pulse_answered, january.pulse_mean) == (None, None, None)
    assert january.to_dict()["pulse_mean"] is None


def test_a_report_written_a_column_at_a_time_holds_what_each_period_says_of_itself():
    known = trends([meeting(0, 3, guests=2, pulse=(0, 1, 2, 0, 4)), meeting(1, 1), meeting(9, 2)]).periods
    unknown = trends([meeting(0, 5), meeting(5, 4, pulse=(1, 0, 0, 0, 0))], named=False).periods
    periods = [*known, *unknown]
    columns = period_columns(periods)
    assert set(columns) == set(periods[0].to_dict())
    assert [{key: column[index] for key, column in columns.items()} for index in range(len(periods))] == [
        {key: getattr(period, key) for key in columns} for period in periods
    ]
    assert period_columns([]) == {key: [] for key in columns}


def test_periods_made_from_columns_are_those_made_one_by_one_and_every_field_needs_its_column():
    periods = trends([meeting(0, 3, guests=2, pulse=(0, 1, 2, 0, 4)), meeting(9, 2)]).periods
    columns = list(zip(*periods, strict=True))
    assert records(PeriodTrend, *columns) == [PeriodTrend(*each) for each in periods]
    assert all(type(each) is PeriodTrend for each in records(PeriodTrend, *columns))
    with pytest.raises(TypeError):
        records(PeriodTrend, *columns[:-1])
