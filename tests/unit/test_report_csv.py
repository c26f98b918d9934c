"""A report's CSV is written a column at a time, and reads back as Python's csv module writes and reads it."""

from __future__ import annotations

import csv
import io
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from circle.reports.render import Column, Format, Kind, _spreadsheet_cell, csv_of_columns, render

COLUMNS = (Column("group", "group", Kind.TEXT), Column("held", "held"), Column("mean", "mean", Kind.LEVEL),
           Column("rate", "rate", Kind.RATE))
AWKWARD = ['Tuesday, "late" group', "two\nlines", "a\rreturn", '"', ",", "", "=SUM(A1)", "-1", "plain", "café ☕"]


def as_the_csv_module_writes(rows: list[list[Any]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().rstrip("\r\n")


def test_awkward_names_are_quoted_where_they_must_be_and_read_back_as_they_were_never_as_formulas() -> None:
    values = [AWKWARD, [3] * len(AWKWARD), [2.5] * len(AWKWARD), [None] * len(AWKWARD)]
    written = csv_of_columns(COLUMNS, values)
    header, *rows = list(csv.reader(io.StringIO(written, newline="")))
    assert header == ["group", "held", "mean", "rate"]
    assert [row[0] for row in rows] == [
        'Tuesday, "late" group', "two\nlines", "areturn", '"', ",", "", "'=SUM(A1)", "'-1", "plain", "café ☕"
    ]
    assert all(row[1:] == ["3", "2.5", ""] for row in rows)


@given(st.lists(st.tuples(
    st.text(max_size=8) | st.sampled_from(AWKWARD),
    st.none() | st.integers(min_value=0, max_value=30) | st.sampled_from(["<3", "10 to 11"]),
    st.none() | st.floats(min_value=0, max_value=50, allow_nan=False),
    st.none() | st.floats(min_value=0, max_value=1),
), max_size=12))
def test_a_report_as_csv_is_what_the_csv_module_writes_of_its_cells(rows: list[tuple[Any, ...]]) -> None:
    header = [column.key for column in COLUMNS]
    made = render([dict(zip(header, row, strict=True)) for row in rows], COLUMNS, Format.CSV)
    assert made == as_the_csv_module_writes([header, *(cells_for_a_spreadsheet(row) for row in rows)])


def cells_for_a_spreadsheet(row: tuple[Any, ...]) -> list[str]:
    """Each cell as a spreadsheet is given it (never a formula, a fraction without trailing zeros), unquoted."""
    return [_spreadsheet_cell(value, column.kind) for value, column in zip(row, COLUMNS, strict=True)]


def test_a_report_of_one_column_quotes_an_empty_cell_so_that_its_line_is_still_read() -> None:
    written = csv_of_columns([COLUMNS[0]], [["", "a"]])
    assert written == as_the_csv_module_writes([["group"], [""], ["a"]])
    assert list(csv.reader(io.StringIO(written, newline=""))) == [["group"], [""], ["a"]]
