"""Under Pilot: home, the trends, the lock and unlock screens, the first run and the passphrase change speak the
facilitator's language. In the bracketed language no English word is drawn outside the brackets but data; in
Spanish at 80×24 every key in the footer and every word of the lines that matter is drawn whole."""

from __future__ import annotations

from textual.command import CommandInput
from textual.widgets import Input, Label, Static

from circle.domain.templates import templates_in
from circle.ui.app import CircleApp
from circle.ui.screens.change_passphrase import ChangePassphraseDialog
from circle.ui.screens.first_run import FirstRunScreen
from circle.ui.screens.home import HomeScreen
from circle.ui.screens.trends import TrendsScreen
from circle.ui.screens.unlock import LockScreen
from circle.workspace import Workspace
from tests.app.conftest import PASSPHRASE, at_home, make_app, press_keys, stopped_clock
from tests.app.test_group_settings_in_spanish_in_app import (
    KEY_NAMES,
    SPANISH_DAYS,
    drawn_words,
    screen_text,
    the_groups_own_words,
)
from tests.app.trends_scenes import (  # noqa: F401 (fixtures)
    HEADS,
    SUPPORT,
    SUPPORT_MARKS,
    _trends_vault,
    on_trends,
    settled,
    trends_workspace,
)
from tests.language_probe import untranslated
from tests.language_spans import without_bracketed_spans

# The app's name, the same in every language; and key names as the footer writes them.
BRAND = ("circle",)
KEYS = (*KEY_NAMES, "space")
# Textual's footer draws this between the keys and the palette's key; a word that touches it is drawn whole.
PALETTE_EDGE = "▏"


def english_outside_brackets(app: CircleApp, allowed: list[str]) -> list[str]:
    return untranslated(without_bracketed_spans(screen_text(app)), [*allowed, *KEYS, *SPANISH_DAYS, *BRAND])


def footer_keys_cut(app: CircleApp) -> list[str]:
    """The footer's key names (as shown) of which a word is not drawn."""
    drawn = set(screen_text(app).replace(PALETTE_EDGE, " ").split())
    names = [
        active.binding.description
        for active in app.screen.active_bindings.values()
        if active.binding.show and active.enabled and active.binding.description
    ]
    return [name for name in names if not all(word in drawn for word in name.split())]


def words_cut(app: CircleApp, *selectors: str) -> list[str]:
    """The words of these widgets that are not on the screen."""
    drawn = drawn_words(app)
    cut = []
    for selector in selectors:
        for widget in app.screen.query(selector):
            if widget.display:
                cut += [word for word in str(widget.render()).split() if word not in drawn]
    return cut


def with_history(workspace: Workspace) -> None:
    """A meeting held, and one still open."""
    stopped_clock(workspace)  # Monday 5 January 2026
    workspace.unlock(PASSPHRASE)
    [overview] = workspace.groups()
    workspace.meeting(overview.id).close()
    workspace.meeting(overview.id)
    workspace.lock()


# ---- home --------------------------------------------------------------------------------------------------------


async def test_home_goes_through_the_catalog(workspace_with_group: Workspace, in_brackets: None) -> None:
    with_history(workspace_with_group)
    allowed = [*the_groups_own_words(workspace_with_group), "Sam"]
    async with at_home(workspace_with_group, (120, 40)) as (app, pilot):
        await press_keys(pilot, "escape")  # the open meeting came back on top: home is under it
        assert isinstance(app.screen, HomeScreen)
        assert english_outside_brackets(app, allowed) == []
        assert "⟦● meeting open⟧" in screen_text(app)


async def test_in_spanish_at_80x24_home_draws_every_key_and_every_word_of_its_lines(
    workspace_with_group: Workspace, in_spanish: None
) -> None:
    with_history(workspace_with_group)
    async with at_home(workspace_with_group, (80, 24)) as (app, pilot):
        await press_keys(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
        drawn = screen_text(app)
        assert footer_keys_cut(app) == []
        assert words_cut(app, "#home-title", "#home-empty") == []
        for heading in ("Grupo", "Próxima reunión", "Última vez", "Personas", "Reuniones"):
            assert heading in drawn
        assert "● reunión abierta" in drawn


async def test_in_spanish_the_question_before_a_second_meeting_is_one_whole_spanish_sentence(
    workspace_with_group: Workspace, in_spanish: None
) -> None:
    workspace_with_group.unlock(PASSPHRASE)
    other = workspace_with_group.create_group("Thursday Circle")
    [first, *_rest] = [overview for overview in workspace_with_group.groups() if overview.id != other.id]
    workspace_with_group.meeting(first.id)
    workspace_with_group.lock()
    async with at_home(workspace_with_group, (80, 24)) as (app, pilot):
        await press_keys(pilot, "escape")
        names = [overview.name for overview in workspace_with_group.groups()]
        await press_keys(pilot, *["down"] * names.index("Thursday Circle"), "m")
        question = str(app.screen.question)  # type: ignore[attr-defined]
        assert question.startswith("La reunión de Tuesday Evening Support sigue abierta")
        assert question.endswith("¿Empezar también una reunión de Thursday Circle?")


# ---- the lock, unlock and the passphrase -------------------------------------------------------------------------


async def test_the_lock_screen_and_the_passphrase_change_go_through_the_catalog(
    workspace_with_group: Workspace, in_brackets: None
) -> None:
    async with at_home(workspace_with_group, (100, 30)) as (app, pilot):
        await press_keys(pilot, "p")
        assert isinstance(app.screen, ChangePassphraseDialog)
        assert english_outside_brackets(app, []) == []
        await press_keys(pilot, "escape", "ctrl+l")
        assert isinstance(app.screen, LockScreen)
        assert english_outside_brackets(app, []) == []
        await press_keys(pilot, *"not the passphrase", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert english_outside_brackets(app, []) == []


async def test_in_spanish_at_80x24_unlock_draws_every_word_and_a_wrong_passphrase_is_refused_in_spanish(
    workspace_with_group: Workspace, in_spanish: None
) -> None:
    async with at_home(workspace_with_group, (80, 24)) as (app, pilot):
        await press_keys(pilot, "ctrl+l")
        assert isinstance(app.screen, LockScreen)
        assert footer_keys_cut(app) == []
        assert words_cut(app, ".lead", ".hint") == []
        assert app.screen.query_one("#passphrase", Input).placeholder == "Frase de contraseña"
        await press_keys(pilot, *"not the passphrase", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        message = str(app.screen.query_one("#unlock-message", Static).render())
        assert message.endswith("Prueba otra vez.")
        assert words_cut(app, "#unlock-message") == []


async def test_in_spanish_at_80x24_the_passphrase_change_draws_every_label(
    workspace_with_group: Workspace, in_spanish: None
) -> None:
    async with at_home(workspace_with_group, (80, 24)) as (app, pilot):
        await press_keys(pilot, "p")
        assert isinstance(app.screen, ChangePassphraseDialog)
        assert words_cut(app, ".title", Label.__name__) == []
        assert "Frase actual" in screen_text(app)


# ---- first run ---------------------------------------------------------------------------------------------------


async def test_the_first_run_goes_through_the_catalog(empty_workspace: Workspace, in_brackets: None) -> None:
    app = make_app(empty_workspace)
    async with app.run_test(size=(120, 40)):
        assert isinstance(app.screen, FirstRunScreen)
        # The name offered by default is data once typed, but it is offered in the facilitator's language.
        assert english_outside_brackets(app, []) == []


async def test_in_spanish_at_80x24_the_first_run_draws_every_word_and_lists_spanish_templates(
    empty_workspace: Workspace, in_spanish: None
) -> None:
    app = make_app(empty_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, FirstRunScreen)
        assert footer_keys_cut(app) == []
        assert words_cut(app, "#step-title", "#step-passphrase Label") == []
        assert app.screen.query_one("#handle", Input).value == "Facilitador(a)"
        for field, typed in (("#handle", "Robin"), ("#passphrase", PASSPHRASE), ("#passphrase-again", PASSPHRASE)):
            app.screen.query_one(field, Input).value = typed
        app.screen.query_one("#passphrase-again").focus()
        await press_keys(pilot, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        drawn = screen_text(app)
        assert "paso 2 de 5" in drawn
        first = next(iter(templates_in("es").values()))
        assert first.title in drawn


# ---- trends ------------------------------------------------------------------------------------------------------


async def test_the_trends_go_through_the_catalog(trends_workspace: Workspace, in_brackets: None) -> None:
    names = [SUPPORT, HEADS, *SUPPORT_MARKS, "Support", "Tuesday"]
    async with on_trends(trends_workspace, SUPPORT) as (app, pilot, _screen):
        assert english_outside_brackets(app, names) == []
        await press_keys(pilot, "space", "down", "space")  # Heads too: counts only, and a group column
        await settled(pilot)
        assert english_outside_brackets(app, names) == []
        await press_keys(pilot, "p")  # by quarter
        await settled(pilot)
        assert english_outside_brackets(app, names) == []


async def test_in_spanish_at_80x24_the_trends_draw_every_key_and_say_the_period_in_spanish(
    trends_workspace: Workspace, in_spanish: None
) -> None:
    async with on_trends(trends_workspace, SUPPORT, (80, 24)) as (app, pilot, screen):
        assert isinstance(screen, TrendsScreen)
        assert footer_keys_cut(app) == []
        drawn = screen_text(app)
        assert "mes  (p: semana o trimestre)" in drawn
        assert "Tendencias de asistencia" in drawn
        assert words_cut(app, "#trend-summary") == []
        await press_keys(pilot, "p")
        await settled(pilot)
        assert "2026-T1" in screen_text(app)


async def test_in_spanish_the_palette_asks_for_a_command_in_spanish(
    workspace_with_group: Workspace, in_spanish: None
) -> None:
    async with at_home(workspace_with_group, (80, 24)) as (app, pilot):
        await press_keys(pilot, "ctrl+p")
        assert app.screen.query_one(CommandInput).placeholder == "Busca un comando…"
        await press_keys(pilot, "escape")
        app.search_themes()
        await pilot.pause()
        assert app.screen.query_one(CommandInput).placeholder == "Busca un tema de colores…"
