"""circle writes days from its own tables of CLDR's names, exactly as Babel writes them, without loading Babel.

The tables are written from Babel by `make i18n` (circle/language/write_days.py); these tests hold every pattern
the code writes a day in, in every language circle speaks, to Babel's own `format_date`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from babel.dates import format_date

from circle.language import LANGUAGES, days
from circle.language.days import SHORT, DaysMissing, day_in
from circle.language.write_days import table

CODE = Path(__file__).resolve().parents[2] / "circle"
# Two whole years, the second a leap year: every weekday of every month, 29 February and both year ends.
YEARS = [date(2027, 1, 1) + timedelta(days=offset) for offset in range((date(2029, 1, 1) - date(2027, 1, 1)).days)]


def _constants(tree: ast.Module) -> dict[str, str]:
    return {
        target.id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def patterns_in_the_code() -> set[str]:
    """Every pattern a `day_in(...)` in circle writes a day in: a literal, a module's constant, or the default."""
    found, unknown = set(), []
    for path in CODE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = _constants(tree)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "day_in"):
                continue
            given = node.args[2] if len(node.args) > 2 else None
            if given is None:
                found.add(SHORT)
            elif isinstance(given, ast.Constant):
                found.add(given.value)
            elif isinstance(given, ast.Name) and given.id in constants:
                found.add(constants[given.id])
            else:
                unknown.append(f"{path.name}:{node.lineno}")
    assert unknown == [], "write these patterns as literals or module constants, so this test can read them"
    return found


PATTERNS = sorted(patterns_in_the_code())


def test_the_code_writes_days_in_the_patterns_circle_is_known_to_use() -> None:
    assert {"EEE dd MMM", "dd MMM", "EEE dd MMM yyyy", "EEE dd MMM y", "MMM yy", "y-QQQ", "QQQ yy", "EEEE"} <= set(
        PATTERNS
    )


@pytest.mark.parametrize("code", sorted(LANGUAGES))
@pytest.mark.parametrize("pattern", PATTERNS)
def test_each_pattern_writes_every_day_of_two_years_as_babel_does(code: str, pattern: str) -> None:
    written = {day: day_in(code, day, pattern) for day in YEARS}
    differ = [(day, words) for day, words in written.items() if words != format_date(day, pattern, locale=code)]
    assert differ == []


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_each_languages_shipped_names_are_what_babel_gives_now(code: str) -> None:
    shipped = (days.LOCALE_DIR / code / days.FILE).read_text(encoding="utf-8")
    assert shipped == table(code), "run `make i18n`"


@pytest.fixture
def names_in(monkeypatch, tmp_path: Path) -> Iterator[Path]:
    """Names read from `tmp_path` instead of the shipped folder, read afresh."""
    monkeypatch.setattr(days, "LOCALE_DIR", tmp_path)
    days._names.cache_clear()
    yield tmp_path
    days._names.cache_clear()


def test_a_language_whose_names_are_missing_fails_with_a_clear_error(names_in: Path) -> None:
    with pytest.raises(DaysMissing, match="no names of days for 'es'.*make i18n"):
        day_in("es", date(2027, 3, 2))


def test_names_cut_short_fail_with_a_clear_error(names_in: Path) -> None:
    (names_in / "es").mkdir()
    (names_in / "es" / days.FILE).write_text('{"weekdays": {"abbreviated": ["lun"]}}', encoding="utf-8")
    with pytest.raises(DaysMissing, match="incomplete"):
        day_in("es", date(2027, 3, 2))


@pytest.mark.parametrize("pattern", ["EEEEE", "HH:mm", "d 'de' MMMM", "G y"])
def test_a_pattern_circle_does_not_write_is_refused_rather_than_guessed(pattern: str) -> None:
    with pytest.raises(ValueError, match="circle writes no"):
        day_in("en", date(2027, 3, 2), pattern)
