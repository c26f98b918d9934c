"""Under Pilot at 80×24: every essential word on a screen is drawn, or its pane visibly scrolls to it."""

from __future__ import annotations

from textual.containers import VerticalScroll

from circle.ui.app import CircleApp
from circle.workspace import Workspace
from tests.app.conftest import at_home, press_keys, shown_text


def scrolls_visibly(app: CircleApp, selector: str) -> bool:
    """The pane holds more than it shows, and says so with a scrollbar drawn beside it."""
    pane = app.screen.query_one(selector, VerticalScroll)
    return pane.max_scroll_y > 0 and pane.show_vertical_scrollbar and pane.scrollbar_size_vertical > 0


async def test_the_opening_shows_its_keys_and_the_newcomers_ask_first_and_scrolls_to_the_limits(
    workspace_with_group: Workspace,
) -> None:
    async with at_home(workspace_with_group, (80, 24)) as (app, pilot):
        await press_keys(pilot, "m", "enter", "N", *"Robin", "enter", "n")  # a newcomer is here; the opening
        on_screen = shown_text(app)
        assert "Press r when" in on_screen and "v shows them" in on_screen
        assert "newcomer is here" in on_screen
        assert scrolls_visibly(app, "#guidance-scroll")

        app.screen.query_one("#guidance-scroll", VerticalScroll).scroll_end(animate=False)
        await pilot.pause()
        assert "Limits of confidentiality" in shown_text(app)

        await press_keys(pilot, "r")
        assert "Agreements read ✓" in shown_text(app)


async def test_the_meeting_keys_fill_the_help_and_the_last_is_one_page_down(workspace_with_group: Workspace) -> None:
    async with at_home(workspace_with_group, (80, 24)) as (app, pilot):
        await press_keys(pilot, "m", "question_mark")
        keys_list = app.screen.query_one("#keys-help-list", VerticalScroll)
        assert keys_list.size.height >= 18  # no blank rows around the title and the hint
        assert scrolls_visibly(app, "#keys-help-list")
        assert "close the meeting and see its summary" not in shown_text(app)

        await press_keys(pilot, "pagedown")
        assert "close the meeting and see its summary" in shown_text(app)
