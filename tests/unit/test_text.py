"""User text is data: the sanitiser removes what could steer a terminal and keeps everything people write."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len, split_graphemes

from circle.domain.errors import InvalidInput
from circle.domain.group import group_name
from circle.domain.rules import MEMBER_NAME_MAX, ConfidentialityRules, NamesPolicy
from circle.domain.text import first_name, initials, sanitise, sanitise_line
from circle.ui.text import CELL_WIDTH, cell, one_line, plain, shorten

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
        "[bold]Ada[/bold]", "[@click=app.quit]", "🐈‍⬛ ❤️‍🔥 🏳️‍🌈",
        "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",  # the flag of Scotland
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


def test_a_name_with_a_zero_width_space_becomes_the_name_it_looks_like():
    assert sanitise_line("Jo\u200b F.") == sanitise_line("Jo F.") == "Jo F."


def test_a_name_stored_with_a_zero_width_space_before_it_was_removed_is_shown_as_the_name_it_looks_like():
    for show in (plain, one_line, cell):
        assert show("Jo\u200b F.").plain == show("Jo F.").plain == "Jo F."


@given(any_text)
def test_sanitised_text_keeps_no_format_character_but_the_joins_of_emoji_and_flags(text: str):
    for at, char in enumerate(sanitise(text)):
        if unicodedata.category(char) == "Cf":
            assert char == "\u200d" or 0xE0020 <= ord(char) <= 0xE007F, f"U+{ord(char):04X} at {at}"


def test_a_lone_surrogate_that_could_not_be_stored_is_removed():
    assert sanitise("a\ud800b") == "ab"



# The same sanitiser again on screen: user text is never markup and never wider than its room.

MARKUP = [
    "[@click=app.quit]",
    "[link=https://example.org]x[/link]",
    "[bold]Ada",
    "Ada[/]",
    "[/bold][/][/]",
    "[b]Bold[/b] [@click=screen.dismiss]x[/]",
]
ESCAPES = {
    "CSI clear screen": "\x1b[2J",
    "CSI colour": "\x1b[31mred\x1b[0m",
    "OSC 8 hyperlink": "\x1b]8;;http://x\x07link\x1b]8;;\x07",
    "OSC 52 clipboard": "\x1b]52;c;cm0gLXJmIH4=\x07",
    "C1 CSI": "\x9b2J",
    "C1 next line": "a\x85b",
    "right-to-left override": "Ada \u202egpj.exe",
    "isolates": "\u2066a\u2067b\u2068c\u2069",
}
ZERO_WIDTH = {
    "zero-width space": ("a\u200bb", "ab"),
    "zero-width non-joiner": ("a\u200cb", "ab"),
    "a lone joiner": ("\u200d", ""),
    "a joiner between letters": ("Ada\u200dL", "AdaL"),
    "a joiner between a letter and an emoji": ("Ada\u200d🌻", "Ada🌻"),
    "word joiner": ("a\u2060b", "ab"),
    "byte-order mark": ("\ufeffAda", "Ada"),
    "invisible times": ("a\u2062b", "ab"),
    "soft hyphen": ("Love\u00adlace", "Lovelace"),
    "tags outside a flag": ("Ada\U000e0041\U000e007f", "Ada"),
    "flag tags without their cancel tag": ("\U0001f3f4\U000e0067\U000e0062", "\U0001f3f4"),
    "mongolian vowel separator": ("a\u180eb", "ab"),
}


@pytest.mark.parametrize("text", MARKUP)
def test_markup_in_user_text_is_shown_as_the_characters_typed(text: str):
    for shown in (plain(text), one_line(text), cell(text)):
        assert shown.plain == text
        assert not shown.spans  # no style, no link, no action was read into it


@pytest.mark.parametrize("text", ESCAPES.values(), ids=ESCAPES.keys())
def test_escape_sequences_c1_and_bidi_controls_never_reach_the_screen(text: str):
    for shown in (sanitise(text), sanitise_line(text), plain(text).plain, one_line(text).plain, cell(text).plain):
        assert not any(unicodedata.category(char) == "Cc" for char in shown)
        assert not set(shown) & set(BIDI_CONTROLS)


def test_what_is_left_of_an_escape_sequence_is_harmless_literal_text():
    assert sanitise(ESCAPES["OSC 52 clipboard"]) == "]52;c;cm0gLXJmIH4="
    assert sanitise(ESCAPES["C1 CSI"]) == "2J"


@pytest.mark.parametrize(("text", "kept"), ZERO_WIDTH.values(), ids=ZERO_WIDTH.keys())
def test_invisible_format_characters_are_removed_and_break_nothing(text: str, kept: str):
    assert sanitise(text) == kept
    assert cell(text).plain == sanitise_line(text)
    assert cell_len(shorten(text * 100, 5)) <= 5


def test_a_long_cjk_name_is_cut_by_the_cells_it_takes_never_through_a_character():
    name = "李小龙" * 30
    assert cell(name).plain == "李小龙" * 6 + "李…"  # 19 wide characters and the ellipsis: 39 cells
    assert shorten(name, 18) == "李小龙李小龙李小…"
    assert cell_len(cell(name).plain) <= CELL_WIDTH


def test_emoji_sequences_and_skin_tones_are_kept_whole_or_left_out_whole():
    assert shorten("👩🏽‍🦱" * 30, 9) == "👩🏽‍🦱" * 4 + "…"
    assert shorten("👨‍👩‍👧🌻" * 30, 7) == "👨‍👩‍👧🌻👨‍👩‍👧…"
    assert shorten("Zoë 👍🏽" * 30, 7) == "Zoë 👍🏽…"


def test_a_letter_keeps_its_combining_marks_when_a_name_is_cut():
    assert cell("Zoe\u0308").plain == "Zo\u00eb"
    assert shorten("q\u0307" * 30, 5) == "q\u0307" * 4 + "…"  # q with a dot above has no composed form


def test_a_short_name_is_shown_whole_without_an_ellipsis():
    assert cell("李小龙 🌻").plain == "李小龙 🌻"
    assert shorten("x" * CELL_WIDTH, CELL_WIDTH) == "x" * CELL_WIDTH


@pytest.mark.parametrize("names", [NamesPolicy.FIRST_NAME, NamesPolicy.INITIALS])
def test_a_hundred_kilobyte_name_is_refused_in_one_short_line_that_does_not_repeat_it(names: NamesPolicy):
    rules = ConfidentialityRules(names=names)
    with pytest.raises(InvalidInput) as refused:
        rules.name_to_keep("Ada " * 25_000)
    message = str(refused.value)
    assert message == f"A name may be at most {MEMBER_NAME_MAX} characters."
    assert "Ada" not in message


def test_a_name_as_long_as_the_cap_is_kept_and_one_character_more_is_refused():
    rules = ConfidentialityRules()
    assert rules.name_to_keep("é" * MEMBER_NAME_MAX) == "é" * MEMBER_NAME_MAX
    assert rules.name_to_keep(" \x1b" + "e\u0301" * MEMBER_NAME_MAX + " ") == "é" * MEMBER_NAME_MAX  # cleaned first
    with pytest.raises(InvalidInput):
        rules.name_to_keep("é" * (MEMBER_NAME_MAX + 1))


def test_a_hundred_kilobyte_group_name_is_refused_in_one_line():
    with pytest.raises(InvalidInput, match="^A group name may be at most 120 characters.$"):
        group_name("Tuesday " * 12_500)


def test_a_hundred_kilobyte_text_is_drawn_as_one_short_cell():
    shown = cell("向日葵 " * 25_000).plain
    assert cell_len(shown) <= CELL_WIDTH and shown.endswith("…")
    assert cell_len(one_line("x" * 100_000, width=CELL_WIDTH).plain) == CELL_WIDTH


@given(any_text)
def test_sanitised_text_is_in_composed_form(text: str):
    assert unicodedata.is_normalized("NFC", sanitise(text))


@given(any_text)
def test_what_is_drawn_is_exactly_the_sanitised_text(text: str):
    assert plain(text).plain == sanitise(text)
    assert one_line(text).plain == sanitise_line(text)
    assert not plain(text).spans


@given(any_text, st.integers(min_value=1, max_value=60))
def test_a_shortened_line_fits_its_cells_and_is_cut_between_graphemes(text: str, width: int):
    line = sanitise_line(text)
    shown = shorten(line, width)
    assert cell_len(shown) <= width
    if shown != line:
        kept = shown.removesuffix("…")
        assert line.startswith(kept)
        assert len(kept) in {0} | {end for _, end, _ in split_graphemes(line)[0]}
