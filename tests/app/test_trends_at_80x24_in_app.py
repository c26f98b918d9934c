"""Under Pilot: the trends screen at 80×24, read as drawn: the summary and the names whole, and the table's other
figures a keypress away, said so at any width."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from circle.workspace import Workspace
from tests.app.trends_scenes import (  # noqa: F401 (fixtures)
    SUPPORT,
    _trends_vault,
    on_trends,
    screen_lines,
    settled,
    text_of,
    trends_workspace,
    visible,
    with_long_names,
)


async def test_at_80x24_one_group_shows_its_whole_summary_and_each_name_on_one_line(trends_workspace: Workspace) -> None:
    names = with_long_names(trends_workspace)
    assert len(names) == 2
    async with on_trends(trends_workspace, SUPPORT, (80, 24)) as (app, _, screen):
        lines = screen_lines(app)
        assert visible(app, text_of(screen, "#trend-summary"))
        assert visible(app, "Stopped coming in this range — reach out?:")
        for name in names:
            assert any(name in line for line in lines), name  # never broken across two rows


async def test_at_80x24_two_groups_wrap_the_summary_and_say_where_the_other_figures_are(
    trends_workspace: Workspace,
) -> None:
    async with on_trends(trends_workspace, SUPPORT, (80, 24)) as (app, pilot, screen):
        await pilot.press("a")
        await settled(pilot)
        summary = text_of(screen, "#trend-summary").replace("\n", " ")
        assert summary.endswith("2 groups, 24 meetings held, 1 cancelled.")
        assert visible(app, summary)
        assert "More figures to the right" in " ".join(screen_lines(app))

        await pilot.press("tab", "tab", "tab")  # since, until, then the table
        table = screen.query_one(DataTable)
        assert table.has_focus
        for _ in range(40):  # well past the widest table this screen makes
            await pilot.press("right")
        await pilot.pause()
        shown = " ".join(screen_lines(app))
        for heading in ("Retention", "Dropped off", "Guests", "Pulse"):
            assert heading in shown, heading
        assert "Group" in shown and "Period" in shown  # which row is which stays in sight
        assert "More figures to the left" in shown


@pytest.mark.parametrize("width", [100, 116, 117, 140])
async def test_the_line_under_the_table_says_figures_are_out_of_sight_exactly_when_they_are(
    trends_workspace: Workspace, width: int
) -> None:
    """Whatever the width, and whether or not the rows need a vertical scrollbar, which takes two columns from the
    table without changing its width."""
    async with on_trends(trends_workspace, SUPPORT, (width, 36)) as (app, pilot, screen):
        # Both groups by month, by quarter, then by week: rows enough to scroll. By week at 116 and 117 columns,
        # the table is as wide as its figures until the rows' scrollbar takes two columns.
        for keys in (["a"], ["p"], ["p"]):
            await pilot.press(*keys)
            await settled(pilot)
            table = screen.query_one(DataTable)
            said = " ".join(screen_lines(app))
            assert ("More figures to the right" in said) == (table.max_scroll_x > 0), (keys, table.max_scroll_x)
