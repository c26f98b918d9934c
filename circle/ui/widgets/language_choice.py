"""The language a group meets in, chosen from those circle speaks."""

from __future__ import annotations

from textual.widgets import Select

from circle.language import ENGLISH, LANGUAGES


def shown_language(code: str) -> str:
    """A code circle has no words for (a newer circle's) shows as English: the words the room then gets."""
    return code if code in LANGUAGES else ENGLISH


class LanguageChoice(Select[str]):
    """Each language by its own name, as its speakers would look for it."""

    def __init__(self, code: str, *, id: str) -> None:
        super().__init__(
            [(name, language) for language, name in LANGUAGES.items()],
            value=shown_language(code), allow_blank=False, compact=True, id=id,
        )
