"""Days as a language writes them, from Babel's locale data rather than tables of our own."""

from __future__ import annotations

from datetime import date

# "Tue 08 Dec", "mar 08 dic": short enough for a table cell, the same width every day of the month.
SHORT = "EEE dd MMM"


def day_in(code: str, day: date, pattern: str = SHORT) -> str:
    # Imported here: Babel's locale data is read on the first day written, not at start-up.
    from babel.dates import format_date

    return format_date(day, pattern, locale=code)
