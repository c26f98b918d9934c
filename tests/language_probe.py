"""A made-up language that puts every translated string inside ⟦ ⟧, to find words that never went through a catalog.

Speak it, draw a screen or run a command, and any word left outside the brackets was written in English in the code:
it reaches a Spanish-speaking facilitator in English. Names and other data are allowed by the test that knows them.
Days and months come from Babel's Spanish data, so they are not English either.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from circle import language

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")


class Bracketed(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return f"⟦{message}⟧"

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return f"⟦{singular if count == 1 else plural}⟧"


@contextmanager
def bracketed() -> Iterator[None]:
    """Speak the bracketed language (with Spanish days and numbers) until the block ends."""
    language.use(language.Words("es", Bracketed()))
    try:
        yield
    finally:
        language.use(language.ENGLISH)


def outside_brackets(text: str) -> str:
    """What is left of `text` once every bracketed stretch is taken out; a stretch cut off by the screen's edge
    (an opening bracket with no closing one on its line) runs to the end of the line."""
    kept, depth = [], 0
    for line in text.splitlines():
        depth = 0
        for character in line:
            if character == "⟦":
                depth += 1
            elif character == "⟧":
                depth = max(0, depth - 1)
            elif depth == 0:
                kept.append(character)
        kept.append("\n")
    return "".join(kept)


def untranslated(text: str, allowed: Iterable[str] = ()) -> list[str]:
    """Words outside the brackets that are not data the test allows (names, a group's own words)."""
    known = {word.casefold() for phrase in allowed for word in _WORD.findall(phrase)}
    return [word for word in _WORD.findall(outside_brackets(text)) if word.casefold() not in known]
