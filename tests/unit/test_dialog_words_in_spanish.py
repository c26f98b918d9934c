"""Words said outside any one screen: the passphrase's strength, handing a meeting over, a key help's "or",
and the one line circle ends with after a bug, in the facilitator's language."""

from __future__ import annotations


import pytest

from circle import language
from circle.domain.errors import InvalidInput
from circle.domain.passphrase import check_new_passphrase, strength
from circle.ui import hand_over
from circle.ui.ending import EndsInOneLine
from circle.ui.keys import key_said


def test_the_strength_of_a_passphrase_is_said_in_spanish(in_spanish: None) -> None:
    assert strength("corta").hint.startswith("Demasiado corta: usa al menos 8 caracteres")
    assert strength("caballo correcto batería grapa").hint.startswith("Fuerte.")
    with pytest.raises(InvalidInput, match="no coinciden"):
        check_new_passphrase("caballo correcto", "caballo incorrecto")


def test_handing_over_is_said_in_the_language_of_the_moment_not_of_the_import() -> None:
    assert hand_over.NO_MEETING.startswith("Handing over is for a meeting under way")
    language.use("es")
    try:
        assert hand_over.NO_MEETING.startswith("Pasar la reunión es para una reunión en curso")
        assert hand_over.named(["Robin", "Kit", "Ana"]) == "Robin, Kit o Ana"
        assert str(hand_over.hand_over_question(["Kit"])).startswith("¿Pasar la reunión a Kit?")
    finally:
        language.use(language.ENGLISH)
    assert hand_over.named(["Robin", "Kit"]) == "Robin or Kit"


def test_a_name_the_module_does_not_have_is_still_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        hand_over.NOT_A_MESSAGE  # noqa: B018


def test_key_names_stay_as_the_keyboard_has_them_and_only_the_or_is_translated(in_spanish: None) -> None:
    assert key_said("Space or Enter") == "Space o Enter"
    assert key_said("Enter or t") == "Enter o t"
    assert key_said("Ctrl+L") == "Ctrl+L"


class Broken(EndsInOneLine):
    def on_mount(self) -> None:
        raise ValueError("a bug")


def test_a_bug_ends_circle_with_its_one_line_in_spanish(in_spanish: None) -> None:
    app = Broken()
    app.run(headless=True)
    assert app.stopped_by == (
        "un problema inesperado detuvo circle (ValueError); todo lo guardado antes se conserva."
    )
