"""One way of writing a day everywhere a facilitator reads one: "Tue 08 Dec", and "(tomorrow)" when near."""

from __future__ import annotations

from datetime import date

_NEAR = {0: "today", 1: "tomorrow", -1: "yesterday"}


def day_words(day: date, today: date | None = None) -> str:
    """The day as home writes it; with `today`, also how near it is, if it is."""
    relative = _NEAR.get((day - today).days) if today else None
    return f"{day:%a %d %b}" + (f" ({relative})" if relative else "")


def iso_day_words(text: str, today: date | None = None) -> str:
    """A day kept as YYYY-MM-DD, written as home writes it; anything else is shown as it is."""
    try:
        return day_words(date.fromisoformat(text), today)
    except ValueError:
        return text
