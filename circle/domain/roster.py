"""Reading a roster from CSV: a `name` column, and optionally `joined` (YYYY-MM-DD)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from circle.domain.errors import InvalidInput
from circle.domain.rules import MEMBER_NAME_MAX
from circle.domain.text import sanitise_line
from circle.language import _, ngettext

if TYPE_CHECKING:
    from csv import DictReader


@dataclass(frozen=True)
class RosterEntry:
    name: str
    joined_on: date | None


def parse_roster_csv(text: str) -> list[RosterEntry]:
    """All rows or none: a bad row stops the import and is named by its line number."""
    import csv  # loaded when a roster file is read, not by the groups and meetings that import RosterEntry

    # newline="": the csv module reads line ends itself, a lone carriage return (old Mac files) included.
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        return _read_rows(reader)
    except csv.Error:
        # A cell over the csv module's size limit, say: the message never repeats the file's content.
        raise InvalidInput(_("The CSV could not be read: a cell is far too long. Nothing was imported.")) from None


def _read_rows(reader: DictReader[str]) -> list[RosterEntry]:
    columns = {(column or "").strip().lower(): column for column in (reader.fieldnames or [])}
    if "name" not in columns:
        raise InvalidInput(_("The CSV has no 'name' column."))
    joined_column = columns.get("joined")
    entries: list[RosterEntry] = []
    bad: list[str] = []
    for row in reader:
        line = reader.line_num
        name = sanitise_line(row.get(columns["name"]) or "")
        joined_text = (row.get(joined_column) or "").strip() if joined_column else ""
        if not name:
            bad.append(_("line {line}: empty name").format(line=line))
            continue
        if len(name) > MEMBER_NAME_MAX:
            bad.append(
                _("line {line}: a name may be at most {most} characters").format(line=line, most=MEMBER_NAME_MAX)
            )
            continue
        try:
            joined = date.fromisoformat(joined_text) if joined_text else None
        except ValueError:
            bad.append(_("line {line}: 'joined' is not a YYYY-MM-DD date").format(line=line))
            continue
        entries.append(RosterEntry(name, joined))
    if bad:
        shown = "; ".join(bad[:3])
        if len(bad) > 3:
            raise InvalidInput(
                ngettext(
                    "The CSV has bad rows, nothing was imported: {rows} (and {count} more).",
                    "The CSV has bad rows, nothing was imported: {rows} (and {count} more).",
                    len(bad) - 3,
                ).format(rows=shown, count=len(bad) - 3)
            )
        raise InvalidInput(_("The CSV has bad rows, nothing was imported: {rows}.").format(rows=shown))
    if not entries:
        raise InvalidInput(_("The CSV has no rows to import."))
    return entries
