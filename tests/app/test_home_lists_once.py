"""Unlocking lists the groups once: not a second time as the home screen comes up after it is mounted."""

from __future__ import annotations

import pytest

from circle.ui.screens.home import HomeScreen
from circle.workspace import Workspace
from tests.app.conftest import at_home


async def test_unlocking_lists_the_groups_once(workspace_with_group: Workspace, monkeypatch: pytest.MonkeyPatch):
    listed: list[int] = []
    listing = Workspace.groups

    def counted(workspace: Workspace):  # type: ignore[no-untyped-def]
        listed.append(1)
        return listing(workspace)

    monkeypatch.setattr(Workspace, "groups", counted)
    async with at_home(workspace_with_group) as (app, pilot):
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#groups").row_count == 1
    assert len(listed) == 1
