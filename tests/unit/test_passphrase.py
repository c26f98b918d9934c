"""Passphrase rules and the plain strength hint shown while one is chosen."""

from __future__ import annotations

import pytest

from circle.domain.errors import InvalidInput
from circle.domain.passphrase import MIN_LENGTH, check_new_passphrase, strength


@pytest.mark.parametrize(
    ("passphrase", "score"),
    [
        ("short", 0),
        ("abcdefgh", 1),
        ("Tr0ub4dor&3x", 2),
        ("three little words", 2),
        ("correct horse battery staple", 3),
        ("averyveryverylongpassphrase", 3),
    ],
)
def test_strength_grows_with_length_and_words(passphrase: str, score: int):
    assert strength(passphrase).score == score


def test_the_hint_never_repeats_the_passphrase():
    for passphrase in ("qzxw", "qzxwvbnm", "qzxw horse battery staple"):
        assert passphrase not in strength(passphrase).hint


def test_a_strong_passphrase_is_reminded_that_it_cannot_be_recovered():
    assert "cannot be recovered" in strength("correct horse battery staple").hint


def test_two_different_passphrases_are_refused():
    with pytest.raises(InvalidInput, match="not the same"):
        check_new_passphrase("correct horse battery", "correct horse battery!")


def test_a_passphrase_below_the_minimum_length_is_refused():
    with pytest.raises(InvalidInput, match=str(MIN_LENGTH)):
        check_new_passphrase("x" * (MIN_LENGTH - 1), "x" * (MIN_LENGTH - 1))


def test_a_passphrase_of_the_minimum_length_typed_twice_is_accepted():
    check_new_passphrase("x" * MIN_LENGTH, "x" * MIN_LENGTH)


@pytest.mark.parametrize("typed", [" " * MIN_LENGTH, "\t" * 12, "   abc   ", " " * 4 + "x" * (MIN_LENGTH - 1)])
def test_a_passphrase_that_is_spaces_or_padded_out_with_them_is_refused_and_rated_too_short(typed: str):
    with pytest.raises(InvalidInput, match=str(MIN_LENGTH)):
        check_new_passphrase(typed, typed)
    assert strength(typed).score == 0


def test_spaces_inside_a_passphrase_still_count():
    check_new_passphrase("a b c d e", "a b c d e")
