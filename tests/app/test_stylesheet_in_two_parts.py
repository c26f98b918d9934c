"""The unlock screen paints with the first part of circle's stylesheet; no other screen shows before the rest is read.

Each test runs the real app under Pilot on a real vault. The moment after the first paint at which the rest is
read is put far off (or at once) here, so that nothing depends on how fast the machine is.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.geometry import Spacing

from circle.ui import stylesheets
from circle.ui.app import CircleApp
from circle.ui.screens.dialogs import Confirm
from circle.ui.screens.first_run import FirstRunScreen
from circle.ui.screens.home import HomeScreen
from circle.ui.screens.unlock import UnlockScreen
from circle.workspace import Workspace
from tests.app.conftest import unlock_on_screen


def read(app: App[None], path: Path) -> bool:
    return app.stylesheet.has_source(str(path))


@pytest.fixture
def rest_much_later(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stylesheets, "REST_AFTER_SECONDS", 3600)


async def test_the_unlock_screen_paints_before_the_rest_of_the_stylesheet_is_read(
    workspace_with_group: Workspace, rest_much_later: None
) -> None:
    app = CircleApp(workspace_with_group)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        assert read(app, stylesheets.FIRST)
        assert not read(app, stylesheets.REST)


async def test_home_is_shown_with_the_rest_of_the_stylesheet_read_however_soon_it_comes(
    workspace_with_group: Workspace, rest_much_later: None
) -> None:
    app = CircleApp(workspace_with_group)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock_on_screen(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert read(app, stylesheets.REST)
        assert app.screen.query_one("#groups").styles.margin == Spacing(0, 1, 0, 1)  # a rule of the rest


async def test_a_dialog_over_the_unlock_screen_is_shown_with_the_rest_of_the_stylesheet_read(
    workspace_with_group: Workspace, rest_much_later: None
) -> None:
    app = CircleApp(workspace_with_group)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.push_screen(Confirm("Go on?"))
        await pilot.pause()
        assert read(app, stylesheets.REST)
        assert (app.screen.styles.align_horizontal, app.screen.styles.align_vertical) == ("center", "middle")


async def test_the_first_run_is_shown_with_the_whole_stylesheet_read_from_the_start(
    empty_workspace: Workspace, rest_much_later: None
) -> None:
    app = CircleApp(empty_workspace)
    async with app.run_test(size=(80, 24)):
        assert isinstance(app.screen, FirstRunScreen)
        assert read(app, stylesheets.FIRST) and read(app, stylesheets.REST)


async def test_the_rest_of_the_stylesheet_is_read_after_the_first_paint_with_no_other_screen_shown(
    workspace_with_group: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stylesheets, "REST_AFTER_SECONDS", 0.001)
    app = CircleApp(workspace_with_group)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):  # turns of the event loop: the paint, then the (shortest) timer
            if read(app, stylesheets.REST):
                break
            await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        assert read(app, stylesheets.REST)
