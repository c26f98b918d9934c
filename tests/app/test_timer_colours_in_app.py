"""Under Pilot: a timer says its state in its theme's colours, on its state line and, near and past its end, on
its panel's border; a minute more brings on time's back."""

from __future__ import annotations

from textual.color import Color
from textual.widgets import Static

from circle.ui.widgets.meeting.timer_panel import TimerPanel
from circle.workspace import Workspace
from tests.app.conftest import at_home, press_keys, stopped_clock

# From home: the meeting, Ada and Alan here, the opening, the agreements read, and Ada's 90-second check-in turn.
TO_A_CHECK_IN_TURN = ("m", "enter", "down", "enter", "n", "r", "n", "space")


async def test_a_turns_timer_shows_on_time_last_minute_and_over_in_its_themes_colours(
    workspace_with_group: Workspace,
) -> None:
    clock = stopped_clock(workspace_with_group)
    async with at_home(workspace_with_group) as (app, pilot):
        await press_keys(pilot, *TO_A_CHECK_IN_TURN)
        screen = app.screen
        panel = screen.query_one("#speaker-timer", TimerPanel)
        state_line = panel.query_one(".timer-state", Static)
        variables = app.get_css_variables()
        colour = {name: Color.parse(variables[f"timer-{name}"]) for name in ("on-time", "last-minute", "over")}
        calm_border = panel.styles.border_top

        def shown() -> tuple[Color, str, Color]:
            kind, border = panel.styles.border_top
            return state_line.styles.color, kind, border

        assert shown() == (colour["on-time"], *calm_border)

        clock.advance(80)  # 10 seconds left
        screen.refresh_timers()
        await pilot.pause()
        assert shown() == (colour["last-minute"], "round", colour["last-minute"])

        clock.advance(20)  # 10 seconds over
        screen.refresh_timers()
        await pilot.pause()
        assert shown() == (colour["over"], "heavy", colour["over"])
        assert state_line.styles.text_style.bold

        await press_keys(pilot, "plus", "plus")  # two minutes more: on time again
        assert shown() == (colour["on-time"], *calm_border)
        assert not state_line.styles.text_style.bold
