"""Values read from the vault's clear columns. Anyone holding the file can write those, so each is taken only in
the type and range circle writes it in; anything else is damage, refused in one line that names the column."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import TypeVar

from circle.domain.clock import stored_moment
from circle.store.errors import ClearValueDamaged


E = TypeVar("E", bound=Enum)


def clear_whole_or_none(value: object, where: str) -> int | None:
    return None if value is None else clear_whole(value, where)


def clear_whole(value: object, where: str, *, lowest: int = 0) -> int:
    """A whole number of at least `lowest` (SQLite hands back a float, text or bytes as readily)."""
    if type(value) is not int or value < lowest:
        raise ClearValueDamaged(where)
    return value


def clear_day_or_none(value: object, where: str) -> date | None:
    return None if value is None else clear_day(value, where)


def clear_day(value: object, where: str) -> date:
    """A day spelt as circle writes it, YYYY-MM-DD."""
    try:
        found = date.fromisoformat(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ClearValueDamaged(where) from None
    if found.isoformat() != value:
        raise ClearValueDamaged(where)
    return found


def clear_moment_or_none(value: object, where: str) -> datetime | None:
    return None if value is None or value == "" else clear_moment(value, where)


def clear_moment(value: object, where: str) -> datetime:
    """A moment as circle writes it, or as an older circle took one in from a handoff (without its offset)."""
    try:
        return stored_moment(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ClearValueDamaged(where) from None


def clear_choice(value: object, choices: type[E], where: str) -> E:
    """One of an enumeration's values, as circle writes it."""
    try:
        return choices(value)
    except ValueError:
        raise ClearValueDamaged(where) from None


def clear_id_or_none(value: object, where: str) -> str | None:
    if value is not None and type(value) is not str:
        raise ClearValueDamaged(where)
    return value
