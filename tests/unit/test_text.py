"""User text is data: the sanitiser removes what could steer a terminal and keeps everything people write."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from circle.domain.text import first_name, initials, sanitise, sanitise_line

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
any_text = st.text(alphabet=st.characters(codec="utf-8"))


def test_the_escape_byte_of_a_terminal_sequence_is_removed():
    assert sanitise("\x1b[31mred\x1b[0m \x1b]8;;http://x\x07link") == "[31mred[0m ]8;;http://xlink"


@pytest.mark.parametrize("control", ["\x85", "\x9b", "\x9d", "\x80", "\x9f"])
def test_c1_controls_are_removed(control: str):
    assert sanitise(f"a{control}b") == "ab"


@pytest.mark.parametrize("control", list(BIDI_CONTROLS), ids=[f"U+{ord(c):04X}" for c in BIDI_CONTROLS])
def test_bidi_overrides_and_isolates_are_removed(control: str):
    assert sanitise(f"abc{control}def") == "abcdef"


def test_a_name_reversed_by_a_right_to_left_override_reads_as_typed():
    assert sanitise_line("Ada \u202egpj.exe") == "Ada gpj.exe"


def test_c0_controls_and_delete_are_removed_but_newline_and_tab_are_kept():
    assert sanitise("a\x00b\x07c\x08d\x7fe\rf\ng\th") == "abcdef\ng\th"


@pytest.mark.parametrize(
    "text",
    [
        "Zoë 🌻", "👩🏽‍🦱 family 👨‍👩‍👧", "李小龙", "Ἀθηνᾶ", "مرحبا",
        "[bold]Ada[/bold]", "[@click=app.quit]", "Ada\u200dL",
    ],
)
def test_emoji_other_scripts_and_markup_look_alikes_are_kept_as_written(text: str):
    assert sanitise(text) == unicodedata.normalize("NFC", text)


def test_text_is_normalised_to_composed_form():
    assert sanitise("Zoe\u0308") == "Zo\u00eb"


def test_sanitise_line_folds_every_run_of_whitespace_into_one_space():
    assert sanitise_line("  Ada \n\t  King\u00a0\u2028Lovelace  ") == "Ada King Lovelace"


def test_a_ten_thousand_character_name_survives():
    name = ("Ada" + "é" * 9_996 + "🌻")
    assert len(name) == 10_000
    assert sanitise_line(name) == name
    assert first_name(name) == name


def test_initials_and_first_name_come_from_the_sanitised_name():
    assert initials(" ada \x1bking  lovelace ") == "a. k. l."
    assert first_name("\u202e Grace Hopper") == "Grace"
    assert initials("") == ""
    assert first_name("   ") == ""


@given(any_text)
def test_sanitise_is_idempotent(text: str):
    once = sanitise(text)
    assert sanitise(once) == once


@given(any_text)
def test_sanitised_text_holds_no_control_other_than_newline_and_tab(text: str):
    cleaned = sanitise(text)
    assert all(unicodedata.category(c) != "Cc" or c in "\n\t" for c in cleaned)
    assert not set(cleaned) & set(BIDI_CONTROLS)


@given(any_text)
def test_a_sanitised_line_is_idempotent_single_line_and_trimmed(text: str):
    line = sanitise_line(text)
    assert sanitise_line(line) == line
    assert "\n" not in line and "\t" not in line
    assert line == line.strip()


def test_a_lone_surrogate_that_could_not_be_stored_is_removed():
    assert sanitise("a\ud800b") == "ab"
