"""User text is data: one sanitiser, used on save and again on render."""

from __future__ import annotations

import unicodedata

# Bidirectional embeddings, overrides and isolates can make a name display as
# something else; they have no place in a name or a note.
_BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
_KEPT_CONTROLS = frozenset("\n\t")


def _is_dropped(char: str) -> bool:
    if char in _KEPT_CONTROLS:
        return False
    if char in _BIDI_CONTROLS:
        return True
    category = unicodedata.category(char)
    # Cc: C0 and C1 controls (ESC among them). Cs: lone surrogates, which cannot be encoded.
    return category in ("Cc", "Cs")


def sanitise(text: str) -> str:
    """Remove control characters (but newline and tab) and bidi controls; normalise to NFC."""
    cleaned = "".join(char for char in text if not _is_dropped(char))
    return unicodedata.normalize("NFC", cleaned)


def sanitise_line(text: str) -> str:
    """A single-line field such as a name: sanitised, whitespace folded, trimmed."""
    return " ".join(sanitise(text).split())


def initials(name: str) -> str:
    """'Ada Lovelace' -> 'A. L.'"""
    return " ".join(f"{part[0]}." for part in sanitise_line(name).split())


def first_name(name: str) -> str:
    parts = sanitise_line(name).split()
    return parts[0] if parts else ""
