"""Under Pilot: the trends screen, on a vault holding a history built by hand so that every figure is known
(tests/app/trends_scenes.py): choosing groups, periods and days, the table, and who stopped coming."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from textual.content import Content
from textual.widgets import SelectionList

from circle.domain.session import Arrive, NextPhase
from circle.domain.trends.compute import trends_of
from circle.domain.trends.periods import Period
from circle.ui.screens.home import HomeScreen
from circle.ui.screens.keys_help import KeysHelp
from circle.ui.screens.meeting import MeetingScreen
from circle.ui.screens.trends import SETTLE_SECONDS, TrendsCounted, TrendsScreen
from circle.ui.screens.unlock import LockScreen
from circle.ui.widgets.trends.plots import TrendPlot
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace
from tests.app.conftest import PASSPHRASE, at_home, press_keys, shown_text, unlock_on_screen
from tests.app.drawn import resized
from tests.app.trends_scenes import (  # noqa: F401 (fixtures)
    HEADS,
    QUIT,
    STOPPED,
    SUPPORT,
    _trends_vault,
    expected_rows,
    group_id,
    on_trends,
    settled,
    table_rows,
    text_of,
    trends_workspace,
    type_day,
)


async def test_t_on_home_opens_the_trends_of_the_highlighted_group_and_escape_goes_back(
    trends_workspace: Workspace,
) -> None:
    async with on_trends(trends_workspace, HEADS) as (app, pilot, screen):
        heads = group_id(trends_workspace, HEADS)
        assert screen.query_one(SelectionList).selected == [heads]
        assert screen.shown is not None and screen.shown.group_ids == (heads,)
        assert screen.shown.since == date(2025, 4, 1) and screen.shown.until is None  # the last twelve months
        assert text_of(screen, "#trend-summary") == (
            "From Tue 01 Apr 2025 to today, by month: 12 meetings held, 0 cancelled."
        )
        assert [row[0] for row in table_rows(screen)] == ["2025-12", "2026-01", "2026-02"]
        await press_keys(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_space_chooses_a_second_group_and_the_table_gains_a_group_column(trends_workspace: Workspace) -> None:
    async with on_trends(trends_workspace, SUPPORT) as (_, pilot, screen):
        ids = [group_id(trends_workspace, SUPPORT), group_id(trends_workspace, HEADS)]
        groups = screen.query_one(SelectionList)
        await pilot.press("down" if groups.highlighted == 0 else "up", "space")
        await settled(pilot)
        assert screen.shown is not None and set(screen.shown.group_ids) == set(ids)
        ordered = list(screen.shown.group_ids)
        assert table_rows(screen) == expected_rows(trends_workspace, ordered, Period.MONTH, since=date(2025, 4, 1))
        assert "2 groups, 24 meetings held, 1 cancelled" in text_of(screen, "#trend-summary")
        assert screen.query_one("#trend-attendance", TrendPlot).border_title == "Attendance per meeting, by week"


async def test_a_chooses_every_group_then_none_and_none_asks_calmly_for_a_choice(trends_workspace: Workspace) -> None:
    async with on_trends(trends_workspace, SUPPORT) as (_, pilot, screen):
        await pilot.press("a")
        await settled(pilot)
        assert screen.shown is not None and len(screen.shown.group_ids) == 2
        await pilot.press("a")
        await settled(pilot)
        assert screen.query_one("#trend-empty").display and not screen.query_one("#trend-table").display
        assert text_of(screen, "#trend-empty").startswith("Choose a group")


async def test_p_goes_from_month_to_quarter_to_week_and_the_table_follows(trends_workspace: Workspace) -> None:
    async with on_trends(trends_workspace, SUPPORT) as (_, pilot, screen):
        support = group_id(trends_workspace, SUPPORT)
        await pilot.press("p")
        await settled(pilot)
        assert screen.shown is not None and screen.shown.by is Period.QUARTER
        assert table_rows(screen) == expected_rows(trends_workspace, [support], Period.QUARTER, since=date(2025, 4, 1))
        assert [row[0] for row in table_rows(screen)] == ["2025-Q4", "2026-Q1"]
        await pilot.press("p")
        await settled(pilot)
        assert table_rows(screen) == expected_rows(trends_workspace, [support], Period.WEEK, since=date(2025, 4, 1))
        assert table_rows(screen)[0][0] == "2025-W49"
        assert "by week" in text_of(screen, "#trend-summary")


async def test_the_table_holds_the_figures_workspace_trends_gives_for_the_same_choice(
    trends_workspace: Workspace,
) -> None:
    async with on_trends(trends_workspace, SUPPORT) as (_, pilot, screen):
        support = group_id(trends_workspace, SUPPORT)
        await type_day(pilot, "since", "2025-12-15")
        await settled(pilot)
        assert screen.shown is not None and screen.shown.since == date(2025, 12, 15)
        rows = table_rows(screen)
        assert rows == expected_rows(trends_workspace, [support], Period.MONTH, since=date(2025, 12, 15))
        # December from the 15th, worked out by hand: 4, 3 and 4 here; Cleo new and back a fortnight later;
        # of the four who came, Ben alone did not come again in January.
        assert rows[0] == ["2025-12", "3", "0", "3.7", "1", "100%", "75%", "0", "0", "–"]  # no guest, no pulse
        assert rows[-1][:3] == ["2026-02", "3", "1"]  # the cancelled 24 February counts as cancelled


async def test_a_day_that_is_not_one_is_named_in_one_calm_line_and_the_trends_stay_as_they_were(
    trends_workspace: Workspace,
) -> None:
    async with on_trends(trends_workspace, SUPPORT) as (app, pilot, screen):
        before = screen.shown
        await type_day(pilot, "since", "2025-13-01")
        await settled(pilot)
        assert text_of(screen, "#trend-date-problem") == "Since: there is no 2025-13-01 in the calendar."
        assert screen.shown == before and app.is_running

        await type_day(pilot, "until", "2026-3-1")  # half typed: no verdict until Enter
        assert text_of(screen, "#trend-date-problem") == ""
        await pilot.press("enter")
        await settled(pilot)
        assert text_of(screen, "#trend-date-problem") == "Since: there is no 2025-13-01 in the calendar."

        await type_day(pilot, "since", "2026-02-01")
        await pilot.press("tab")
        await settled(pilot)
        assert text_of(screen, "#trend-date-problem") == "Until: type the day as YYYY-MM-DD, e.g. 2025-04-01."

        await type_day(pilot, "until", "2026-01-01")
        await settled(pilot)
        assert text_of(screen, "#trend-date-problem") == "Until comes before since: nothing can be in between."
        assert screen.shown == before


async def test_letters_are_keys_even_in_a_date_field_and_an_empty_field_means_no_limit(
    trends_workspace: Workspace,
) -> None:
    async with on_trends(trends_workspace, SUPPORT) as (_, pilot, screen):
        await type_day(pilot, "since", "")
        await pilot.press("p")  # not typed into the field: the period changes
        await settled(pilot)
        assert screen.query_one("#trend-since-input").value == ""
        assert screen.shown is not None and screen.shown.since is None and screen.shown.by is Period.QUARTER
        assert text_of(screen, "#trend-summary").startswith("From the first meeting to today, by quarter")


async def test_a_range_without_meetings_says_so_instead_of_drawing_empty_plots(trends_workspace: Workspace) -> None:
    async with on_trends(trends_workspace, SUPPORT) as (_, pilot, screen):
        await type_day(pilot, "since", "2026-03-01")
        await settled(pilot)
        assert text_of(screen, "#trend-empty") == "No meetings in this range."
        assert screen.query_one("#trend-empty").display
        assert not any(screen.query_one(selector).display for selector in ("#trend-plots", "#trend-table"))
        await type_day(pilot, "since", "2026-02-20")  # only the cancelled 24 February
        await settled(pilot)
        assert text_of(screen, "#trend-empty") == "No meetings in this range: 1 was cancelled."
        await type_day(pilot, "since", "2026-02-01")
        await settled(pilot)
        assert screen.query_one("#trend-plots").display and not screen.query_one("#trend-empty").display


async def test_a_count_the_choice_has_moved_on_from_is_dropped_when_it_arrives(trends_workspace: Workspace) -> None:
    async with on_trends(trends_workspace, SUPPORT) as (_, pilot, screen):
        rows = table_rows(screen)
        assert screen.shown is not None
        stale = replace(screen.shown, by=Period.WEEK)
        report = trends_workspace.trends(stale.group_ids, by=Period.WEEK, since=stale.since)
        screen.post_message(TrendsCounted(stale, report))
        await pilot.pause()
        assert table_rows(screen) == rows


async def test_while_a_count_runs_the_screen_says_so_and_keeps_answering_keys(
    trends_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The count runs on a thread: held back here, the event loop still moves the plots and shows the line."""
    release = threading.Event()

    def held_back(*args: Any, **kwargs: Any) -> Any:
        release.wait(timeout=10)
        return trends_of(*args, **kwargs)

    async with on_trends(trends_workspace, SUPPORT, size=(80, 24)) as (_, pilot, screen):
        rows = table_rows(screen)
        monkeypatch.setattr("circle.ui.screens.trends.trends_of", held_back)
        await press_keys(pilot, "p")
        await pilot.pause(SETTLE_SECONDS + 0.2)
        assert text_of(screen, "#trend-summary") == "Counting…"
        showing = [plot.has_class("-resting") for plot in screen.query(TrendPlot)]
        await press_keys(pilot, "g")  # the next plot, while the count is held back
        assert [plot.has_class("-resting") for plot in screen.query(TrendPlot)] != showing
        release.set()
        await settled(pilot)
        assert text_of(screen, "#trend-summary") != "Counting…"
        assert table_rows(screen) != rows  # by quarter now


async def test_who_stopped_coming_is_named_literally_for_a_group_that_keeps_names(trends_workspace: Workspace) -> None:
    async with on_trends(trends_workspace, SUPPORT) as (app, pilot, screen):
        line = text_of(screen, "#trend-drop-offs")
        assert line == f"Stopped coming in this range — reach out?: {', '.join(STOPPED)}"
        assert QUIT in shown_text(app) and app.is_running  # drawn as typed, never run as an action
        support = group_id(trends_workspace, SUPPORT)
        assert trends_workspace.dropped_off_names(support, since=date(2025, 4, 1)) == STOPPED

        await type_day(pilot, "since", "2026-01-27")  # after Ben's third miss, before the other's
        await settled(pilot)
        assert text_of(screen, "#trend-drop-offs") == f"Stopped coming in this range — reach out?: {QUIT}"


async def test_a_headcount_only_group_shows_no_names_and_several_groups_show_only_a_count(
    trends_workspace: Workspace,
) -> None:
    async with on_trends(trends_workspace, HEADS) as (app, pilot, screen):
        assert text_of(screen, "#trend-drop-offs") == ""  # no attendance by name: not even a count is known
        assert not any(name in shown_text(app) for name in STOPPED)
        await pilot.press("a")
        await settled(pilot)
        assert text_of(screen, "#trend-drop-offs") == "Dropped off in this range: 2 (choose one group to see who)."
        assert not any(name in shown_text(app) for name in STOPPED)


async def test_a_group_named_like_markup_is_listed_and_tabled_as_typed(trends_workspace: Workspace) -> None:
    async with on_trends(trends_workspace, SUPPORT) as (app, pilot, screen):
        await pilot.press("a")
        await settled(pilot)
        assert SUPPORT in shown_text(app)
        assert SUPPORT in [row[0] for row in table_rows(screen)]
        assert app.is_running


async def test_a_narrow_window_shows_one_plot_at_a_time_and_g_brings_the_next(trends_workspace: Workspace) -> None:
    async with on_trends(trends_workspace, SUPPORT, (80, 24)) as (app, pilot, screen):
        def showing() -> list[str]:
            return [plot.id or "" for plot in screen.query(TrendPlot) if plot.display and plot.size.height]

        assert showing() == ["trend-attendance"]
        assert "Next plot" in shown_text(app)
        await press_keys(pilot, "g")
        assert showing() == ["trend-newcomers"]
        await press_keys(pilot, "g", "g")
        assert showing() == ["trend-pulse"]
        await press_keys(pilot, "g")
        assert showing() == ["trend-attendance"]

        await resized(pilot, 120, 36)
        assert len(showing()) == 4
        assert "Next plot" not in shown_text(app)


async def test_the_newcomers_legend_tells_its_two_bars_apart_by_shape_not_only_by_colour(
    trends_workspace: Workspace,
) -> None:
    async with on_trends(trends_workspace, SUPPORT) as (_, _, screen):
        legend = Content.from_markup(screen.query_one("#trend-newcomers", TrendPlot).border_subtitle or "")
        keys = [span for span in legend.plain.split("  ") if span]
        assert keys == ["▌ new", "▐ back in 4 wks"]  # the left bar of a period, and the right one


async def test_question_mark_lists_the_keys_of_the_trends(trends_workspace: Workspace) -> None:
    async with on_trends(trends_workspace, SUPPORT) as (app, pilot, _):
        await press_keys(pilot, "question_mark")
        assert isinstance(app.screen, KeysHelp)
        assert "by week, month or quarter" in shown_text(app)


async def test_a_change_made_just_before_locking_is_shown_once_unlocked(trends_workspace: Workspace) -> None:
    async with on_trends(trends_workspace, SUPPORT) as (app, pilot, screen):
        await pilot.press("p", "ctrl+l")
        await settled(pilot)  # the change settles while the vault is locked: nothing can be read
        assert isinstance(app.screen, LockScreen)
        assert screen.shown is not None and screen.shown.by is Period.MONTH
        await unlock_on_screen(pilot)
        await settled(pilot)
        assert app.screen is screen
        assert screen.shown is not None and screen.shown.by is Period.QUARTER
        assert table_rows(screen)[0][0] == "2025-Q4"


async def test_without_any_group_the_trends_say_how_to_make_one(empty_workspace: Workspace) -> None:
    empty_workspace.create_facilitator("Sam", PASSPHRASE, kdf=FLOOR_KDF)
    empty_workspace.lock()
    async with at_home(empty_workspace) as (app, pilot):
        await pilot.press("t")
        await settled(pilot)
        assert isinstance(app.screen, TrendsScreen)
        assert "No groups yet" in text_of(app.screen, "#trend-empty")


async def test_someone_marked_here_late_at_tonights_meeting_is_not_asked_to_be_reached_out_to(
    trends_workspace: Workspace,
) -> None:
    workspace = trends_workspace
    workspace.unlock(PASSPHRASE)
    support = group_id(workspace, SUPPORT)
    ids = {member.name: member.id for member in workspace.members(support)}
    meeting = workspace.meeting(support)
    meeting.do(Arrive(ids["Ana"]))
    meeting.do(NextPhase(confirmed=True))  # the meeting has begun
    meeting.do(Arrive(ids["Ben"]))  # late
    workspace.lock()
    async with at_home(workspace) as (app, pilot):
        assert isinstance(app.screen, MeetingScreen)  # an open meeting picks up where it was
        await press_keys(pilot, "escape")  # home, the meeting still open
        assert isinstance(app.screen, HomeScreen)
        await press_keys(pilot, "home", *["down"] * [group.name for group in workspace.groups()].index(SUPPORT))
        await pilot.press("t")
        await settled(pilot)
        screen = app.screen
        assert isinstance(screen, TrendsScreen)
        assert text_of(screen, "#trend-drop-offs") == f"Stopped coming in this range — reach out?: {QUIT}"
        assert workspace.dropped_off_names(support, since=None, until=None) == [QUIT]
