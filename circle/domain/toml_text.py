"""Writing TOML values by the rules of TOML 1.0, and finding the line a key was read from.

circle writes only small, flat files (a format to share), so a writer of its own: basic strings escaped, never
pasted in. tomllib reads them back.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

# The escapes TOML names. Every other control character, and what a terminal or an editor could hide or
# break a line on (format characters, line and paragraph separators), is written as a \u escape.
_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _escaped(char: str) -> str:
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
        return f"\\u{ord(char):04X}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08X}"
    return char


def basic_string(text: str) -> str:
    """`text` as a TOML basic string, on one line whatever it holds. A lone surrogate cannot be written
    in UTF-8 at all, so it is refused here rather than by the encoder later."""
    if any(0xD800 <= ord(char) <= 0xDFFF for char in text):
        raise ValueError("a lone surrogate is not text")
    return '"' + "".join(_escaped(char) for char in text) + '"'


def value(item: Any) -> str:
    """A TOML value for the few kinds circle writes: text, whole and decimal numbers, dates, true/false,
    and arrays of those."""
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, str):
        return basic_string(item)
    if isinstance(item, int):
        return str(item)
    if isinstance(item, float):
        return repr(item)  # finite numbers only reach here; repr reads back as the same float
    if isinstance(item, date):
        return item.isoformat()
    if isinstance(item, (list, tuple)):
        return "[" + ", ".join(value(each) for each in item) + "]"
    raise TypeError(f"no TOML for {type(item).__name__}")


def key_value(key: str, item: Any) -> str:
    """One `key = value` line; keys are circle's own bare names."""
    assert re.fullmatch(r"[A-Za-z0-9_-]+", key), key
    return f"{key} = {value(item)}"


_ARRAY_HEADER = re.compile(r"\s*\[\[\s*([A-Za-z0-9_-]+)\s*\]\]\s*(#.*)?$")
_TABLE_HEADER = re.compile(r"\s*\[\s*([A-Za-z0-9_-]+)\s*\]\s*(#.*)?$")
_KEY = re.compile(r"\s*\"?([A-Za-z0-9_-]+)\"?\s*=")


def line_of(text: str, table: str | None, index: int | None = None, key: str | None = None) -> int | None:
    """The line (from 1) of `key` in `table` (its `index`-th, from 0, for an array of tables), or of the
    table's header when no key is given or it is not found; of a top-level key when `table` is None.

    A simple reading, line by line: good for files as circle writes and people edit them. A file laid out
    otherwise (inline tables, dotted keys) gets the nearest line found, or None."""
    current: tuple[str | None, int] = (None, 0)
    seen: dict[str, int] = {}
    header_line = None
    for number, line in enumerate(text.splitlines(), 1):
        if array := _ARRAY_HEADER.match(line):
            name = array.group(1)
            seen[name] = seen.get(name, -1) + 1
            current = (name, seen[name])
        elif plain := _TABLE_HEADER.match(line):
            current = (plain.group(1), 0)
        else:
            found = _KEY.match(line)
            if key is not None and found and found.group(1) == key and current == (table, index or 0):
                return number
            continue
        if current == (table, index or 0) and header_line is None:
            header_line = number
    return header_line
