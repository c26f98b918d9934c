"""User text is data: one sanitiser, used on save and again on render."""

from __future__ import annotations

import re
import unicodedata

# Bidirectional embeddings, overrides and isolates can make a name display as
# something else; they have no place in a name or a note.
_BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
_KEPT_CONTROLS = frozenset("\n\t")

# Format characters (category Cf: zero-width space, joiners, word joiner, byte-order mark, soft hyphen,
# invisible operators, tags…) show as nothing, so "Jo\u200b F." would look like "Jo F." on a roster.
# All are dropped but two uses that can be told apart from the characters around them:
# - a zero-width joiner between two pictographs, which joins an emoji sequence such as 👩‍👩‍👧;
# - tag characters after a black flag, ended by the cancel tag, which spell a flag such as 🏴󠁧󠁢󠁳󠁣󠁴󠁿.
# The joiners that shape Arabic and Indic letters are dropped too: the letters still read, if less finely.
_ZWJ = "\u200d"
_FLAG_TAGS = re.compile("\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f")
# unicodedata has no emoji property; the joined sequences of Unicode's emoji list use only these blocks.
_PICTOGRAPHS = ((0x2600, 0x27BF), (0x2B00, 0x2BFF), (0x1F000, 0x1FAFF))
# What may sit between a pictograph and its joiner: variation selectors and skin tones.
_EMOJI_MODIFIERS = frozenset("\ufe0e\ufe0f\U0001f3fb\U0001f3fc\U0001f3fd\U0001f3fe\U0001f3ff")


def _is_pictograph(char: str) -> bool:
    return any(low <= ord(char) <= high for low, high in _PICTOGRAPHS)


def _joins_emoji(text: str, at: int) -> bool:
    before = at - 1
    while before >= 0 and text[before] in _EMOJI_MODIFIERS:
        before -= 1
    return before >= 0 and at + 1 < len(text) and _is_pictograph(text[before]) and _is_pictograph(text[at + 1])


def _is_dropped(char: str) -> bool:
    if char in _KEPT_CONTROLS:
        return False
    # Cc: C0 and C1 controls (ESC among them). Cs: lone surrogates, which cannot be encoded.
    # Cf: format characters, bidi controls among them.
    return char in _BIDI_CONTROLS or unicodedata.category(char) in ("Cc", "Cs", "Cf")


def _kept(text: str) -> str:
    flags = {at for found in _FLAG_TAGS.finditer(text) for at in range(found.start() + 1, found.end())}
    return "".join(
        char
        for at, char in enumerate(text)
        if not _is_dropped(char) or at in flags or (char == _ZWJ and _joins_emoji(text, at))
    )


# The line and paragraph separators break a line in some terminals and not in others: a plain newline instead.
_SEPARATORS = str.maketrans({"\u2028": "\n", "\u2029": "\n"})


def sanitise(text: str) -> str:
    """Remove control, bidi and invisible format characters (but newline, tab and emoji joins); normalise to NFC."""
    if not isinstance(text, str):
        raise TypeError("not text")  # the kind of error every reader of a crafted value already turns away
    return unicodedata.normalize("NFC", _kept(text.translate(_SEPARATORS)))


def sanitise_line(text: str) -> str:
    """A single-line field such as a name: sanitised, whitespace folded, trimmed."""
    return " ".join(sanitise(text).split())


def initials(name: str) -> str:
    """'Ada Lovelace' -> 'A. L.'"""
    return " ".join(f"{part[0]}." for part in sanitise_line(name).split())


def first_name(name: str) -> str:
    parts = sanitise_line(name).split()
    return parts[0] if parts else ""
