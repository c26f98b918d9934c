"""The attendance trends, on the demo vault at a fixed moment: one group, every group (in a light theme, and at
the smallest size), and a range without meetings."""

from __future__ import annotations

import pytest

from circle.ui.screens.trends import TrendsScreen
from circle.ui.widgets.trends.table import TrendTable

# The keys from home to the trends of the 90-minute group (third on the home screen).
TO_TRENDS = ["down", "down", "t"]
VIEWS = {
    # One group, at a comfortable size and at the smallest the app allows (the plots take turns there).
    "one-group-120x36": (None, (120, 36), []),
    "one-group-80x24": (None, (80, 24), []),
    # Every group together, in a light theme: a column for the group, and the count of who stopped coming.
    "every-group-daylight-120x36": ("daylight", (120, 36), ["a"]),
    # Every group at the smallest size: the summary wraps, and a line says where the figures out of sight are.
    "every-group-80x24": (None, (80, 24), ["a"]),
    # A range after the last meeting: one calm sentence instead of empty plots.
    "no-meetings-80x24": (None, (80, 24), ["tab", "end", "shift+home", *"2026-03-05", "shift+tab"]),
}


async def until_drawn(pilot) -> None:  # type: ignore[no-untyped-def]
    """Until the trends of what is chosen are on screen: on a busy machine the screen may mount, or a typed
    date be heard, only after the keys have been pressed, so one wait for the workers is not enough."""
    while True:
        await pilot.app.workers.wait_for_complete()  # the trends are counted and drawn once the keys settle
        await pilot.pause()
        screen = pilot.app.screen
        if isinstance(screen, TrendsScreen) and screen.is_mounted and screen.shown == screen.choice():
            if not any(worker.is_running for worker in pilot.app.workers):
                # The table learns its width when idle after its rows arrive, and only then can the line under
                # it say whether figures are out of sight: on a busy machine that can come after the count.
                while screen.query_one(TrendTable)._require_update_dimensions:  # noqa: SLF001
                    await pilot.pause()
                await pilot.pause()
                return


@pytest.mark.parametrize("view", list(VIEWS))
def test_the_trends_are_readable_at_a_glance(snap_compare, meeting_app, view) -> None:  # type: ignore[no-untyped-def]
    """On a demo vault of the test's own: a theme put on is kept in its config, and must not reach other tests."""
    theme, size, keys = VIEWS[view]

    async def walk_to_view(pilot) -> None:  # type: ignore[no-untyped-def]
        if theme:
            pilot.app.theme = theme
        pilot.app.show_home()
        await pilot.pause()
        await pilot.press(*TO_TRENDS, *keys)
        await until_drawn(pilot)

    assert snap_compare(meeting_app, terminal_size=size, run_before=walk_to_view)
