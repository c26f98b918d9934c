"""A short turn warns only near its end, and the room display says the same as the facilitator's screen."""

from __future__ import annotations

from textual.widgets import Static

from circle.store.room_board import RoomBoard
from circle.ui.room_display import POLL_SECONDS, RoomDisplayApp
from circle.workspace import Workspace
from tests.app.conftest import at_home, press_keys, stopped_clock

# From home: the meeting, Ada and Alan here, the opening, the agreements read, and Ada's check-in turn.
TO_A_CHECK_IN_TURN = ("m", "enter", "down", "enter", "n", "r", "n", "space")


def _facilitator_sees(app, element: str = "timer-state") -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(f"#speaker-timer .{element}", Static).render())


async def test_a_ninety_second_turn_is_on_time_until_its_last_fifth_on_both_screens(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    clock = stopped_clock(workspace)
    async with at_home(workspace) as (app, pilot):
        await press_keys(pilot, *TO_A_CHECK_IN_TURN)
        screen = app.screen
        assert screen.meeting.state.speaker_timer.budget_seconds == 90  # two here share the check-in
        display = RoomDisplayApp(RoomBoard(workspace.locations.room_file), clock=clock)
        async with display.run_test(size=(80, 24)) as room:
            clock.advance(47)
            screen.refresh_timers()
            await pilot.pause()
            await room.pause(POLL_SECONDS * 2)
            assert "0:43" in _facilitator_sees(app, "timer-time")
            assert _facilitator_sees(app) == "○ on time"
            assert str(display.query_one("#room-state", Static).render()) == "○ on time"

            clock.advance(30)  # 13 seconds left: the last fifth of the turn
            screen.refresh_timers()
            await pilot.pause()
            await room.pause(POLL_SECONDS * 2)
            assert _facilitator_sees(app) == "◐ last minute"
            assert str(display.query_one("#room-state", Static).render()) == "◐ last minute"
