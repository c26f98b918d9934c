"""The tabs of a group's settings, in order, and the function key of each: F1 is the first."""

from __future__ import annotations

TABS = ("roster", "format", "when", "agreements", "rules", "crisis", "facilitators")


def tab_key(tab: str) -> str:
    """The key that opens `tab`, as a screen says it: "F6"."""
    return f"F{TABS.index(tab) + 1}"
