"""`bell = true` in config.toml: one terminal bell as a turn reaches its time, and never a second for it."""

from __future__ import annotations

import pytest

from circle.config import Settings, save_settings
from circle.domain.clock import FakeClock
from circle.ui.app import CircleApp
from circle.ui.screens.meeting import MeetingScreen
from circle.workspace import Workspace
from tests.app.conftest import at_home, press_keys, stopped_clock, to_a_sharing_turn, unlock_on_screen


def _count_bells(app: CircleApp, monkeypatch: pytest.MonkeyPatch) -> list[None]:
    rung: list[None] = []
    monkeypatch.setattr(app, "bell", lambda: rung.append(None))
    return rung


def _to_the_turns_end(screen: MeetingScreen, clock: FakeClock, beyond: float) -> None:
    timer = screen.meeting.state.speaker_timer
    assert timer is not None
    clock.advance(timer.remaining(clock.now()) + beyond)
    screen.refresh_timers()


async def test_a_turn_running_over_rings_once_through_redraws_a_pause_a_minute_more_and_a_lock(
    workspace_with_group: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = workspace_with_group
    save_settings(workspace.locations.config_file, Settings(bell=True))
    clock = stopped_clock(workspace)
    async with at_home(workspace) as (app, pilot):
        rung = _count_bells(app, monkeypatch)
        screen = await to_a_sharing_turn(pilot)
        _to_the_turns_end(screen, clock, beyond=-1)
        assert rung == []  # a second left
        _to_the_turns_end(screen, clock, beyond=0)
        assert len(rung) == 1  # the moment the turn reaches its time

        clock.advance(30)
        screen.refresh_timers()
        await press_keys(pilot, "z", "z")  # paused and resumed
        await press_keys(pilot, "plus")  # a minute more, and then over again
        _to_the_turns_end(screen, clock, beyond=5)
        await press_keys(pilot, "ctrl+l")
        await unlock_on_screen(pilot)
        assert app.screen is screen
        screen.refresh_timers()
        assert len(rung) == 1


async def test_a_meeting_picked_up_again_with_its_turn_already_over_stays_quiet(
    workspace_with_group: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = workspace_with_group
    save_settings(workspace.locations.config_file, Settings(bell=True))
    clock = stopped_clock(workspace)
    async with at_home(workspace) as (app, pilot):
        rung = _count_bells(app, monkeypatch)
        screen = await to_a_sharing_turn(pilot)
        await press_keys(pilot, "escape")  # back to the groups; the turn runs on
        _to_the_turns_end(screen, clock, beyond=10)
        await press_keys(pilot, "m")
        again = app.screen
        assert isinstance(again, MeetingScreen) and again is not screen
        again.refresh_timers()
        assert rung == []


async def test_without_the_bell_setting_a_turn_running_over_is_silent(
    workspace_with_group: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = workspace_with_group
    clock = stopped_clock(workspace)
    async with at_home(workspace) as (app, pilot):
        rung = _count_bells(app, monkeypatch)
        screen = await to_a_sharing_turn(pilot)
        _to_the_turns_end(screen, clock, beyond=1)
        screen.refresh_timers()
        assert rung == []
