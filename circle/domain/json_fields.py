"""Reading JSON that came from outside (another laptop, a file on disk) one bounded field at a time.

Each reader returns the value when it has exactly the type and bounds asked for, and raises FieldError
otherwise. FieldError is a ValueError whose one line names what was wrong, never the value: what is read
may hold a name or a note. Callers turn it into their own error with the wording a person sees.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from datetime import date, datetime
from typing import Any, NoReturn, TypeVar

T = TypeVar("T")


class FieldError(ValueError):
    """A field missing, of the wrong type or out of bounds."""


def _refuse(what: str) -> NoReturn:
    raise FieldError(what)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    value = dict(pairs)
    if len(value) != len(pairs):
        _refuse("a key appears twice")
    return value


def _no_constant(_: str) -> NoReturn:
    _refuse("NaN and Infinity are not JSON")


def load_json(data: bytes, *, max_bytes: int | None = None) -> Any:
    """UTF-8 JSON as circle writes it: no key twice, no NaN or Infinity, and no longer than `max_bytes`."""
    if max_bytes is not None and len(data) > max_bytes:
        _refuse("too long")
    try:
        return json.loads(bytes(data).decode("utf-8"), object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise FieldError("not JSON") from error


def exact_object(value: Any, keys: Collection[str]) -> dict[str, Any]:
    """An object with exactly these keys, no fewer and no more."""
    if not isinstance(value, dict) or set(value) != set(keys):
        _refuse("not an object with the expected keys")
    return value


def items(value: Any, *, most: int) -> list[Any]:
    """A list of at most `most` items (each is read by the caller)."""
    if not isinstance(value, list) or len(value) > most:
        _refuse("not a list, or too long")
    return value


def text(value: Any, *, max_len: int | None = None, min_len: int = 0) -> str:
    if not isinstance(value, str) or len(value) < min_len or (max_len is not None and len(value) > max_len):
        _refuse("not text of the expected length")
    return value


def integer(value: Any, *, low: int | None = 0, high: int | None = None) -> int:
    """A whole number between `low` and `high` (inclusive; None: unbounded). JSON's true is not one."""
    if type(value) is not int or (low is not None and value < low) or (high is not None and value > high):
        _refuse("not a whole number in range")
    return value


def number(value: Any, *, low: float, high: float = 1e12) -> float:
    """Any JSON number between `low` and `high` (inclusive), as a float."""
    # Bounded before any float(): a whole number with hundreds of digits is valid JSON that no float holds.
    # NaN and the infinities fail the bounds too.
    if type(value) not in (int, float) or not low <= value <= high:
        _refuse("not a number in range")
    return float(value)


def day(value: Any) -> date:
    """A date in its one ISO spelling (fromisoformat alone also reads 20260105)."""
    try:
        found = date.fromisoformat(value)
    except (TypeError, ValueError):
        _refuse("not a date")
    if found.isoformat() != value:
        _refuse("not a date")
    return found


def moment(value: Any) -> datetime:
    """A time with its timezone, in the ISO spelling circle writes."""
    try:
        found = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        _refuse("not a moment")
    if found.tzinfo is None or found.isoformat() != value:
        _refuse("not a moment")
    return found


def optional(read: Callable[[Any], T], value: Any) -> T | None:
    """None stays None; anything else must pass `read`."""
    return None if value is None else read(value)
