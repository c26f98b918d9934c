"""The sentences around the trend plots: what is on show, and who stopped coming."""

from __future__ import annotations

from datetime import date

from textual.content import Content

from circle.domain.trends.compute import TrendReport
from circle.language import N_, _, current, ngettext
from circle.language.days import day_in
from circle.ui.widgets.trends.periods import period_name
from circle.ui.text import CELL_WIDTH, one_line
from circle.ui.widgets.whole_words import words

NOBODY = N_("Nobody stopped coming in this range.")
REACH_OUT = N_("Stopped coming in this range — reach out?:")


def _day(day: date | None, *, open_end: str) -> str:
    return day_in(current(), day, "EEE dd MMM y") if day else open_end


def summary(report: TrendReport) -> str:
    """The range, the period and how many meetings the plots and the table are made of."""
    groups = report.groups.values()
    held = sum(len(group.meetings) for group in groups)
    cancelled = sum(period.cancelled for group in groups for period in group.periods)
    since = _day(report.since, open_end=_("the first meeting"))
    until = _day(report.until, open_end=_("today"))
    figures = {
        "since": since,
        "until": until,
        "period": period_name(report.by),
        "held": ngettext("{count} meeting held", "{count} meetings held", held).format(count=held),
        "cancelled": ngettext("{count} cancelled", "{count} cancelled", cancelled).format(count=cancelled),
    }
    if len(groups) > 1:
        return _("From {since} to {until}, by {period}: {groups}, {held}, {cancelled}.").format(
            groups=ngettext("{count} group", "{count} groups", len(groups)).format(count=len(groups)), **figures
        )
    return _("From {since} to {until}, by {period}: {held}, {cancelled}.").format(**figures)


def nothing_held(report: TrendReport) -> str:
    """Instead of empty plots: no meeting at all, or only cancelled ones."""
    cancelled = sum(period.cancelled for group in report.groups.values() for period in group.periods)
    if not cancelled:
        return _("No meetings in this range.")
    return ngettext(
        "No meetings in this range: {count} was cancelled.", "No meetings in this range: {count} were cancelled.", cancelled
    ).format(count=cancelled)


def named_drop_offs(names: list[str]) -> tuple[Content, ...]:
    """Names are user text: each one literal, never markup, and a piece of its own so that it is never
    broken across two lines."""
    if not names:
        return words(_(NOBODY))
    shown = [one_line(name, width=CELL_WIDTH) for name in names]
    return (*words(_(REACH_OUT)), *(name + "," for name in shown[:-1]), shown[-1])


def counted_drop_offs(report: TrendReport) -> Content:
    """Only the count, where no names may be shown; nothing at all where not even the count is known."""
    counts = [period.dropped_off for group in report.groups.values() for period in group.periods]
    known = [count for count in counts if count is not None]
    if not known:
        return Content("")
    if not sum(known):
        return Content(_(NOBODY))
    if len(report.groups) > 1:
        return Content(_("Dropped off in this range: {count} (choose one group to see who).").format(count=sum(known)))
    return Content(_("Dropped off in this range: {count} (this group keeps no names).").format(count=sum(known)))
