"""What the fuzz tests throw at circle: hostile text, arbitrary JSON, and mutations of real inputs."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from tests.fuzz.checks import BIDI_CONTROLS

# --------------------------------------------------------------------------- text

# Pieces that have broken terminal apps before: markup, escapes, direction overrides, marks, wide and astral.
HOSTILE_PIECES = (
    "[bold]", "[/]", "[/bold]", "[@click=app.quit]", "[link=https://example.org]", "[b]x[/b]", "\\[", "]",
    "\x1b[2J", "\x1b[31m", "\x1b]8;;http://x\x07", "\x1b]52;c;cm0gLXJmIH4=\x07", "\x9b2J", "\x85", "\x00", "\x7f",
    "\r", "\n", "\t", "\r\n", "\x0b", "\x0c", "\u2028", "\u2029", "\u00a0", "\u3000",
    *BIDI_CONTROLS,
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",
    "e\u0301", "\u0301", "\u0308" * 5, "q\u0307",
    "𝕬", "🌻", "👩🏽‍🦱", "👨‍👩‍👧", "🏳️‍🌈", "\U0010fffd", "\U000e0041",
    "李小龙", "مرحبا", "Ἀθηνᾶ", "Zoë",
    '"', "'", ",", ";", "=", "#", "{", "}", "%s", "{0}", "\\", "/", "..", "~",
)

any_character = st.characters(codec="utf-8")  # every code point but the lone surrogates


def _repeated(piece: str, times: int) -> str:
    return piece * times


hostile_text = st.one_of(
    st.text(any_character),
    st.lists(st.sampled_from(HOSTILE_PIECES) | st.text(any_character, max_size=4), max_size=12).map("".join),
    # Far longer than anything typed: a paste of a page, or of a whole file.
    st.builds(_repeated, st.text(any_character, min_size=1, max_size=8), st.integers(100, 3_000)),
)
# A name as people write it, with a hostile piece somewhere in it.
hostile_name = st.builds(
    "{}{}{}".format,
    st.sampled_from(["Ada", "Ada Lovelace", "  sam ", "李小龙", ""]),
    st.sampled_from(HOSTILE_PIECES),
    st.sampled_from(["", " King", "Lovelace", "🌻"]),
) | hostile_text


# --------------------------------------------------------------------------- JSON

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**400), max_value=10**400),  # beyond any float
    st.floats(),  # NaN and infinities too: Python's json writes and reads them
    st.sampled_from([float("inf"), float("-inf"), float("nan"), 10**400, -1, 0, 0.5, 1.5, 1e308, True, False]),
    hostile_text,
    st.sampled_from(["", "open", "closed", "2026-01-05", "2026-01-05T19:00:00+00:00", "first_name", "sharing"]),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
json_objects = st.dictionaries(st.text(max_size=12), json_values, max_size=6)


def json_round_trip(value: Any) -> Any:
    """The value as a reader gets it back from a file (tuples become lists, and so on)."""
    return json.loads(json.dumps(value))


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every place inside a JSON value, the root included."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


@dataclass(frozen=True)
class JsonEdit:
    where: float  # which place, as a fraction of all places (so the edit does not depend on the value)
    how: str  # "replace", "delete" or "add"
    value: Any
    key: str

    def apply(self, root: Any) -> Any:
        # The root itself only when there is nothing inside it: replacing everything finds little.
        paths = _paths(root)[1:] or [()]
        path = paths[int(self.where * len(paths)) % len(paths)]
        if not path:
            return json_round_trip(self.value) if self.how == "replace" else root
        parent = root
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1]
        if self.how == "delete":
            del parent[last]
        elif self.how == "add" and isinstance(parent, dict):
            parent[self.key] = json_round_trip(self.value)
        elif self.how == "add":
            parent.insert(last, json_round_trip(self.value))
        else:
            parent[last] = json_round_trip(self.value)
        return root


json_edits = st.lists(
    st.builds(
        JsonEdit,
        where=st.floats(0, 1, exclude_max=True),
        how=st.sampled_from(["replace", "replace", "delete", "add"]),
        value=json_values,
        key=st.text(max_size=12),
    ),
    min_size=1,
    max_size=3,
)


def edited(value: Any, edits: list[JsonEdit]) -> Any:
    """A copy of a JSON value with the edits made, in order."""
    root = json_round_trip(value)
    for edit in edits:
        root = edit.apply(root)
    return root


# --------------------------------------------------------------------------- bytes


@dataclass(frozen=True)
class ByteEdit:
    where: float  # a fraction of the length, so that one edit fits inputs of any size
    how: str  # "flip", "insert", "delete", "truncate" or "repeat"
    mask: int
    extra: bytes
    span: int

    def apply(self, data: bytes) -> bytes:
        at = int(self.where * len(data))
        if self.how == "flip" and data:
            at = min(at, len(data) - 1)
            return data[:at] + bytes([data[at] ^ self.mask]) + data[at + 1 :]
        if self.how == "insert":
            return data[:at] + self.extra + data[at:]
        if self.how == "delete":
            return data[:at] + data[at + self.span :]
        if self.how == "truncate":
            return data[:at]
        if self.how == "repeat":
            return data[:at] + data[at : at + self.span] * 2 + data[at + self.span :]
        return data


byte_edits = st.lists(
    st.builds(
        ByteEdit,
        where=st.floats(0, 1, exclude_max=True),
        how=st.sampled_from(["flip", "flip", "insert", "delete", "truncate", "repeat"]),
        mask=st.integers(1, 255),
        extra=st.binary(min_size=1, max_size=16),
        span=st.integers(1, 40),
    ),
    min_size=1,
    max_size=4,
)


def mutated(data: bytes, edits: list[ByteEdit]) -> bytes:
    for edit in edits:
        data = edit.apply(data)
    return data
