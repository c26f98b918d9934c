"""Locking keeps your place: idle time locks outside a meeting, Ctrl+L anywhere, and the privacy cover.

Every test runs the real app under Pilot. Idle time comes from a fake clock handed to the app,
and meeting time from the workspace's FakeClock, so nothing here waits for real time to pass.
"""

from __future__ import annotations

import gc
import weakref
from datetime import datetime, timedelta

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TabbedContent

from circle.config import Settings, save_settings
from circle.ui.app import MEETING_OVERRUN, idle_lock_seconds
from circle.ui.screens.group import GroupScreen
from circle.ui.screens.home import HomeScreen
from circle.ui.screens.meeting import MeetingScreen
from circle.ui.screens.privacy_cover import PrivacyCover
from circle.ui.screens.too_small import TooSmallScreen
from circle.ui.screens.unlock import LockScreen
from circle.workspace import VaultLocked, Workspace
from tests.app.conftest import (
    PASSPHRASE,
    at_home,
    press_keys,
    said,
    shown_text,
    stopped_clock,
    to_a_sharing_turn,
    unlock_on_screen,
)
from tests.app.drawn import resized

GROUP_NAME = "Tuesday Evening Support"
FIRST_NAMES = ("Ada", "Grace", "Alan")



class IdleClock:
    """Seconds that pass only when a test says so."""

    def __init__(self) -> None:
        self.seconds = 1_000.0

    def __call__(self) -> float:
        return self.seconds

    def advance(self, *, minutes: float) -> None:
        self.seconds += minutes * 60


async def watch_idle(pilot: Pilot[None]) -> IdleClock:
    """Give the app a fake idle clock; the key pressed after it counts as the last activity."""
    clock = IdleClock()
    pilot.app.idle_clock = clock  # type: ignore[attr-defined]
    await pilot.press("shift")  # a key that does nothing anywhere
    return clock


async def test_idle_time_outside_a_meeting_locks_the_vault_and_unlocking_returns_to_the_same_tab(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    async with at_home(workspace) as (app, pilot):
        await press_keys(pilot, "enter", "f5")  # the group's settings, on its rules
        group_screen = app.screen
        assert isinstance(group_screen, GroupScreen)
        field = group_screen.query("#rules Input").first(Input)
        field.focus()
        field.value = ""
        idle = await watch_idle(pilot)
        await pilot.press("4", "2")  # typed, not saved
        assert GROUP_NAME in shown_text(app)

        idle.advance(minutes=4)
        app.lock_if_idle()
        assert workspace.is_unlocked  # four minutes is not yet five

        idle.advance(minutes=1)
        app.lock_if_idle()
        await pilot.pause()
        assert not workspace.is_unlocked
        assert isinstance(app.screen, LockScreen)
        assert GROUP_NAME not in shown_text(app)
        assert "Tuesday" not in shown_text(app)

        await unlock_on_screen(pilot)
        assert workspace.is_unlocked
        assert app.screen is group_screen
        assert group_screen.query_one(TabbedContent).active == "rules"
        assert field.value == "42"


async def test_idle_time_during_a_meeting_does_not_lock(workspace_with_group: Workspace) -> None:
    workspace = workspace_with_group
    async with at_home(workspace) as (app, pilot):
        await press_keys(pilot, "m")
        idle = await watch_idle(pilot)
        idle.advance(minutes=60)
        app.lock_if_idle()
        assert workspace.is_unlocked and isinstance(app.screen, MeetingScreen)

        await press_keys(pilot, "h")  # the meeting is still on, under its privacy cover
        idle.advance(minutes=60)
        app.lock_if_idle()
        assert workspace.is_unlocked and isinstance(app.screen, PrivacyCover)


async def assert_idles_into_the_lock(pilot: Pilot[None], idle, workspace: Workspace) -> None:  # noqa: ANN001
    """Five idle minutes later circle has locked, whatever screen it was on."""
    idle.advance(minutes=5)
    pilot.app.lock_if_idle()  # type: ignore[attr-defined]
    await pilot.pause()
    assert not workspace.is_unlocked and isinstance(pilot.app.screen, LockScreen)


async def a_sharing_turn_and_its_planned_end(pilot: Pilot[None]) -> tuple[MeetingScreen, datetime]:
    meeting_screen = await to_a_sharing_turn(pilot)
    planned_end = meeting_screen.meeting.state.planned_end
    assert planned_end is not None
    return meeting_screen, planned_end


async def test_a_meeting_left_open_hours_past_its_planned_end_no_longer_keeps_the_idle_lock_off(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    clock = stopped_clock(workspace)
    async with at_home(workspace) as (app, pilot):
        meeting_screen, planned_end = await a_sharing_turn_and_its_planned_end(pilot)
        clock.set(planned_end + MEETING_OVERRUN + timedelta(minutes=1))  # left open, and forgotten
        idle = await watch_idle(pilot)
        await assert_idles_into_the_lock(pilot, idle, workspace)

        clock.advance(minutes=24 * 60)
        await unlock_on_screen(pilot)
        assert app.screen is meeting_screen  # the meeting comes back, and no longer turns the idle lock off
        await assert_idles_into_the_lock(pilot, idle, workspace)


async def test_a_meeting_opened_and_never_started_stops_keeping_the_idle_lock_off_too(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    clock = stopped_clock(workspace)
    async with at_home(workspace) as (app, pilot):
        await press_keys(pilot, "m")
        assert isinstance(app.screen, MeetingScreen) and not app.screen.meeting.state.is_started
        clock.advance(minutes=24 * 60)
        idle = await watch_idle(pilot)
        await assert_idles_into_the_lock(pilot, idle, workspace)


async def test_a_meeting_running_over_its_planned_end_by_less_than_the_overrun_is_never_interrupted(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    clock = stopped_clock(workspace)
    async with at_home(workspace) as (app, pilot):
        meeting_screen, planned_end = await a_sharing_turn_and_its_planned_end(pilot)
        idle = await watch_idle(pilot)
        for moment in (planned_end - timedelta(minutes=30), planned_end + MEETING_OVERRUN - timedelta(minutes=1)):
            clock.set(moment)
            idle.advance(minutes=60)
            app.lock_if_idle()
            await pilot.pause()
            assert workspace.is_unlocked and app.screen is meeting_screen


async def test_a_zero_idle_setting_never_locks(workspace_with_group: Workspace) -> None:
    workspace = workspace_with_group
    save_settings(workspace.locations.config_file, Settings(idle_lock_minutes=0))
    async with at_home(workspace) as (app, pilot):
        idle = await watch_idle(pilot)
        idle.advance(minutes=24 * 60)
        app.lock_if_idle()
        assert workspace.is_unlocked and isinstance(app.screen, HomeScreen)


async def test_an_idle_setting_of_four_hundred_digits_starts_the_app_with_the_default_of_five_minutes(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    workspace.locations.config_file.parent.mkdir(parents=True, exist_ok=True)
    workspace.locations.config_file.write_text(f"idle_lock_minutes = {'9' * 400}\n", encoding="utf-8")
    async with at_home(workspace) as (app, pilot):
        assert app.idle_lock_seconds == 5 * 60
        idle = await watch_idle(pilot)
        idle.advance(minutes=5)
        app.lock_if_idle()
        assert not workspace.is_unlocked


def test_a_negative_idle_setting_takes_the_default_of_five_minutes() -> None:
    assert idle_lock_seconds(Settings(idle_lock_minutes=-1)) == 5 * 60
    assert idle_lock_seconds(Settings(idle_lock_minutes=12)) == 12 * 60


async def test_ctrl_l_in_a_meeting_locks_and_unlocking_lands_on_the_same_speaker_with_time_run_on(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    clock = stopped_clock(workspace)
    async with at_home(workspace) as (app, pilot):
        meeting_screen = await to_a_sharing_turn(pilot)
        before = meeting_screen.meeting
        speaker = before.state.speaker
        left_before = before.state.speaker_timer.remaining(clock.now())
        assert speaker is not None

        await press_keys(pilot, "ctrl+l")
        assert isinstance(app.screen, LockScreen) and not workspace.is_unlocked
        with pytest.raises(VaultLocked):
            meeting_screen.meeting  # noqa: B018 - the meeting, and its key, were let go
        assert "timers keep running" in shown_text(app)
        assert not any(name in shown_text(app) for name in FIRST_NAMES)

        clock.advance(90)
        await unlock_on_screen(pilot)
        assert app.screen is meeting_screen
        after = meeting_screen.meeting
        assert after is not before and after.session_id == before.session_id
        assert after.state.speaker == speaker
        assert after.state.speaker_timer.remaining(clock.now()) == pytest.approx(left_before - 90)


async def test_locking_drops_every_reference_to_the_group_keys(workspace_with_group: Workspace) -> None:
    workspace = workspace_with_group
    async with at_home(workspace) as (app, pilot):
        await press_keys(pilot, "m", "h")  # a meeting, under its privacy cover
        meeting_screen = app.screen_stack[-2]
        assert isinstance(meeting_screen, MeetingScreen)
        meeting = meeting_screen.meeting
        held = [weakref.ref(sealer) for sealer in workspace._sealers.values()]  # noqa: SLF001
        held += [weakref.ref(meeting._sealer), weakref.ref(meeting)]  # noqa: SLF001
        del meeting

        await press_keys(pilot, "ctrl+l")
        gc.collect()
        assert not workspace.is_unlocked
        assert [ref() for ref in held] == [None] * len(held)


async def test_a_wrong_passphrase_on_the_lock_screen_says_so_and_keeps_the_place(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    async with at_home(workspace) as (app, pilot):
        await press_keys(pilot, "enter")
        group_screen = app.screen
        await press_keys(pilot, "ctrl+l")
        lock_screen = app.screen
        assert isinstance(lock_screen, LockScreen)

        await unlock_on_screen(pilot, "not the passphrase")
        assert app.screen is lock_screen and not workspace.is_unlocked
        assert "That passphrase does not open this vault. Try again." in shown_text(app)

        await press_keys(pilot, "ctrl+l")  # locked already: nothing more happens
        assert [type(screen) for screen in app.screen_stack].count(LockScreen) == 1

        await unlock_on_screen(pilot)
        assert app.screen is group_screen and workspace.is_unlocked


async def test_the_privacy_cover_shows_timers_and_no_name(workspace_with_group: Workspace) -> None:
    workspace = workspace_with_group
    clock = stopped_clock(workspace)
    async with at_home(workspace) as (app, pilot):
        meeting_screen = await to_a_sharing_turn(pilot)
        assert GROUP_NAME in shown_text(app)  # the names are on the meeting screen, so the check below means something
        assert any(name in shown_text(app) for name in FIRST_NAMES)

        await press_keys(pilot, "h")
        assert isinstance(app.screen, PrivacyCover)
        shown = shown_text(app)
        assert "Tuesday" not in shown
        assert not any(name in shown for name in FIRST_NAMES)
        assert "Sharing (3 of 5)" in shown
        assert "someone is sharing" in shown and "○ on time" in shown
        assert "Names are hidden. h or Escape: show them again · Ctrl+L: lock" in shown

        cover = app.screen
        turn_time = str(cover.query_one("#speaker-timer .timer-time").render())
        clock.advance(61)  # the timers run on under the cover
        cover.refresh_timers()
        assert str(cover.query_one("#speaker-timer .timer-time").render()) != turn_time

        await press_keys(pilot, "h")
        assert app.screen is meeting_screen
        await press_keys(pilot, "h", "escape")
        assert app.screen is meeting_screen


async def test_a_meeting_closed_elsewhere_while_locked_is_not_reopened(workspace_with_group: Workspace) -> None:
    workspace = workspace_with_group
    async with at_home(workspace) as (app, pilot):
        await press_keys(pilot, "m", "h")  # a meeting, under its privacy cover
        await press_keys(pilot, "ctrl+l")

        # Meanwhile the meeting is closed through the workspace itself.
        workspace.unlock(PASSPHRASE)
        group_id = workspace.meetings_in_progress()[0]
        workspace.meeting(group_id).close()
        workspace.lock()

        await unlock_on_screen(pilot)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert not any(isinstance(screen, (MeetingScreen, PrivacyCover)) for screen in app.screen_stack)
        assert workspace.meetings_in_progress() == []  # and no fresh meeting was opened
        assert "That meeting was closed while circle was locked." in said(app)


async def test_a_window_that_grew_while_locked_is_not_left_covered_after_unlocking(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    async with at_home(workspace) as (app, pilot):
        await resized(pilot, 60, 20)
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.press("ctrl+l")
        await resized(pilot, 80, 24)
        await unlock_on_screen(pilot)
        assert isinstance(app.screen, HomeScreen)
