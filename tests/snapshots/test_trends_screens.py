"""The attendance trends, on the demo vault at a fixed moment: one group, every group (in a light theme, and at
the smallest size), and a range without meetings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

import pytest
from textual.widgets import DataTable

from circle.ui.screens.home import HomeScreen
from circle.ui.screens.trends import TrendChoice, TrendsScreen
from circle.ui.widgets.trends.table import TrendTable
from tests.app.drawn import MOST_PAUSES

# The keys from home to the trends of the 90-minute group (third on the home screen).
TO_THIRD_GROUP = ["down", "down"]
THIRD, EVERY = "third", "every"
VIEWS = {
    # One group, at a comfortable size and at the smallest the app allows (the plots take turns there).
    "one-group-120x36": (None, (120, 36), [], THIRD),
    "one-group-80x24": (None, (80, 24), [], THIRD),
    # Every group together, in a light theme: a column for the group, and the count of who stopped coming.
    "every-group-daylight-120x36": ("daylight", (120, 36), ["a"], EVERY),
    # Every group at the smallest size: the summary wraps, and a line says where the figures out of sight are.
    "every-group-80x24": (None, (80, 24), ["a"], EVERY),
    # A range after the last meeting: one calm sentence instead of empty plots.
    "no-meetings-80x24": (None, (80, 24), ["tab", "end", "shift+home", *"2026-03-05", "shift+tab"], THIRD),
}
AFTER_THE_LAST_MEETING = {"no-meetings-80x24": date(2026, 3, 5)}


def keys_chose(view: str, group_ids: list[str], choice: TrendChoice | None) -> bool:
    """Whether `choice` is what the view's keys choose: the third group or every group, since the day typed."""
    groups = set(group_ids) if VIEWS[view][3] == EVERY else {group_ids[2]}
    typed = AFTER_THE_LAST_MEETING.get(view)
    return choice is not None and set(choice.group_ids) == groups and typed in (None, choice.since)


async def until_home_lists_the_groups(pilot) -> list[str]:  # type: ignore[no-untyped-def]
    """Home fills its list when it comes up: a key pressed before that moves a cursor over nothing."""
    for _ in range(MOST_PAUSES):
        screen = pilot.app.screen
        if isinstance(screen, HomeScreen) and screen.is_mounted:
            table = screen.query_one("#groups", DataTable)
            if table.row_count and table.has_focus:
                return [str(key.value) for key in table.rows]
        await pilot.pause()
    raise AssertionError("home never listed the groups")


def table_in_place(table: TrendTable) -> bool:
    """The table has measured its rows, and the layout has made room for them: two steps of their own, each of
    which a busy machine can leave for later."""
    if table._require_update_dimensions:  # noqa: SLF001
        return False
    return not (table.display and table.row_count) or table.size.height > table.header_height


def something_chosen(choice: TrendChoice | None) -> bool:
    return choice is not None


async def until_drawn(  # type: ignore[no-untyped-def]
    pilot, chosen: Callable[[TrendChoice | None], bool] = something_chosen
) -> None:
    """Until the trends of what the keys chose are on screen and the screen stops changing. On a busy machine a
    key may be heard, the table measure its rows, or the footer take its style, after the keys were pressed."""
    last = None
    for _ in range(MOST_PAUSES):
        await pilot.app.workers.wait_for_complete()  # the trends are counted and drawn once the keys settle
        await pilot.pause()
        screen = pilot.app.screen
        ready = (
            isinstance(screen, TrendsScreen)
            and screen.is_mounted
            and chosen(screen.shown)
            and screen.choice() == screen.shown
            and not any(worker.is_running for worker in pilot.app.workers)
            and table_in_place(screen.query_one(TrendTable))
        )
        drawn = pilot.app.export_screenshot() if ready else None
        if drawn is not None and drawn == last:
            return
        last = drawn
    raise AssertionError("the trends screen never settled")


@pytest.mark.parametrize("view", list(VIEWS))
def test_the_trends_are_readable_at_a_glance(snap_compare, meeting_app, view) -> None:  # type: ignore[no-untyped-def]
    """On a demo vault of the test's own: a theme put on is kept in its config, and must not reach other tests."""
    theme, size, keys, _ = VIEWS[view]

    async def walk_to_view(pilot) -> None:  # type: ignore[no-untyped-def]
        if theme:
            pilot.app.theme = theme
        pilot.app.show_home()
        group_ids = await until_home_lists_the_groups(pilot)
        await pilot.press(*TO_THIRD_GROUP, "t", *keys)
        await until_drawn(pilot, partial(keys_chose, view, group_ids))

    assert snap_compare(meeting_app, terminal_size=size, run_before=walk_to_view)
