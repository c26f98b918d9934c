"""Weeks, months and quarters as the facilitator's language names them: nouns, whole headings, and period labels
written with Babel's month and quarter names."""

from __future__ import annotations

from datetime import date

from circle.domain.trends.periods import Period
from circle.language import N_, _, current
from circle.language.days import day_in

NAMES = {Period.WEEK: N_("week"), Period.MONTH: N_("month"), Period.QUARTER: N_("quarter")}
# Whole headings, one per period: a language may need another word order or agreement than "X per Y".
NEWCOMERS = {
    Period.WEEK: N_("Newcomers per week"),
    Period.MONTH: N_("Newcomers per month"),
    Period.QUARTER: N_("Newcomers per quarter"),
}
RETENTION = {
    Period.WEEK: N_("Retention per week"),
    Period.MONTH: N_("Retention per month"),
    Period.QUARTER: N_("Retention per quarter"),
}
PULSE = {Period.WEEK: N_("Pulse per week"), Period.MONTH: N_("Pulse per month"), Period.QUARTER: N_("Pulse per quarter")}
CAME_AGAIN = {
    Period.WEEK: N_("% who came again the next week"),
    Period.MONTH: N_("% who came again the next month"),
    Period.QUARTER: N_("% who came again the next quarter"),
}


def period_name(period: Period) -> str:
    return _(NAMES[period])


def period_label(first_day: date, period: Period) -> str:
    """A table's name for a period: '2026-W07', '2026-02', '2026-Q1' (in Spanish '2026-S07', '2026-T1')."""
    if period is Period.WEEK:
        iso_year, week, _weekday = first_day.isocalendar()
        return _("{year}-W{week}").format(year=iso_year, week=f"{week:02d}")
    if period is Period.MONTH:
        return f"{first_day.year}-{first_day.month:02d}"
    return day_in(current(), first_day, "y-QQQ")


def short_label(first_day: date, by: Period) -> str:
    """A period's name short enough for a plot's axis: '03 Mar', 'Mar 25', 'Q1 25'."""
    if by is Period.WEEK:
        return day_in(current(), first_day, "dd MMM")
    if by is Period.MONTH:
        return day_in(current(), first_day, "MMM yy")
    return day_in(current(), first_day, "QQQ yy")
