"""The words circle says, in the facilitator's language and in each group's.

Two languages can differ. The facilitator's own (`use`) is the app's and the command line's: menus, messages,
help. A group's (`words_for`) is what is read aloud and what the room sees: agreements, prompts, crisis steps,
the room display. Both come from the same gettext catalogs, built with Babel (`make i18n`).

`N_` only marks a string for the catalog, for text fixed when a module is imported (key bindings, column
headings); it is translated with `_` where it is shown, so the language can be chosen after the import.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

DOMAIN = "circle"
LOCALE_DIR = Path(__file__).with_name("locale")
ENGLISH = "en"
# Every language with a complete catalog, by its code. English is the source text, so it needs none.
LANGUAGES = {"en": "English", "es": "Español"}


class Words:
    """One language's translations: gettext's, with the language's code beside them."""

    def __init__(self, code: str, catalog: gettext.NullTranslations | None = None) -> None:
        self.code = code
        self._catalog = catalog if catalog is not None else _catalog(code)

    def gettext(self, message: str) -> str:
        return self._catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self._catalog.ngettext(singular, plural, count)


@lru_cache(maxsize=None)
def _catalog(code: str) -> gettext.NullTranslations:
    if code == ENGLISH:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[code])


def words_for(code: str) -> Words:
    """A group's language; one circle does not know (a newer circle's group, say) reads as English."""
    return Words(code if code in LANGUAGES else ENGLISH)


_facilitators = Words(ENGLISH)


def use(language: str | Words) -> None:
    """Speak `language` to the facilitator from now on: the app and the command line."""
    global _facilitators
    _facilitators = language if isinstance(language, Words) else words_for(language)


def current() -> str:
    return _facilitators.code


def _(message: str) -> str:
    """`message` in the facilitator's language."""
    return _facilitators.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of `singular`/`plural` for `count`, in the facilitator's language ("1 persona", "3 personas")."""
    return _facilitators.ngettext(singular, plural, count)


def N_(message: str) -> str:  # noqa: N802 - gettext's own name for "mark, translate later"
    return message


def chosen_language(configured: str | None, environ: Mapping[str, str] = os.environ) -> str:
    """The facilitator's language: config.toml's `language`, else the system's (as gettext reads it: LANGUAGE,
    LC_ALL, LC_MESSAGES, LANG), else English. A language circle has no catalog for is passed over."""
    candidates = [configured or ""]
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        if environ.get(variable):
            candidates.extend(environ[variable].split(":"))
            break
    for candidate in candidates:
        code = candidate.split(".")[0].split("@")[0].split("_")[0].split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return ENGLISH


def speak_as_configured(configured: str | None, environ: Mapping[str, str] = os.environ) -> str:
    """Choose the facilitator's language once, as circle starts. Returns the code chosen."""
    code = chosen_language(configured, environ)
    use(code)
    return code
