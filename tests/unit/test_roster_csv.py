"""Rosters from CSV: all rows or none, and a bad row is named by its line."""

from __future__ import annotations

from datetime import date

import pytest

from circle.domain.errors import InvalidInput
from circle.domain.roster import RosterEntry, parse_roster_csv


def test_names_and_join_dates_are_read():
    assert parse_roster_csv("name,joined\nAda Lovelace,2024-03-01\nGrace Hopper,\n") == [
        RosterEntry("Ada Lovelace", date(2024, 3, 1)),
        RosterEntry("Grace Hopper", None),
    ]


def test_the_joined_column_is_optional_and_headers_ignore_case_and_spaces():
    assert parse_roster_csv(" Name ,notes\nAda,likes tea\n") == [RosterEntry("Ada", None)]


def test_a_byte_order_mark_before_the_header_is_ignored():
    assert parse_roster_csv("\ufeffname\nAda\n") == [RosterEntry("Ada", None)]


@pytest.mark.parametrize(
    ("csv_text", "reason"),
    [
        pytest.param("first,last\nAda,Lovelace\n", "no 'name' column", id="a csv without a name column"),
        pytest.param("", "no 'name' column", id="an empty file, for its missing name column"),
        pytest.param("name,joined\n", "no rows", id="a header without rows"),
        pytest.param(
            "name,joined\nAda,2024-01-01\nGrace,01/02/2024\n",
            "line 3: 'joined' is not a YYYY-MM-DD date",
            id="a bad date, named by its line",
        ),
        pytest.param("name,joined\n  ,2024-01-01\nAda,\n", "line 2: empty name", id="an empty name, named by its line"),
        pytest.param("name\n\x1b\u202e\n", "line 2: empty name", id="a name of only control characters"),
    ],
)
def test_a_roster_that_cannot_be_read_is_refused_with_the_reason(csv_text: str, reason: str):
    with pytest.raises(InvalidInput, match=reason):
        parse_roster_csv(csv_text)


def test_one_bad_row_anywhere_means_nothing_is_imported():
    good_rows = "".join(f"Person {n},2024-01-01\n" for n in range(50))
    with pytest.raises(InvalidInput, match="nothing was imported: line 52") as caught:
        parse_roster_csv(f"name,joined\n{good_rows}Last,never\n")
    assert "\n" not in str(caught.value)


def test_many_bad_rows_are_summarised_in_one_line():
    with pytest.raises(InvalidInput) as caught:
        parse_roster_csv("name\n" + "\n".join(" " for _ in range(5)) + "\nAda\n")
    message = str(caught.value)
    assert "line 2" in message and "line 4" in message and "(and 2 more)" in message
    assert "\n" not in message


def test_names_are_sanitised_as_they_are_read():
    assert parse_roster_csv('name\n"Ada \x1b[31m\nLovelace"\n') == [RosterEntry("Ada [31m Lovelace", None)]


def test_a_name_longer_than_the_cap_is_named_by_its_line_and_nothing_is_imported():
    with pytest.raises(InvalidInput, match="line 3: a name may be at most 80 characters"):
        parse_roster_csv("name\nAda\n" + "x" * 81 + "\n")
