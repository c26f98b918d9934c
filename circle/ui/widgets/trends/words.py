"""The sentences around the trend plots: what is on show, and who stopped coming."""

from __future__ import annotations

from datetime import date

from textual.content import Content

from circle.domain.trends.compute import TrendReport
from circle.ui.text import CELL_WIDTH, one_line
from circle.ui.widgets.whole_words import words

NOBODY = "Nobody stopped coming in this range."
REACH_OUT = "Stopped coming in this range — reach out?:"


def _day(day: date | None, *, open_end: str) -> str:
    return f"{day:%a %d %b %Y}" if day else open_end


def summary(report: TrendReport) -> str:
    """The range, the period and how many meetings the plots and the table are made of."""
    groups = report.groups.values()
    held = sum(len(group.meetings) for group in groups)
    cancelled = sum(period.cancelled for group in groups for period in group.periods)
    since = _day(report.since, open_end="the first meeting")
    until = _day(report.until, open_end="today")
    several = f"{len(groups)} groups, " if len(groups) > 1 else ""
    return f"From {since} to {until}, by {report.by.value}: {several}{held} meetings held, {cancelled} cancelled."


def nothing_held(report: TrendReport) -> str:
    """Instead of empty plots: no meeting at all, or only cancelled ones."""
    cancelled = sum(period.cancelled for group in report.groups.values() for period in group.periods)
    if not cancelled:
        return "No meetings in this range."
    return f"No meetings in this range: {cancelled} {'was' if cancelled == 1 else 'were'} cancelled."


def named_drop_offs(names: list[str]) -> tuple[Content, ...]:
    """Names are user text: each one literal, never markup, and a piece of its own so that it is never
    broken across two lines."""
    if not names:
        return words(NOBODY)
    shown = [one_line(name, width=CELL_WIDTH) for name in names]
    return (*words(REACH_OUT), *(name + "," for name in shown[:-1]), shown[-1])


def counted_drop_offs(report: TrendReport) -> Content:
    """Only the count, where no names may be shown; nothing at all where not even the count is known."""
    counts = [period.dropped_off for group in report.groups.values() for period in group.periods]
    known = [count for count in counts if count is not None]
    if not known:
        return Content("")
    if not sum(known):
        return Content(NOBODY)
    which = "choose one group to see who" if len(report.groups) > 1 else "this group keeps no names"
    return Content(f"Dropped off in this range: {sum(known)} ({which}).")
