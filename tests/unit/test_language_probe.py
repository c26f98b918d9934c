"""The bracketed language finds a word that never went through the catalog, and only that."""

from __future__ import annotations

from circle.language import _
from tests.language_probe import bracketed, untranslated


def test_a_translated_string_leaves_nothing_outside_the_brackets() -> None:
    with bracketed():
        shown = _("{count} here").format(count=3) + "  Robin"
    assert untranslated(shown, allowed=["Robin"]) == []


def test_an_english_literal_beside_a_translated_string_is_found() -> None:
    with bracketed():
        shown = _("Sharing") + " · next up"
    assert untranslated(shown) == ["next", "up"]


def test_a_bracket_cut_off_by_the_screen_edge_hides_the_rest_of_its_line_only() -> None:
    assert untranslated("⟦Sharing · next u\nleft over") == ["left", "over"]
