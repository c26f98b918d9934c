"""The unlock screen lets go of its drawn lines while another screen covers it, and is drawn whole when it shows again.

Each test runs the real app under Pilot on a real vault.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.screen import Screen

from circle.ui.app import CircleApp
from circle.ui.screens.dialogs import Confirm
from circle.ui.screens.unlock import UnlockScreen
from circle.workspace import Workspace
from tests.app.drawn import drawn_lines
from tests.app.drawn import until_still


@pytest.mark.parametrize(
    "cover", [Screen, lambda: Confirm("Go on?")], ids=["a screen over it", "a dialog over it"]
)
async def test_the_unlock_screen_is_drawn_as_before_when_what_covered_it_goes(
    workspace_with_group: Workspace, cover: Callable[[], Screen[object]]
) -> None:
    app = CircleApp(workspace_with_group)
    async with app.run_test(size=(80, 24)) as pilot:
        await until_still(pilot)
        before = drawn_lines(app)
        await app.push_screen(cover())
        await until_still(pilot)
        await app.pop_screen()
        await until_still(pilot)
        assert isinstance(app.screen, UnlockScreen)
        assert drawn_lines(app) == before
