"""The footer names each key in the facilitator's language, from the same English bindings."""

from __future__ import annotations


from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer

from circle.language import N_
from circle.ui.language import SaysKeysInTheFacilitatorsLanguage
from tests.app.drawn import until_still


class Tomorrow(SaysKeysInTheFacilitatorsLanguage, Screen[None]):
    BINDINGS = [Binding("t", "nothing", N_("tomorrow"), tooltip=N_("today"))]

    def compose(self) -> ComposeResult:
        yield Footer(show_command_palette=False)


class OneScreen(App[None]):
    def on_mount(self) -> None:
        self.push_screen(Tomorrow())


def _footer_words(app: App[None]) -> str:
    return " ".join(str(key.description) for key in app.screen.query("FooterKey"))


async def test_a_key_is_named_in_spanish_for_a_spanish_speaking_facilitator(in_spanish: None) -> None:
    app = OneScreen()
    async with app.run_test() as pilot:
        await until_still(pilot)
        assert _footer_words(app) == "mañana"
        assert app.screen.active_bindings["t"].tooltip == "hoy"


async def test_the_same_key_is_named_in_english_by_default() -> None:
    app = OneScreen()
    async with app.run_test() as pilot:
        await until_still(pilot)
        assert _footer_words(app) == "tomorrow"
