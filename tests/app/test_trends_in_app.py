"""Under Pilot: the trends screen, on a vault holding a history built by hand so that every figure is known.

The screen settles for a moment after each change before it computes; the tests wait for that
worker to finish, then for the screen to repaint.
"""

from __future__ import annotations

import html
import re
import shutil
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import DataTable, SelectionList

from circle.domain.clock import FakeClock
from circle.domain.trends.compute import trends_of
from circle.domain.trends.periods import Period
from circle.domain.records import AttendanceRecord, MeetingRecord, MeetingStatus, Presence
from circle.domain.roster import RosterEntry
from circle.domain.session import Arrive, NextPhase
from circle.domain.rules import NamesPolicy
from circle.ui.app import CircleApp
from circle.ui.screens.home import HomeScreen
from circle.ui.screens.keys_help import KeysHelp
from circle.ui.screens.meeting import MeetingScreen
from circle.ui.screens.trends import SETTLE_SECONDS, TrendsCounted, TrendsScreen
from circle.ui.screens.unlock import LockScreen
from circle.ui.widgets.trends.plots import TrendPlot
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace
from tests.app.conftest import PASSPHRASE, at_home, press_keys, shown_text, unlock_on_screen

TODAY = datetime(2026, 3, 4, 18, 30, tzinfo=UTC)
FIRST_TUESDAY = date(2025, 12, 2)
QUIT = "[@click=app.quit]"
SUPPORT = "Tuesday [b]Support[/b]"
# Who came to Support's twelve weekly meetings: P came, N came for the first time, A absent, - not on the roster.
SUPPORT_MARKS = {
    "Ana": "PPPPPPPPPPPP",  # always here
    "Ben": "PPPPPAAAAAAA",  # a regular whose third miss in a row falls on 20 January
    QUIT: "PPPPPPPAAAAA",  # a regular named like markup, whose third miss falls on 3 February
    "Cleo": "--NAPPPPPPPP",  # a newcomer back two weeks later
    "Dev": "-----NAAAAAA",  # a newcomer never seen again: not a regular, so not a drop-off
}
STOPPED = [QUIT, "Ben"]  # as the screen lists them: sorted, and "[" comes before "b"
HEADS = "Heads only"
# A run of text in a screenshot: where it starts (x), on which row, and what it says; a cell is 12.2 wide.
DRAWN_RUN = r'<text [^>]*x="([\d.]+)"[^>]*clip-path="url\(#[\w-]*line-(\d+)\)">(.*?)</text>'
CELL_X = 12.2


def _support_history(workspace: Workspace, group_id: str) -> None:
    members = workspace.add_members(group_id, [RosterEntry(name, FIRST_TUESDAY) for name in SUPPORT_MARKS])
    marks = dict(zip((member.id for member in members), SUPPORT_MARKS.values(), strict=True))
    meetings, rows = [], []
    for week in range(12):
        meeting_id = f"support-{week}"
        here = {member_id: line[week] for member_id, line in marks.items() if line[week] != "-"}
        rows += [
            AttendanceRecord(meeting_id, member_id, Presence.ABSENT if mark == "A" else Presence.PRESENT,
                             newcomer=mark == "N")
            for member_id, mark in here.items()
        ]
        meetings.append(MeetingRecord(
            meeting_id, group_id, FIRST_TUESDAY + timedelta(weeks=week), MeetingStatus.CLOSED, 90,
            headcount=sum(mark in "PN" for mark in here.values()), newcomers=list(here.values()).count("N"),
        ))
    cancelled = MeetingRecord("support-cancelled", group_id, date(2026, 2, 24), MeetingStatus.CANCELLED, 90)
    workspace.record_meetings(group_id, [*meetings, cancelled], rows)


def _heads_history(workspace: Workspace, group_id: str) -> None:
    workspace.record_meetings(group_id, [
        MeetingRecord(f"heads-{week}", group_id, date(2025, 12, 4) + timedelta(weeks=week), MeetingStatus.CLOSED, 60,
                      headcount=5 + week % 3, newcomers=week % 2)
        for week in range(12)
    ], [])


@pytest.fixture(scope="module")
def _trends_vault(_template_vault: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Support (first names, two stop coming) and Heads (a headcount only), built once for the module."""
    home = tmp_path_factory.mktemp("trends-vault") / "home"
    shutil.copytree(_template_vault, home)
    with Workspace.open(home, clock=FakeClock(TODAY)) as workspace:
        workspace.unlock(PASSPHRASE)
        _support_history(workspace, workspace.create_group(SUPPORT).id)
        heads = workspace.create_group(HEADS)
        workspace.change_rules(heads.id, replace(heads.rules, names=NamesPolicy.HEADCOUNT))
        _heads_history(workspace, heads.id)
    return home


@pytest.fixture
def trends_workspace(_trends_vault: Path, tmp_path: Path) -> Iterator[Workspace]:
    """This test's own copy of the vault, locked, on a clock that stands still on Wednesday 4 March 2026."""
    home = tmp_path / "home"
    shutil.copytree(_trends_vault, home)
    with Workspace.open(home, clock=FakeClock(TODAY)) as workspace:
        yield workspace


def group_id(workspace: Workspace, name: str) -> str:
    return next(overview.id for overview in workspace.groups() if overview.name == name)


async def settled(pilot: Pilot[None]) -> None:
    """After the screen's short settling time, and the repaint that follows the computation."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@asynccontextmanager
async def on_trends(
    workspace: Workspace, highlighted: str, size: tuple[int, int] = (120, 36)
) -> AsyncIterator[tuple[CircleApp, Pilot[None], TrendsScreen]]:
    """Home, then `t` with the group called `highlighted` under the cursor."""
    async with at_home(workspace, size) as (app, pilot):
        names = [overview.name for overview in workspace.groups()]
        await pilot.press(*["down"] * names.index(highlighted), "t")
        await settled(pilot)
        assert isinstance(app.screen, TrendsScreen)
        yield app, pilot, app.screen


def text_of(screen: TrendsScreen, selector: str) -> str:
    return str(screen.query_one(selector).render())


def table_rows(screen: TrendsScreen) -> list[list[str]]:
    table = screen.query_one(DataTable)
    return [[str(value) for value in table.get_row_at(row)] for row in range(table.row_count)]


def expected_rows(workspace: Workspace, ids: list[str], by: Period, *, since: date | None) -> list[list[str]]:
    """The table worked out from Workspace.trends for the same choice, one row per group per period."""
    report = workspace.trends(ids, by=by, since=since)
    names = {overview.id: overview.name for overview in workspace.groups()}
    rows = []
    for each in ids:
        for period in report.groups[each].periods:
            figures = [
                period.label, str(period.held), str(period.cancelled),
                "–" if period.mean_attendance is None else f"{period.mean_attendance:.1f}",
                str(period.newcomers),
                "–" if period.return_rate is None else f"{round(100 * period.return_rate)}%",
                "–" if period.retention is None else f"{round(100 * period.retention)}%",
                "–" if period.dropped_off is None else str(period.dropped_off),
                "–" if period.guests is None else str(period.guests),
                "–" if period.pulse_mean is None else f"{period.pulse_mean:.1f} ({period.pulse_answered})",
            ]
            rows.append([names[each], *figures] if len(ids) > 1 else figures)
    return rows


async def type_day(pilot: Pilot[None], field: str, typed: str) -> None:
    """Focus a date field, select what it holds, and type over it."""
    pilot.app.screen.query_one(f"#trend-{field}-input").focus()
    await pilot.pause()
    await pilot.press("end", "shift+home", *(typed or ["backspace"]))


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

        await pilot.resize_terminal(120, 36)
        await pilot.pause()
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


def screen_lines(app: CircleApp) -> list[str]:
    """The screen as drawn, one string per row: each run of text put back at its column."""
    rows = [[" "] * app.size.width for _ in range(app.size.height)]
    for x, row, text in re.findall(DRAWN_RUN, app.export_screenshot()):
        cells, column = rows[int(row)], round(float(x) / CELL_X)
        for offset, char in enumerate(html.unescape(text).replace("\xa0", " ")):
            if column + offset < len(cells):
                cells[column + offset] = char
    return ["".join(cells).rstrip() for cells in rows]


# The two who stop coming, renamed so that at 80 columns a row would end inside "Bartholomew O.".
LONG_NAMES = {"Ben": "Bartholomew Okonkwo", QUIT: f"{QUIT} Okonkwo"}


def with_long_names(workspace: Workspace) -> list[str]:
    """The names as the trends show them (a first name and an initial)."""
    workspace.unlock(PASSPHRASE)
    support = group_id(workspace, SUPPORT)
    for member in workspace.members(support):
        if member.name in LONG_NAMES:
            workspace.rename_member(support, member.id, LONG_NAMES[member.name])
    shown = workspace.dropped_off_names(support, since=date(2025, 4, 1), until=None)
    workspace.lock()
    return shown


def visible(app: CircleApp, words: str) -> bool:
    """Whether `words` can be read on the screen, perhaps wrapped over rows, but each row holding whole words."""
    return " ".join(" ".join(screen_lines(app)).split()).find(" ".join(words.split())) >= 0


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
