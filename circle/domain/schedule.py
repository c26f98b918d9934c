"""When a group meets: weekly, every other week, or monthly on the n-th weekday, at a wall-clock start time."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from circle.domain.errors import InvalidInput
from circle.domain.titled import TitledEnum
from circle.language import ENGLISH, N_, _, current
from circle.language.days import day_in

Translate = Callable[[str], str]
LAST = -1  # the week of the month for "the last Tuesday"
WEEKS_OF_MONTH = (1, 2, 3, 4, LAST)
_ORDINALS = {1: N_("1st"), 2: N_("2nd"), 3: N_("3rd"), 4: N_("4th"), LAST: N_("last")}
# One whole sentence for each kind of schedule, so a language can put the day, the week and the time in its own order.
_EVERY = N_("every {day} at {time}")
_EVERY_OTHER = N_("every other {day} at {time}")
_IN_MONTH = {
    1: N_("1st {day} of the month at {time}"),
    2: N_("2nd {day} of the month at {time}"),
    3: N_("3rd {day} of the month at {time}"),
    4: N_("4th {day} of the month at {time}"),
    LAST: N_("last {day} of the month at {time}"),
}
_A_MONDAY = date(2024, 1, 1)
_START_TIME = re.compile(r"([01]?\d|2[0-3]):[0-5]\d")


class Repeat(TitledEnum):
    WEEKLY = "weekly", N_("Weekly")
    EVERY_OTHER_WEEK = "every_other_week", N_("Every other week")
    MONTHLY = "monthly", N_("Monthly")


# What a member left out of a kept schedule means.
_DEFAULTS: dict[str, Any] = {"repeat": str(Repeat.WEEKLY), "week": 1, "anchor": None}


def week_of_month_title(week: int) -> str:
    """"2nd", marked for the catalog: translate it where it is shown."""
    return _ORDINALS[week]


def weekday_name(weekday: int, language: str = ENGLISH) -> str:
    """0 → "Monday" in English, "lunes" in Spanish: Babel's words for the day, not a table of ours."""
    return day_in(language, _A_MONDAY + timedelta(days=weekday), "EEEE")


def _keep(message: str) -> str:
    return message


@dataclass(frozen=True)
class Schedule:
    """When the group usually meets: a weekday (0 = Monday, None: not set) and a start time, local wall-clock.

    Every other week, `anchor` is one date the group meets: it tells which weeks. Monthly, `week` says which
    of the month's weekdays (1st to 4th, or LAST).
    """

    weekday: int | None = None
    start: str = "19:00"
    repeat: Repeat = Repeat.WEEKLY
    week: int = 1
    anchor: date | None = None

    def __post_init__(self) -> None:
        if self.weekday is not None and (type(self.weekday) is not int or not 0 <= self.weekday <= 6):
            raise InvalidInput(_("A meeting day is Monday to Sunday, or none."))
        if not isinstance(self.start, str) or not _START_TIME.fullmatch(self.start):
            raise InvalidInput(_("The start time should look like 19:00."))
        if not isinstance(self.repeat, Repeat):
            raise InvalidInput(_("A group meets weekly, every other week or monthly."))
        if type(self.week) is not int or self.week not in WEEKS_OF_MONTH:
            raise InvalidInput(_("The week of the month is the 1st to the 4th, or the last."))
        if self.repeat is Repeat.EVERY_OTHER_WEEK and self.weekday is not None:
            if not isinstance(self.anchor, date):
                raise InvalidInput(_("Every other week needs one date the group meets, to know which weeks."))
            if self.anchor.weekday() != self.weekday:
                # Said to the facilitator who typed the date, in their language.
                raise InvalidInput(
                    _("{date} is a {weekday}; the group meets on {meeting_day}s.").format(
                        date=day_in(current(), self.anchor, "dd MMM yyyy"),
                        weekday=weekday_name(self.anchor.weekday(), current()),
                        meeting_day=weekday_name(self.weekday, current()),
                    )
                )

    @property
    def start_time(self) -> time:
        hours, minutes = self.start.split(":")
        return time(int(hours), int(minutes))

    def is_meeting_day(self, day: date) -> bool:
        if self.weekday is None or day.weekday() != self.weekday:
            return False
        if self.repeat is Repeat.EVERY_OTHER_WEEK:
            assert self.anchor is not None  # checked when made
            return (day - self.anchor).days // 7 % 2 == 0
        if self.repeat is Repeat.MONTHLY:
            return day == self._in_month(day.year, day.month)
        return True

    def next_after(self, day: date) -> date | None:
        """The first meeting day strictly after `day`."""
        if self.weekday is None:
            return None
        if self.repeat is Repeat.MONTHLY:
            this_month = self._in_month(day.year, day.month)
            if this_month > day:
                return this_month
            year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
            return self._in_month(year, month)
        ahead = day + timedelta(days=(self.weekday - day.weekday() - 1) % 7 + 1)
        if not self.is_meeting_day(ahead):  # every other week, and this is the week between
            ahead += timedelta(weeks=1)
        return ahead

    def starts_at(self, day: date, zone: tzinfo) -> datetime:
        """The meeting of `day` as a moment: its start time on the wall clock of `zone`, whatever DST does.

        A start time the clocks skip that day (02:30 as they spring forward) is the moment just after the gap.
        """
        wall = datetime.combine(day, self.start_time, tzinfo=zone)
        return wall.astimezone(UTC).astimezone(zone)

    def _in_month(self, year: int, month: int) -> date:
        import calendar  # only a monthly group's dates need it: loaded then, not with every group (a meeting)

        assert self.weekday is not None
        days = [week[self.weekday] for week in calendar.monthcalendar(year, month) if week[self.weekday]]
        return date(year, month, days[-1] if self.week == LAST else days[self.week - 1])

    def describe(self, translate: Translate = _keep, language: str = ENGLISH) -> str:
        """'every Tuesday at 19:00', 'every other Tuesday at 19:00', '2nd Tuesday of the month at 18:30'.

        In English unless given a language: `translate` its catalog's words (the facilitator's `_`, or a group's
        `Words.gettext`) and `language` its code, for the day's name.
        """
        if self.weekday is None:
            return translate(N_("not set"))
        if self.repeat is Repeat.EVERY_OTHER_WEEK:
            sentence = _EVERY_OTHER
        elif self.repeat is Repeat.MONTHLY:
            sentence = _IN_MONTH[self.week]
        else:
            sentence = _EVERY
        return translate(sentence).format(day=weekday_name(self.weekday, language), time=self.start)

    def to_dict(self, *, every_member: bool = False) -> dict[str, Any]:
        """A weekly schedule as circle kept it before there was more (`weekday` and `start` only), so that an
        older circle still reads it from a vault or a handoff; the other members when they differ from their
        defaults, or always with `every_member`."""
        kept = {
            "weekday": self.weekday,
            "start": self.start,
            "repeat": str(self.repeat),
            "week": self.week,
            "anchor": self.anchor.isoformat() if self.anchor else None,
        }
        return {key: item for key, item in kept.items() if every_member or key in ("weekday", "start")
                or item != _DEFAULTS[key]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Schedule:
        """Read back; a schedule kept before there was more than weekly has only `weekday` and `start`.

        Raises ValueError or TypeError on a value that is not one (the caller says the settings are unreadable).
        """
        if not isinstance(data, dict):
            raise TypeError("a schedule is a table")
        anchor = data.get("anchor")
        if anchor is not None and type(anchor) not in (str, date):
            raise TypeError("a date is a day, without a time")
        return cls(
            weekday=data.get("weekday"),
            start=data.get("start", "19:00"),
            repeat=Repeat(data.get("repeat", _DEFAULTS["repeat"])),
            week=data.get("week", _DEFAULTS["week"]),
            anchor=date.fromisoformat(anchor) if isinstance(anchor, str) else anchor,
        )
