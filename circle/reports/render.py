"""Rows of counts as a terminal table, CSV, Markdown or JSON: the one way circle prints a report."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from circle.domain.text import sanitise
from circle.language import _

MISSING = "–"  # not known, or withheld: never shown as 0
# What Markdown would read as emphasis, code, a link or an HTML tag: a name must stay a name. A "<"
# before a digit ("<3") opens nothing and is left as it is.
_MARKDOWN_ACTIVE = re.compile(r"[\\`*_\[\]~]|<(?=[A-Za-z/!?])")
# A spreadsheet runs a cell that starts with one of these as a formula; a group's name must never be one.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Format(StrEnum):
    TABLE = "table"
    CSV = "csv"
    JSON = "json"
    MARKDOWN = "markdown"


class Kind(StrEnum):
    TEXT = "text"
    COUNT = "count"
    LEVEL = "level"  # a mean or median: one decimal
    RATE = "rate"  # 0 to 1: a percentage on screen, a fraction in CSV


@dataclass(frozen=True)
class Column:
    key: str  # what CSV and JSON call it, the same in every language
    title: str  # marked with N_, shown in the facilitator's language
    kind: Kind = Kind.COUNT


def _shown(value: Any, kind: Kind) -> str:
    """A cell for people to read. Suppressed counts ("<3") are strings and pass through as they are."""
    if value is None:
        return MISSING
    if isinstance(value, str):
        return _one_line(value)
    if kind is Kind.RATE:
        return f"{value:.0%}"
    if kind is Kind.LEVEL:
        return f"{value:.1f}"
    return str(value)


def _clean(text: str) -> str:
    # Printable ASCII has nothing to remove; a report repeats the same few names on a great many rows.
    return text if text.isascii() and text.isprintable() else sanitise(text)


def _one_line(text: str) -> str:
    return _clean(text).replace("\n", " ").replace("\t", " ").replace("|", "/")


def markdown_text(text: str) -> str:
    """User text for a Markdown document: one line, no table breaks, nothing a renderer acts on."""
    return _MARKDOWN_ACTIVE.sub(lambda found: "\\" + found.group(), _one_line(text))


def _spreadsheet_cell(value: Any, kind: Kind) -> str:
    if value is None:
        return ""
    if type(value) is int:  # most cells: a count
        return str(value)
    if isinstance(value, str):
        text = _clean(value)
        return f"'{text}" if text.startswith(_FORMULA_STARTS) else text
    if kind is Kind.RATE or kind is Kind.LEVEL:
        return _fraction(value)
    return str(value)


def _fraction(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _table(rows: Sequence[Mapping[str, Any]], columns: Sequence[Column]) -> str:
    cells = [[_shown(row.get(column.key), column.kind) for column in columns] for row in rows]
    titles = [_(column.title) for column in columns]
    widths = [max([len(titles[i]), *(len(line[i]) for line in cells)]) for i in range(len(columns))]

    def line(values: Sequence[str]) -> str:
        parts = [
            value.ljust(width) if column.kind is Kind.TEXT else value.rjust(width)
            for value, width, column in zip(values, widths, columns, strict=True)
        ]
        return "  ".join(parts).rstrip()

    head = [line(titles), line(["-" * width for width in widths])]
    return "\n".join(head + [line(each) for each in cells])


def _markdown_cell(value: Any, kind: Kind) -> str:
    return markdown_text(value) if isinstance(value, str) else _shown(value, kind)


def _markdown(rows: Sequence[Mapping[str, Any]], columns: Sequence[Column]) -> str:
    head = "| " + " | ".join(markdown_text(_(column.title)) for column in columns) + " |"
    rule = "|" + "|".join("---" if column.kind is Kind.TEXT else "--:" for column in columns) + "|"
    body = ["| " + " | ".join(_markdown_cell(row.get(c.key), c.kind) for c in columns) + " |" for row in rows]
    return "\n".join([head, rule, *body])


# What makes a CSV writer quote a cell (RFC 4180, as Python's csv module writes it): the delimiter, the quote, or
# a line's end. A cell so quoted has each quote in it doubled.
_QUOTED = re.compile(r'[,"\r\n]')
_COUNTS_OR_BLANKS = frozenset({int, type(None)})
_FRACTIONS_OR_BLANKS = frozenset({float, type(None)})


def _csv_field(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"' if _QUOTED.search(cell) else cell


class _Fields(dict[Any, str]):
    """One column's CSV fields, each value's made once: a report of years repeats the same few again and again
    (counts, days, names, means, rates)."""

    def __init__(self, kind: Kind) -> None:
        super().__init__()
        self.kind = kind

    def __missing__(self, value: Any) -> str:
        made = self[value] = _csv_field(_spreadsheet_cell(value, self.kind))
        return made


class _Fractions(dict[float | None, str]):
    """A column of means or rates, floats and blanks only: a CSV quotes none of them, and a pulse's mean is
    seldom another period's, so each is made with as few steps as can be."""

    def __missing__(self, value: float | None) -> str:
        made = self[value] = "" if value is None else _fraction(value)
        return made


def _csv_column(values: list[Any], kind: Kind) -> list[str]:
    kinds = set(map(type, values))
    if (kind is Kind.RATE or kind is Kind.LEVEL) and kinds <= _FRACTIONS_OR_BLANKS:
        return list(map(_Fractions().__getitem__, values))
    made = _Fields(kind)
    if int in kinds and not kinds <= _COUNTS_OR_BLANKS:
        # Counts among other values (a lead's "<3"), kept apart from them: to a dict, 1 is 1.0 and True.
        return [str(value) if type(value) is int else made[value] for value in values]
    return list(map(made.__getitem__, values))  # at C speed, each field looked up


def csv_of_columns(columns: Sequence[Column], values: Sequence[list[Any]]) -> str:
    """CSV from a report's values column by column (`values[i]` for `columns[i]`), each field made once per column
    and the lines joined at C speed: a report of years has thousands of rows. Lines end in CRLF (RFC 4180, which
    every spreadsheet reads), the last one without."""
    fields = list(map(_csv_column, values, [column.kind for column in columns]))
    lines = [",".join(_csv_field(column.key) for column in columns), *map(",".join, zip(*fields, strict=True))]
    if len(columns) == 1:  # a line of one empty field is quoted, as it would otherwise read as no line at all
        lines = [line or '""' for line in lines]
    return "\r\n".join(lines)


def _csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[Column]) -> str:
    return csv_of_columns(columns, [[row.get(column.key) for row in rows] for column in columns])


def render(rows: Sequence[Mapping[str, Any]], columns: Sequence[Column], form: Format, *, document: Any = None) -> str:
    """The rows in the chosen form. JSON prints `document` (the report's documented shape), not the rows."""
    if form is Format.JSON:
        shaped = document if document is not None else list(rows)
        return json.dumps(shaped, ensure_ascii=False, indent=2, sort_keys=True)
    if form is Format.CSV:
        return _csv(rows, columns)
    if form is Format.MARKDOWN:
        return _markdown(rows, columns)
    return _table(rows, columns)
