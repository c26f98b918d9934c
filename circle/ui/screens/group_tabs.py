"""The tabs of a group's settings, in order, and the function key of each: F1 is the first."""

from __future__ import annotations

from circle.language import N_

TABS = ("roster", "format", "when", "agreements", "rules", "crisis", "facilitators")
# Each tab's title in English, marked for the catalog; shown with `_`.
TAB_TITLES = {
    "roster": N_("Roster"),
    "format": N_("Format"),
    "when": N_("When"),
    "agreements": N_("Agreements"),
    "rules": N_("Rules"),
    "crisis": N_("Crisis"),
    "facilitators": N_("Facilitators"),
}


def tab_key(tab: str) -> str:
    """The key that opens `tab`, as a screen says it: "F6"."""
    return f"F{TABS.index(tab) + 1}"
