"""Each language's catalog has every word the code marks, keeps every placeholder, and ships compiled as it is."""

from __future__ import annotations

import io
import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from circle.language import ENGLISH, LANGUAGES, LOCALE_DIR

CODE = Path(__file__).resolve().parents[2] / "circle"
TRANSLATED = sorted(set(LANGUAGES) - {ENGLISH})


def _po(code: str) -> Catalog:
    with (LOCALE_DIR / code / "LC_MESSAGES" / "circle.po").open("rb") as file:
        return read_po(file, locale=code)


def _marked_in_code() -> set[str]:
    keywords = {**DEFAULT_KEYWORDS, "N_": None}
    found = extract_from_dir(CODE, method_map=[("**.py", "python")], keywords=keywords)
    return {message if isinstance(message, str) else message[0] for _file, _line, message, _c, _ctx in found}


def _fields(text: str) -> set[str]:
    return {field for _literal, field, _spec, _conv in string.Formatter().parse(text) if field is not None}


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_word_the_code_marks_is_translated_in_each_language(code: str) -> None:
    catalog = _po(code)
    missing = sorted(msgid for msgid in _marked_in_code() if not (catalog.get(msgid) and catalog[msgid].string))
    fuzzy = sorted(message.id for message in catalog if message.id and message.fuzzy)
    assert (missing, fuzzy) == ([], []), "run `make i18n` and translate these"


@pytest.mark.parametrize("code", TRANSLATED)
def test_no_translation_drops_or_invents_a_placeholder(code: str) -> None:
    broken = []
    for message in _po(code):
        if not message.id:
            continue
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        translations = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set().union(*map(_fields, sources))
        if len(sources) == 1:
            broken += [message.id for text in translations if text and _fields(text) != wanted]
        # A counted message may name a field in one form only (click's "Did you mean {possibility}?" and
        # "(Did you mean one of: {possibilities}?)"): each form uses only its fields, and together they use them all.
        elif any(not _fields(text) <= wanted for text in translations) or set().union(*map(_fields, translations)) != wanted:
            broken.append(message.id)
    assert broken == []


@pytest.mark.parametrize("code", TRANSLATED)
def test_each_shipped_catalog_is_its_po_file_compiled(code: str) -> None:
    compiled = io.BytesIO()
    write_mo(compiled, _po(code))
    assert (LOCALE_DIR / code / "LC_MESSAGES" / "circle.mo").read_bytes() == compiled.getvalue(), "run `make i18n`"


def test_the_facilitators_language_is_config_first_then_the_systems_then_english() -> None:
    from circle.language import chosen_language

    assert chosen_language("es", {"LANG": "en_GB.UTF-8"}) == "es"
    assert chosen_language("", {"LANG": "es_MX.UTF-8"}) == "es"
    assert chosen_language(None, {"LANGUAGE": "fr:es", "LANG": "en_US.UTF-8"}) == "es"
    assert chosen_language("tlh", {"LC_ALL": "C"}) == "en"
    assert chosen_language("", {}) == "en"
