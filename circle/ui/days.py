"""One way of writing a day everywhere a facilitator reads one: "Tue 08 Dec", and "(tomorrow)" when near."""

from __future__ import annotations

from datetime import date

from circle.language import N_, _, current
from circle.language.days import day_in

_NEAR = {0: N_("today"), 1: N_("tomorrow"), -1: N_("yesterday")}


def day_words(day: date, today: date | None = None) -> str:
    """The day as home writes it, in the facilitator's language; with `today`, also how near it is, if it is."""
    relative = _NEAR.get((day - today).days) if today else None
    written = day_in(current(), day)
    return _("{day} ({relative})").format(day=written, relative=_(relative)) if relative else written


def iso_day_words(text: str, today: date | None = None) -> str:
    """A day kept as YYYY-MM-DD, written as home writes it; anything else is shown as it is."""
    try:
        return day_words(date.fromisoformat(text), today)
    except ValueError:
        return text
