"""A roster CSV from a spreadsheet: any text is a list of clean names, or InvalidInput in one line."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from circle.domain.errors import InvalidInput
from circle.domain.roster import parse_roster_csv
from circle.domain.rules import MEMBER_NAME_MAX
from tests.fuzz.checks import fuzz, is_clean_line, raises_only
from tests.fuzz.strategies import HOSTILE_PIECES, byte_edits, hostile_name, hostile_text, mutated

cells = hostile_name | st.sampled_from(["", "2026-01-05", "2026-13-01", "0001-01-01", "9999-12-31", "2026-W01-1"])
csv_like_text = st.lists(st.sampled_from([*HOSTILE_PIECES, "name", "joined", ","]), max_size=20).map("".join)
# Line ends as spreadsheets write them, and as no spreadsheet should.
line_ends = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\u2028"])


def _written(header: list[str], rows: list[list[str]], end: str) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator=end).writerows([header, *rows])
    return out.getvalue()


def _read(text: str) -> None:
    entries = raises_only(InvalidInput, lambda: parse_roster_csv(text))
    for entry in entries or ():
        assert is_clean_line(entry.name) and 1 <= len(entry.name) <= MEMBER_NAME_MAX


@fuzz(300)
@given(text=hostile_text | csv_like_text)
def test_any_text_is_a_roster_or_refused_in_one_line(text: str) -> None:
    _read(text)


@fuzz(150)
@given(
    header=st.permutations(["name", "joined", "notes"]).map(list) | st.lists(cells | st.just(" Name "), max_size=3),
    rows=st.lists(st.lists(cells, max_size=4), max_size=6),
    end=line_ends,
)
def test_any_spreadsheet_of_names_and_dates_is_read_whole_or_refused_whole(header, rows, end) -> None:
    _read(_written(header, rows, end))


@fuzz(200)
@given(names=st.lists(hostile_name, min_size=1, max_size=5), edits=byte_edits)
def test_a_roster_file_damaged_anywhere_is_read_or_refused_in_one_line(names: list[str], edits) -> None:
    data = _written(["name", "joined"], [[name, "2026-01-05"] for name in names], "\r\n").encode("utf-8")
    try:
        text = mutated(data, edits).decode("utf-8-sig")
    except UnicodeDecodeError:
        return  # refused before it is parsed: the import reads UTF-8 text only
    _read(text)
