"""The new-group dialog chooses the language the group meets in: the facilitator's unless another is picked, with
the templates listed as they are written in it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from textual.widgets import OptionList, Select

from circle import language
from circle.domain.templates import template
from circle.ui.screens.new_group import NewGroupScreen
from circle.workspace import Workspace
from tests.app.conftest import at_home, press_keys, shown_text
from tests.language_probe import bracketed, untranslated


@pytest.fixture
def facilitator_in_spanish() -> Iterator[None]:
    language.use("es")
    yield
    language.use(language.ENGLISH)


def _listed(screen: NewGroupScreen) -> list[str]:
    options = screen.query_one("#group-template", OptionList)
    return [str(options.get_option_at_index(i).prompt).split("\n")[0] for i in range(options.option_count)]


async def _name_and_create(pilot, name: str) -> None:  # type: ignore[no-untyped-def]
    await press_keys(pilot, *name, "enter", "enter")  # the name, then the highlighted template


async def test_the_group_meets_in_the_facilitators_language_by_default(workspace_with_group: Workspace) -> None:
    async with at_home(workspace_with_group) as (app, pilot):
        await press_keys(pilot, "n")
        screen = app.screen
        assert isinstance(screen, NewGroupScreen)
        assert screen.query_one("#group-language", Select).value == "en"
        assert _listed(screen)[0] == template("support-90").title
        await _name_and_create(pilot, "Thursday")
    created = [g for g in workspace_with_group.groups() if g.name == "Thursday"][0]
    assert workspace_with_group.group(created.id).profile.language == "en"


async def test_choosing_spanish_lists_the_templates_in_spanish_and_makes_a_spanish_group(
    workspace_with_group: Workspace,
) -> None:
    async with at_home(workspace_with_group) as (app, pilot):
        await press_keys(pilot, "n")
        screen = app.screen
        screen.query_one("#group-language", Select).focus()
        await press_keys(pilot, "enter", "down", "enter")
        assert screen.query_one("#group-language", Select).value == "es"
        assert _listed(screen) == [t.title for t in (template(k, "es") for k in ("support-90", "crisis-60", "check-in-30"))]
        screen.query_one("#group-name").focus()
        await _name_and_create(pilot, "Martes")
        assert not isinstance(app.screen, NewGroupScreen)
    created = [g for g in workspace_with_group.groups() if g.name == "Martes"][0]
    profile = workspace_with_group.group(created.id).profile
    assert profile.language == "es"
    assert profile.agreements == template("support-90", "es").profile.agreements
    assert language.current() == "en"  # the facilitator's own language is untouched


async def test_a_spanish_speaking_facilitator_can_make_an_english_group(
    workspace_with_group: Workspace, facilitator_in_spanish: None
) -> None:
    async with at_home(workspace_with_group) as (app, pilot):
        await press_keys(pilot, "n")
        screen = app.screen
        assert screen.query_one("#group-language", Select).value == "es"
        assert _listed(screen)[0] == template("support-90", "es").title
        screen.query_one("#group-language", Select).focus()
        await press_keys(pilot, "enter", "up", "enter")
        assert _listed(screen)[0] == template("support-90").title
        screen.query_one("#group-name").focus()
        await _name_and_create(pilot, "Thursday")
    created = [g for g in workspace_with_group.groups() if g.name == "Thursday"][0]
    assert workspace_with_group.group(created.id).profile.language == "en"


async def test_the_dialogs_own_words_all_go_through_the_catalog(workspace_with_group: Workspace) -> None:
    with bracketed():
        async with at_home(workspace_with_group) as (app, pilot):
            await press_keys(pilot, "n")
            screen = app.screen
            drawn = [str(screen.query_one(".title").render()), str(screen.query_one("#group-language-row Label").render())]
            drawn += [binding.binding.description for binding in screen.active_bindings.values()
                      if binding.binding.action == "cancel"]
            assert untranslated("\n".join(drawn)) == []
            assert "Cancel" in drawn[-1]


async def test_the_dialog_in_spanish_shows_its_title_language_and_templates_whole_at_80x24(
    workspace_with_group: Workspace, facilitator_in_spanish: None
) -> None:
    async with at_home(workspace_with_group, size=(80, 24)) as (app, pilot):
        await press_keys(pilot, "n")
        text = shown_text(app)
        for words in ("Nuevo grupo", "El grupo se reúne en", "Español", template("support-90", "es").title):
            assert words in text
