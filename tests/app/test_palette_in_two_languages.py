"""The command palette names each command in the facilitator's language, and still finds it by its English name."""

from __future__ import annotations


import pytest

from circle.ui.screens.follow_ups import FollowUpsScreen
from circle.ui.screens.home import HomeScreen
from circle.workspace import Workspace
from tests.app.conftest import at_home, press_keys


@pytest.mark.parametrize("typed", ["Grupos", "Groups"])
async def test_a_spanish_speaking_facilitator_finds_a_command_by_its_spanish_or_its_english_name(
    workspace_with_group: Workspace, in_spanish: None, typed: str
) -> None:
    async with at_home(workspace_with_group, (100, 30)) as (app, pilot):
        await press_keys(pilot, "f")
        assert isinstance(app.screen, FollowUpsScreen)
        await press_keys(pilot, "ctrl+p", *typed)
        await app.workers.wait_for_complete()
        await press_keys(pilot, "enter")
        assert isinstance(app.screen, HomeScreen)


async def test_the_list_before_typing_names_each_command_once_in_spanish(
    workspace_with_group: Workspace, in_spanish: None
) -> None:
    async with at_home(workspace_with_group, (100, 30)) as (app, pilot):
        await press_keys(pilot, "f")
        commands = list(app.get_system_commands(app.screen))
        listed = [command.title for command in commands if command.discover]
        found_only = [command.title for command in commands if not command.discover]
        assert "Grupos" in listed and "Cerrar circle" in listed and "Tema de colores" in listed
        assert "Groups" in found_only and "Quit" in found_only and "Theme" in found_only
        assert len(listed) == len(set(listed))


async def test_in_english_each_command_is_listed_once_and_nothing_is_hidden(workspace_with_group: Workspace) -> None:
    async with at_home(workspace_with_group, (100, 30)) as (app, pilot):
        await press_keys(pilot, "f")
        commands = list(app.get_system_commands(app.screen))
        assert all(command.discover for command in commands)
        assert "Groups" in [command.title for command in commands]
