"""Checks of a value circle keeps to save work (a trend history, a group's period counts), made in bulk as it is
read: only a holder of the group's key can seal one, but one that does not hold together must make nothing fail.
Each failed check is a ValueError, and what the value stood for is worked out again from the meetings."""

from __future__ import annotations

from typing import Any


def all_of(values: list[Any], kind: type) -> bool:
    """Every value of exactly this type (so True is not an int here), checked at C speed: there are many."""
    return not values or set(map(type, values)) == {kind}


def require_counts(values: list[Any]) -> None:
    require(not values or (all_of(values, int) and min(values) >= 0))


def require_places(values: list[Any], size: int) -> None:
    """Each value a position in a list of `size`."""
    require(not values or (all_of(values, int) and min(values) >= 0 and max(values) < size))


def require(holds: bool) -> None:
    if not holds:
        raise ValueError("a kept value that does not hold together")
