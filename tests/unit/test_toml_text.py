"""circle's TOML writer: whatever text it is given reads back the same through tomllib, on one line."""

from __future__ import annotations

import tomllib
import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from circle.domain.toml_text import basic_string, key_value, line_of

# Every code point but lone surrogates, which no UTF-8 file can hold; controls, quotes and backslashes included.
TEXT = st.text(st.characters(exclude_categories=["Cs"]))


@given(TEXT)
def test_any_text_reads_back_unchanged_on_one_line_of_printable_characters(text: str):
    line = key_value("topic", text)
    # Nothing a terminal would act on or an editor hide: every control and invisible character is escaped.
    assert not any(unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") for char in line)
    assert tomllib.loads(line) == {"topic": text}


@pytest.mark.parametrize(
    "text",
    ['"', "\\", '\\"', "a\nb", "\r\n", "\x1b[31mred", "\x00", "\x7f", "\u2028", "tab\there", '"""', "'''", "é🏴󠁧󠁢󠁳󠁣󠁴󠁿"],
)
def test_quotes_backslashes_escapes_and_odd_unicode_read_back(text: str):
    assert tomllib.loads(key_value("t", text))["t"] == text


def test_a_lone_surrogate_is_refused_before_it_reaches_a_file():
    with pytest.raises(ValueError):
        basic_string("\ud800")


def test_numbers_dates_and_lists_read_back_as_they_were():
    lines = [key_value("a", 1), key_value("b", 1.5), key_value("c", date(2026, 1, 6)), key_value("d", ["x", "y"]),
             key_value("e", True)]
    assert tomllib.loads("\n".join(lines)) == {"a": 1, "b": 1.5, "c": date(2026, 1, 6), "d": ["x", "y"], "e": True}


TEXT_WITH_TABLES = """version = 1
round_order = "roster"

[[part]]
kind = "opening"
minutes = 10

[[part]]
kind = "sharing"
  minutes = 500

[schedule]
weekday = 1
"""


def test_the_line_of_a_key_is_found_in_its_table_and_its_place_among_tables_of_the_same_name():
    assert line_of(TEXT_WITH_TABLES, "part", 1, "minutes") == 10
    assert line_of(TEXT_WITH_TABLES, "part", 0, "minutes") == 6
    assert line_of(TEXT_WITH_TABLES, None, None, "round_order") == 2
    assert line_of(TEXT_WITH_TABLES, "schedule", None, "weekday") == 13
    assert line_of(TEXT_WITH_TABLES, "schedule", None, "start") == 12  # missing: its table's header
    assert line_of(TEXT_WITH_TABLES, "part", 5, "minutes") is None
