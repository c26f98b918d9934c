"""A window too small gets a calm cover; `?` explains each screen's keys in plain words."""

from __future__ import annotations

from circle.ui.screens.home import HomeScreen
from circle.ui.screens.keys_help import KeysHelp
from circle.ui.screens.meeting import MeetingScreen
from circle.ui.screens.too_small import TooSmallScreen
from circle.workspace import Workspace
from tests.app.conftest import at_home, press_keys, shown_text
from tests.app.drawn import resized


async def test_a_window_below_80_by_24_is_covered_calmly_and_uncovered_when_it_grows(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    async with at_home(workspace, (100, 30)) as (app, pilot):
        await press_keys(pilot, "m", "enter")
        meeting = app.screen.meeting
        await resized(pilot, 60, 20)
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.press("n")  # keys do nothing to the meeting while it is covered
        await resized(pilot, 80, 24)
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.meeting is meeting and meeting.state.phase is None


async def test_question_mark_on_the_home_screen_lists_its_keys(workspace_with_group: Workspace) -> None:
    workspace = workspace_with_group
    async with at_home(workspace, (80, 24)) as (app, pilot):
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await press_keys(pilot, "question_mark")
        assert isinstance(app.screen, KeysHelp)
        assert "run the highlighted group's meeting" in shown_text(app)
