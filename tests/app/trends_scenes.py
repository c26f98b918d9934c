"""The trends screen's scene: a vault holding a history built by hand so that every figure is known, and how tests
reach the screen and read it.

The screen settles for a moment after each change before it computes; `settled` waits for that worker to
finish, then for the screen to stop changing.
"""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from circle.domain.clock import FakeClock
from circle.domain.records import AttendanceRecord, MeetingRecord, MeetingStatus, Presence
from circle.domain.roster import RosterEntry
from circle.domain.rules import NamesPolicy
from circle.domain.trends.periods import Period
from circle.ui.app import CircleApp
from circle.ui.screens.trends import TrendsScreen
from circle.workspace import Workspace
from tests.app.drawn import until_still
from tests.app.conftest import PASSPHRASE, at_home

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
    """After the screen's short settling time, the computation, and every repaint that follows it."""
    await pilot.app.workers.wait_for_complete()
    await until_still(pilot)


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
