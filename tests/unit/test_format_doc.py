"""docs/FORMAT.md is a specification: it names every migration, every event's data and every rule, exactly."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from itertools import takewhile
from pathlib import Path

from circle.domain.notes import Note, NoteKind
from circle.domain.rules import ConfidentialityRules
from circle.domain.session.schema import EVENT_SCHEMA
from circle.store.db import MIGRATIONS
from circle.store.note_body import body_of

FORMAT = (Path(__file__).resolve().parents[2] / "docs" / "FORMAT.md").read_text(encoding="utf-8")


def table_after(header: str) -> list[list[str]]:
    """The cells of each row of the Markdown table that starts with `header`."""
    lines = FORMAT[FORMAT.index(header) :].splitlines()[2:]  # past the header and its |---| line
    rows = takewhile(lambda line: line.startswith("|"), lines)
    return [[cell.strip() for cell in row.strip("|").split(" | ")] for row in rows]


def names(cell: str) -> set[str]:
    """The backticked names in a cell, leaving out what its parentheses say about them."""
    return set(re.findall(r"`([^`]+)`", re.sub(r"\([^)]*\)", "", cell)))


def test_every_migration_is_listed_in_order():
    assert [names(row[0]).pop() for row in table_after("| Name | What it does |")] == [name for name, _ in MIGRATIONS]
    assert f"vault schema `{MIGRATIONS[-1][0]}`" in FORMAT


def test_every_event_kind_is_listed_with_exactly_its_data_members():
    documented = {}
    for kinds, members in table_after("| Kind | Members of `data` |"):
        for kind in names(kinds):
            documented[kind] = names(members)
    assert documented == {str(kind): {field.name for field in fields} for kind, fields in EVENT_SCHEMA.items()}


def test_every_rules_member_is_in_the_example_and_the_table():
    members = set(ConfidentialityRules().to_dict())
    rows = table_after("| Member | Type | Rule |\n|---|---|---|\n| `names`")
    assert {names(row[0]).pop() for row in rows} == members
    example = FORMAT[FORMAT.index("### 6.2") :].split("```")[1]
    assert set(re.findall(r'"(\w+)":', example)) == members


def test_a_notes_sealed_body_is_listed_with_exactly_its_members():
    note = Note("n", "g", NoteKind.SAFETY, datetime(2026, 3, 2, 19, 0, tzinfo=UTC), date(2026, 5, 31))
    rows = table_after("| Member | Type | Meaning |\n|---|---|---|\n| `action`")
    assert [names(row[0]).pop() for row in rows] == sorted(body_of(note))
