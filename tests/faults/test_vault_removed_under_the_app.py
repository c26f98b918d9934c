"""The vault file removed while the app is on screen: one line, never a traceback, whatever screen reads next."""

from __future__ import annotations

from pathlib import Path

from fault_tools import vault_of

from circle.ui.screens.home import HomeScreen
from circle.ui.screens.meeting import MeetingScreen
from circle.workspace import Workspace
from tests.app.conftest import at_home, said

MOVED = "moved, removed or replaced"



async def test_a_meeting_step_after_the_vault_is_removed_is_refused_on_screen(
    group_home: Path, passphrase: str
) -> None:
    with Workspace.open(group_home) as workspace:
        async with at_home(workspace, (100, 36), passphrase=passphrase) as (app, pilot):
            await pilot.press("m")
            await pilot.pause()
            assert isinstance(app.screen, MeetingScreen)
            before = app.screen.meeting.state
            vault_of(group_home).unlink()
            await pilot.press("n")
            await pilot.pause()
            assert app.screen.meeting.state == before, "nothing is shown as done that was not saved"
            assert [message for message in said(app) if MOVED in message]
            assert app.is_running


async def test_going_home_after_the_vault_is_removed_ends_the_app_with_one_line(
    group_home: Path, passphrase: str
) -> None:
    with Workspace.open(group_home) as workspace:
        async with at_home(workspace, (100, 36), passphrase=passphrase) as (app, pilot):
            await pilot.press("enter")  # the group's screen
            await pilot.pause()
            assert not isinstance(app.screen, HomeScreen)
            vault_of(group_home).unlink()
            await pilot.press("escape")  # home reads the groups again
        assert app.return_code == 1
        assert app.stopped_by is not None and MOVED in app.stopped_by and "\n" not in app.stopped_by
