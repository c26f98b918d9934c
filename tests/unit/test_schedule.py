"""Schedules: weekly, every other week, the n-th weekday of the month, at a start time that stays on the wall clock."""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from circle.domain.clock import local_zone
from circle.domain.errors import InvalidInput
from circle.domain.group import GroupProfile
from circle.domain.schedule import LAST, WEEKS_OF_MONTH, Repeat, Schedule
from circle.domain.templates import template

TUESDAY = 1


def meeting_days(schedule: Schedule, after: date, count: int) -> list[date]:
    days, day = [], after
    for _ in range(count):
        day = schedule.next_after(day)
        days.append(day)
    return days


def test_a_weekly_schedule_made_as_before_meets_every_week():
    schedule = Schedule(weekday=TUESDAY, start="19:00")
    assert meeting_days(schedule, date(2026, 1, 5), 3) == [date(2026, 1, 6), date(2026, 1, 13), date(2026, 1, 20)]
    assert schedule.next_after(date(2026, 1, 6)) == date(2026, 1, 13)  # strictly after


def test_every_other_week_crosses_the_new_year_in_step_with_its_first_date():
    schedule = Schedule(weekday=TUESDAY, repeat=Repeat.EVERY_OTHER_WEEK, anchor=date(2026, 12, 8))
    assert meeting_days(schedule, date(2026, 12, 1), 4) == [
        date(2026, 12, 8), date(2026, 12, 22), date(2027, 1, 5), date(2027, 1, 19),
    ]
    # The week between is not a meeting week, whichever day of it one asks from.
    assert schedule.next_after(date(2026, 12, 14)) == date(2026, 12, 22)
    assert not schedule.is_meeting_day(date(2026, 12, 29))


def test_the_second_tuesday_of_every_month_for_three_years_is_the_calendars():
    schedule = Schedule(weekday=TUESDAY, repeat=Repeat.MONTHLY, week=2)
    found = meeting_days(schedule, date(2025, 12, 31), 36)
    expected = [
        date(year, month, [w[calendar.TUESDAY] for w in calendar.monthcalendar(year, month) if w[calendar.TUESDAY]][1])
        for year in (2026, 2027, 2028)
        for month in range(1, 13)
    ]
    assert found == expected


def test_the_last_weekday_of_the_month_is_the_last_even_in_a_month_with_five():
    schedule = Schedule(weekday=calendar.FRIDAY, repeat=Repeat.MONTHLY, week=LAST)
    assert meeting_days(schedule, date(2026, 1, 1), 3) == [date(2026, 1, 30), date(2026, 2, 27), date(2026, 3, 27)]
    assert schedule.next_after(date(2026, 1, 30)) == date(2026, 2, 27)


@pytest.mark.parametrize("zone", ["Europe/London", "America/New_York"])
def test_the_start_time_stays_on_the_wall_clock_across_a_change_of_daylight_saving(zone: str):
    schedule = Schedule(weekday=calendar.SUNDAY, start="19:00")
    local = ZoneInfo(zone)
    before = schedule.starts_at(date(2026, 3, 1), local)
    after = schedule.starts_at(schedule.next_after(date(2026, 3, 29)) or date.min, local)  # both zones have changed
    assert (before.hour, before.minute, after.hour, after.minute) == (19, 0, 19, 0)
    assert before.utcoffset() != after.utcoffset()
    autumn = schedule.starts_at(date(2026, 11, 8), local)
    assert (autumn.hour, autumn.utcoffset()) == (19, before.utcoffset())


def test_a_schedule_kept_before_there_was_more_than_weekly_reads_unchanged():
    profile = template("support-90").profile.to_dict()
    for kept in ({"weekday": 1, "start": "19:00"}, {"weekday": None, "start": "18:30"}):
        schedule = GroupProfile.from_dict({**profile, "schedule": kept}).schedule
        assert schedule == Schedule(weekday=kept["weekday"], start=kept["start"])


def test_a_weekly_schedule_is_kept_as_before_so_an_older_circle_still_reads_it():
    assert Schedule(weekday=TUESDAY, start="18:30").to_dict() == {"weekday": 1, "start": "18:30"}
    assert Schedule(weekday=TUESDAY, repeat=Repeat.MONTHLY, week=LAST).to_dict() == {
        "weekday": 1, "start": "19:00", "repeat": "monthly", "week": -1,
    }


def test_every_kind_of_schedule_comes_back_from_the_vault_as_it_was_kept():
    profile = template("support-90").profile
    for schedule in (
        Schedule(weekday=2, start="18:30", repeat=Repeat.EVERY_OTHER_WEEK, anchor=date(2026, 4, 1)),
        Schedule(weekday=TUESDAY, repeat=Repeat.MONTHLY, week=LAST),
    ):
        kept = GroupProfile(profile.format, profile.agreements, schedule=schedule).to_dict()
        assert GroupProfile.from_dict(kept).schedule == schedule


@pytest.mark.parametrize(
    "settings",
    [
        {"weekday": 1, "repeat": "fortnightly"},
        {"weekday": 1, "repeat": "monthly", "week": 5},
        {"weekday": 1, "repeat": "every_other_week"},
        {"weekday": 1, "repeat": "every_other_week", "anchor": "2026-01-07"},  # a Wednesday
        {"weekday": 1, "repeat": "every_other_week", "anchor": 20260106},
        {"weekday": True},
    ],
)
def test_a_schedule_that_cannot_be_is_refused(settings: dict):
    with pytest.raises((InvalidInput, ValueError, TypeError)):
        Schedule.from_dict(settings)


def test_schedules_say_when_in_words():
    assert Schedule(weekday=TUESDAY).describe() == "every Tuesday at 19:00"
    assert (
        Schedule(weekday=TUESDAY, repeat=Repeat.EVERY_OTHER_WEEK, anchor=date(2026, 1, 6)).describe()
        == "every other Tuesday at 19:00"
    )
    assert Schedule(weekday=TUESDAY, start="18:30", repeat=Repeat.MONTHLY, week=2).describe() == (
        "2nd Tuesday of the month at 18:30"
    )
    assert Schedule(weekday=TUESDAY, repeat=Repeat.MONTHLY, week=LAST).describe() == "last Tuesday of the month at 19:00"
    assert Schedule().describe() == "not set"


DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))


@st.composite
def schedules(draw: st.DrawFn) -> Schedule:
    weekday = draw(st.integers(0, 6))
    repeat = draw(st.sampled_from(Repeat))
    anchor = draw(DAYS)
    anchor += timedelta(days=(weekday - anchor.weekday()) % 7)
    return Schedule(weekday=weekday, repeat=repeat, week=draw(st.sampled_from(WEEKS_OF_MONTH)), anchor=anchor)


@given(schedules(), DAYS)
def test_the_next_meeting_is_after_the_day_asked_a_meeting_day_and_none_lies_between(schedule: Schedule, day: date):
    following = schedule.next_after(day)
    assert following is not None and following > day
    assert schedule.is_meeting_day(following)
    between = (day + timedelta(days=n) for n in range(1, (following - day).days))
    assert not any(schedule.is_meeting_day(d) for d in between)


def test_the_local_zone_keeps_its_daylight_saving_rules_and_a_zone_unknown_falls_back_to_todays_offset(monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")
    assert local_zone() == ZoneInfo("America/New_York")
    monkeypatch.setenv("TZ", "Nowhere/Atlantis")
    assert local_zone().utcoffset(None) is not None  # a fixed offset, not a failure


def test_a_start_time_the_clocks_skip_that_day_is_the_moment_just_after_the_gap():
    schedule = Schedule(weekday=calendar.SUNDAY, start="02:30")
    spring = schedule.starts_at(date(2026, 3, 8), ZoneInfo("America/New_York"))  # 02:00 became 03:00
    assert (spring.hour, spring.minute) == (3, 30)
    assert schedule.starts_at(date(2026, 3, 15), ZoneInfo("America/New_York")).hour == 2


def test_the_local_zone_read_from_a_path_in_tz_keeps_its_daylight_saving_rules(monkeypatch):
    zone_file = Path("/usr/share/zoneinfo/America/New_York")
    if not zone_file.exists():
        pytest.skip("this machine has no zone files")
    monkeypatch.setenv("TZ", f":{zone_file}")
    zone = local_zone()
    winter, summer = (datetime(2026, month, 1, 12, tzinfo=zone) for month in (1, 7))
    assert winter.utcoffset() != summer.utcoffset()
