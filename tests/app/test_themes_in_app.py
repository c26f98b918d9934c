"""The app wears the configured theme, remembers a new choice, and survives a broken theme file."""

from __future__ import annotations

from textual.theme import BUILTIN_THEMES

from circle.config import Settings, load_settings, save_settings
from circle.workspace import Workspace
from tests.app.conftest import make_app, said


async def said_at_start_in_calm(workspace: Workspace, containing: str) -> list[str]:
    """The notices containing `containing` once the app has started, after checking it fell back to calm."""
    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "calm"
        return [notice for notice in said(app) if containing in notice]


async def test_the_app_starts_in_calm_and_a_broken_theme_file_is_reported_once(
    workspace_with_group: Workspace,
) -> None:
    themes = workspace_with_group.locations.themes
    themes.mkdir(parents=True)
    (themes / "broken.toml").write_text('name = "broken"\nprimary = "not a colour"\n')
    [broken] = await said_at_start_in_calm(workspace_with_group, "broken.toml")
    assert "\n" not in broken


async def test_a_chosen_theme_whose_variable_textual_cannot_parse_is_skipped_with_one_line(
    workspace_with_group: Workspace,
) -> None:
    themes = workspace_with_group.locations.themes
    themes.mkdir(parents=True)
    (themes / "unreadable.toml").write_text(
        'name = "unreadable"\nprimary = "#336699"\n[variables]\nborder = "not a colour"\n', encoding="utf-8"
    )
    save_settings(workspace_with_group.locations.config_file, Settings(theme="unreadable"))
    app = make_app(workspace_with_group)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "calm" and "unreadable" not in app.available_themes
        assert said(app) == [
            "unreadable.toml: the variable 'border' holds a value Textual cannot use in its stylesheets: 'not a colour'"
        ]


async def test_a_theme_chosen_in_the_app_is_worn_again_next_time(workspace_with_group: Workspace) -> None:
    builtin_before = dict(BUILTIN_THEMES)
    app = make_app(workspace_with_group)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "night"
        await pilot.pause()
    assert load_settings(workspace_with_group.locations.config_file)[0].theme == "night"
    again = make_app(workspace_with_group)
    async with again.run_test(size=(80, 24)):
        assert again.theme == "night"
    assert dict(BUILTIN_THEMES) == builtin_before


async def test_a_config_naming_a_missing_theme_falls_back_to_calm_and_says_so(
    workspace_with_group: Workspace,
) -> None:
    save_settings(workspace_with_group.locations.config_file, Settings(theme="[bold]gone\x1b[2J"))
    [missing] = await said_at_start_in_calm(workspace_with_group, "was not found")
    assert "\x1b" not in missing


async def test_a_textual_built_in_theme_still_colours_the_timers(workspace_with_group: Workspace) -> None:
    app = make_app(workspace_with_group)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "nord"
        await pilot.pause()
        variables = app.get_css_variables()
        assert {"timer-on-time", "timer-last-minute", "timer-over"} <= set(variables)
