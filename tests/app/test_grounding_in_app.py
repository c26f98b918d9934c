"""The grounding pause, one key from any part of a meeting: the pacer here and on the room display."""

from __future__ import annotations

from textual.widgets import Static

from circle.domain.group import PhaseKind
from circle.domain.session.pacer import BREATH
from circle.domain.session.room import GROUNDING_LINE
from circle.store.room_board import RoomBoard
from circle.ui.room_display import RoomDisplayApp
from circle.ui.screens.meeting import MeetingScreen
from circle.workspace import Workspace
from tests.app.conftest import at_home, press_keys, stopped_clock, to_a_sharing_turn, unlock_on_screen

IN, HOLD, OUT = (words for words, _ in BREATH)


def _grounding(screen: MeetingScreen) -> str:
    line = screen.query_one("#grounding", Static)
    return str(line.render()) if line.display else ""


async def test_b_begins_a_grounding_pause_that_paces_by_the_clock_until_b_ends_it(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    clock = stopped_clock(workspace)
    board = RoomBoard(workspace.locations.room_file)
    async with at_home(workspace) as (app, pilot):
        screen = await to_a_sharing_turn(pilot)
        assert _grounding(screen) == ""
        began = clock.now()
        await press_keys(pilot, "b")
        assert IN in _grounding(screen)
        published = board.read()
        assert published is not None and published.view.grounding_since == began

        clock.advance(4)
        screen.refresh_timers()
        assert HOLD in _grounding(screen)
        screen.refresh_timers()  # looking again changes nothing: the step is the clock's, not a count
        assert HOLD in _grounding(screen)

        await press_keys(pilot, "b")
        assert _grounding(screen) == ""
        published = board.read()
        assert published is not None and published.view.grounding_since is None


async def test_the_room_display_shows_the_facilitators_grounding_pause_over_a_running_turn(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    clock = stopped_clock(workspace)
    async with at_home(workspace) as (app, pilot):
        await to_a_sharing_turn(pilot)
        await press_keys(pilot, "b")
    clock.advance(6)
    display = RoomDisplayApp(RoomBoard(workspace.locations.room_file), clock=clock)
    async with display.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert str(display.query_one("#room-pacer", Static).render()) == OUT
        assert str(display.query_one("#room-caption", Static).render()) == GROUNDING_LINE
        assert str(display.query_one("#room-time", Static).render())  # the turn's time is still there


async def test_a_grounding_pause_outlives_a_lock_and_keeps_its_pace(workspace_with_group: Workspace) -> None:
    workspace = workspace_with_group
    clock = stopped_clock(workspace)
    async with at_home(workspace) as (app, pilot):
        await press_keys(pilot, "m")
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        await press_keys(pilot, "b")  # even before the first part
        began = clock.now()
        await press_keys(pilot, "ctrl+l")
        assert not workspace.is_unlocked
        clock.advance(12 + 5)  # one whole breath and into the next
        await unlock_on_screen(pilot)
        assert app.screen is screen
        assert screen.meeting.grounding_since == began
        assert HOLD in _grounding(screen)


async def test_during_a_break_a_grounding_pause_paces_the_breaks_guidance_too(workspace_with_group: Workspace) -> None:
    """One breath on the screen, the same step as the room display's, not the break's and the pause's apart."""
    workspace = workspace_with_group
    clock = stopped_clock(workspace)
    async with at_home(workspace) as (app, pilot):
        await press_keys(pilot, "m", "n", "n", "y", "n", "n")  # on to the break (y: the agreements unread)
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.meeting.state.phase is PhaseKind.BREAK
        clock.advance(4)  # the break is at "Hold"
        await press_keys(pilot, "b")  # the pause begins at "Breathe in"
        guidance = str(screen.query_one("#guidance", Static).render())
        assert IN in guidance and HOLD not in guidance
        assert IN in _grounding(screen)


async def test_the_crisis_card_begins_and_ends_the_grounding_pause_with_the_same_key(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    stopped_clock(workspace)
    board = RoomBoard(workspace.locations.room_file)
    async with at_home(workspace, (100, 36)) as (app, pilot):
        await press_keys(pilot, "m", "exclamation_mark", "b")
        assert "pacer is on the room display" in str(app.screen.query_one("#crisis-message", Static).render())
        published = board.read()
        assert published is not None and published.view.grounding_since is not None
        await press_keys(pilot, "b", "escape")
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.meeting.grounding_since is None
        assert _grounding(screen) == ""
