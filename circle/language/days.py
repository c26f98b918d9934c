"""Days as a language writes them, from CLDR's names for its days, months and quarters.

The names are Babel's, written once per language into locale/<code>/days.json by `make i18n`
(circle/language/write_days.py), so writing a day does not load Babel's whole locale data (4 MB, read even
for English) into a meeting, home or the unlock screen. The pattern letters are Babel's (CLDR's) too; only
those circle writes are known, and the tests hold every pattern circle uses to Babel's own output.
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import cache
from pathlib import Path

LOCALE_DIR = Path(__file__).with_name("locale")
FILE = "days.json"
# "Tue 08 Dec", "mar 08 dic": short enough for a table cell, the same width every day of the month.
SHORT = "EEE dd MMM"
# How many names each kind has: a week's days from Monday, a year's months, its quarters.
COUNTS = {"weekdays": 7, "months": 12, "quarters": 4}
WIDTHS = ("abbreviated", "wide")
_FIELD = re.compile(r"([A-Za-z])\1*")
_NAMED = {"E": "weekdays", "M": "months", "Q": "quarters"}


class DaysMissing(RuntimeError):
    """circle was installed without a language's names of days (a broken install, or a table never written)."""


def day_in(code: str, day: date, pattern: str = SHORT) -> str:
    """`day` written by `pattern`'s letters (CLDR's: "EEE dd MMM yyyy", "QQQ yy") in language `code`."""
    if "'" in pattern:
        raise ValueError(f"circle writes no quoted text in a day: {pattern!r}")
    names = _names(code)
    return _FIELD.sub(lambda field: _field(field.group(0), day, names), pattern)


def _field(letters: str, day: date, names: dict[str, dict[str, list[str]]]) -> str:
    letter, width = letters[0], len(letters)
    if letter == "d":
        return f"{day.day:0{width}d}"
    if letter == "y":
        year = f"{day.year:0{width}d}"
        return year[-2:] if width == 2 else year
    number = {"E": day.weekday() + 1, "M": day.month, "Q": (day.month - 1) // 3 + 1}.get(letter)
    if number is None or width > 4:
        raise ValueError(f"circle writes no {letters!r} in a day")
    if width <= 2 and letter != "E":
        return f"{number:0{width}d}"
    # One to three E's are the short weekday, as in Babel; four letters are the whole name.
    return names[_NAMED[letter]][WIDTHS[width == 4]][number - 1]


@cache
def _names(code: str) -> dict[str, dict[str, list[str]]]:
    """A language's names, read once: the facilitator's language is all most processes ever read."""
    path = LOCALE_DIR / code / FILE
    try:
        names = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DaysMissing(f"circle has no names of days for {code!r} ({path}): reinstall it, or run `make i18n`") from error
    if not _whole(names):
        raise DaysMissing(f"circle's names of days for {code!r} are incomplete ({path}): run `make i18n`")
    return names


def _whole(names: object) -> bool:
    return isinstance(names, dict) and all(
        isinstance(names.get(kind), dict)
        and all(
            isinstance(names[kind].get(width), list)
            and len(names[kind][width]) == count
            and all(isinstance(name, str) for name in names[kind][width])
            for width in WIDTHS
        )
        for kind, count in COUNTS.items()
    )
