"""User text is data, never markup: odd names on the real screens, clicked, cut and shown as typed."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.app import App
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import DataTable, Static

from circle.domain.group import Member, Phase, PhaseKind
from circle.domain.session import Arrive, NextPhase, StartTurn
from circle.store.room_board import RoomBoard
from circle.ui.room_display import RoomDisplayApp
from circle.ui.screens.group import GroupScreen
from circle.ui.screens.home import HomeScreen
from circle.ui.screens.meeting import MeetingScreen
from circle.ui.widgets.meeting.people_table import NAME_WIDTH, PeopleTable
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace
from tests.app.conftest import PASSPHRASE, at_home, press_keys

QUIT = "[@click=app.quit]"
# The same action with text to click on, as it would be drawn if the name were ever read as markup.
QUIT_ON_A_WORD = "[@click=app.quit]Ada[/]"
LINK = "[link=https://example.org]x[/link]"
MARKUP_NAMES = (QUIT, QUIT_ON_A_WORD, LINK)
GROUP_NAME = "[b]Tuesday[/b] [@click=app.quit]x[/]"


def drawn(widget: Widget) -> list[Strip]:
    """The lines a widget puts on screen, as they were last painted."""
    return [widget.render_line(y) for y in range(widget.size.height)]


def row_text(table: DataTable, row: int) -> str:
    """The characters one row of a table shows (its header is line 0)."""
    return drawn(table)[row + 1].text


def running(app: App[None]) -> bool:
    return app.is_running and app.return_code is None


def add_members(workspace: Workspace, names: tuple[str, ...]) -> list[Member]:
    group_id = workspace.groups()[0].id
    return [workspace.add_member(group_id, name) for name in names]


@asynccontextmanager
async def at_home_with_markup_names(workspace: Workspace) -> AsyncIterator[tuple[App[None], Pilot[None], list[Member]]]:
    """At home, with a member named like each piece of markup added to the group."""
    async with at_home(workspace, (100, 36)) as (app, pilot):
        yield app, pilot, add_members(workspace, MARKUP_NAMES)


async def test_clicking_members_named_like_markup_in_a_groups_roster_quits_nothing(
    workspace_with_group: Workspace,
) -> None:
    async with at_home_with_markup_names(workspace_with_group) as (app, pilot, added):
        await press_keys(pilot, "enter")  # the highlighted group, on its roster
        assert isinstance(app.screen, GroupScreen)
        table = app.screen.query_one("#roster-table", DataTable)
        # From the bottom row up, so that every click moves the cursor and shows where it landed.
        for member in sorted(added, key=lambda member: -table.get_row_index(member.id)):
            row = table.get_row_index(member.id)
            await pilot.click("#roster-table", offset=(2, row + 1))
            await pilot.pause()
            assert running(app)
            assert isinstance(app.screen, GroupScreen)
            assert table.cursor_row == row
            assert member.name in MARKUP_NAMES  # kept whole: one word, under the length cap
            assert row_text(table, row).strip().startswith(member.name)


async def test_clicking_members_named_like_markup_in_a_meeting_marks_them_here_and_quits_nothing(
    workspace_with_group: Workspace,
) -> None:
    async with at_home_with_markup_names(workspace_with_group) as (app, pilot, added):
        await press_keys(pilot, "m")
        assert isinstance(app.screen, MeetingScreen)
        meeting = app.screen.meeting
        table = app.screen.query_one(PeopleTable)
        # The name column is NAME_WIDTH cells wide: longer names are cut, and the cut shows.
        expected = {QUIT: "[@click=app.quit]", QUIT_ON_A_WORD: "[@click=app.quit]…", LINK: "[link=https://exa…"}
        for member in added:
            row = table.get_row_index(member.id)  # people who are here move up, so look each one up again
            # On the name, right of the "Here" column: the first click highlights the row, the second toggles it.
            for _ in range(2):
                await pilot.click(PeopleTable, offset=(8, row + 1))
                await pilot.pause()
                assert running(app)
            assert isinstance(app.screen, MeetingScreen)
            assert member.id in meeting.state.present  # the click reached the row, and only the row
            shown = expected[member.name]
            assert table.get_cell(member.id, "name").plain == shown
            assert shown in row_text(table, table.get_row_index(member.id))


@pytest.fixture
def workspace_with_odd_names(tmp_path: Path) -> Iterator[Workspace]:
    """A facilitator and a group whose names look like markup, locked."""
    with Workspace.open(tmp_path) as workspace:
        workspace.create_facilitator(QUIT_ON_A_WORD, PASSPHRASE, kdf=FLOOR_KDF)
        workspace.create_group(GROUP_NAME)
        workspace.lock()
        yield workspace


async def test_the_facilitators_handle_and_the_group_name_are_shown_as_typed(
    workspace_with_odd_names: Workspace,
) -> None:
    workspace = workspace_with_odd_names
    async with at_home(workspace, (100, 36)) as (app, pilot):
        title = app.screen.query_one("#home-title", Static)
        assert str(title.render()) == f"Your groups · signed in as {QUIT_ON_A_WORD}"
        # On the handle, where "Ada" would be drawn, and clickable, if it were read as markup.
        await pilot.click("#home-title", offset=(len("Your groups · signed in as ") + 3, 0))
        await pilot.pause()
        assert running(app)
        assert isinstance(app.screen, HomeScreen)
        groups = app.screen.query_one("#groups", DataTable)
        assert row_text(groups, 0).strip().startswith(GROUP_NAME)

        await press_keys(pilot, "enter")
        assert str(app.screen.query_one(".group-name", Static).render()) == GROUP_NAME
        await press_keys(pilot, "escape", "m")
        assert str(app.screen.query_one("#meeting-title", Static).render()).startswith(f"{GROUP_NAME} · ")
        assert running(app)


async def test_wide_names_are_cut_in_the_meeting_table_between_characters_with_an_ellipsis(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    async with at_home(workspace, (100, 36)) as (app, pilot):
        sunflowers, family = add_members(workspace, ("向日葵" * 20, "👩🏽‍🦱" * 10))
        await press_keys(pilot, "m")
        table = app.screen.query_one(PeopleTable)
        expected = {sunflowers.id: "向日葵向日葵向日…", family.id: "👩🏽‍🦱" * 8 + "…"}
        for member_id, shown in expected.items():
            assert table.get_cell(member_id, "name").plain == shown
            assert cell_len(shown) <= NAME_WIDTH
            assert shown in row_text(table, table.get_row_index(member_id))


async def test_the_room_display_wraps_a_long_wide_first_name_without_losing_a_character(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    workspace.unlock(PASSPHRASE)
    group_id = workspace.groups()[0].id
    speaker = workspace.members(group_id)[0]
    meeting = workspace.meeting(group_id)
    meeting.do(Arrive(speaker.id))
    while meeting.state.phase is not PhaseKind.CHECK_IN:
        meeting.do(NextPhase(confirmed=True))
    meeting.do(StartTurn(speaker.id))
    first_name = "向日葵" * 20 + "🌻"  # 122 cells: wider than the screen
    # Whose name the display may show is tested beside the display; here only how it is drawn.
    app = RoomDisplayApp(
        RoomBoard(workspace.locations.room_file), clock=workspace.clock, namer=lambda room: first_name
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        caption = app.query_one("#room-caption", Static)
        lines = drawn(caption)
        assert len([line for line in lines if line.text.strip()]) > 1  # wrapped
        # A wide character split at the edge would turn into spaces and be missing here.
        assert "".join(line.text for line in lines).replace(" ", "") == f"{first_name}issharing"


PART_NAME = "[/] [@click=app.quit]x[/]"


async def test_a_part_named_like_markup_is_shown_as_typed_on_the_group_the_meeting_and_the_room_display(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    workspace.unlock(PASSPHRASE)
    group = workspace.groups()[0]
    profile = workspace.group(group.id).profile
    own = Phase(PhaseKind.OWN, 5, title=PART_NAME)
    workspace.save_group(
        replace(workspace.group(group.id), profile=replace(profile, format=replace(profile.format, phases=(own,))))
    )
    workspace.lock()
    async with at_home(workspace, (100, 36)) as (app, pilot):
        await press_keys(pilot, "enter")
        assert PART_NAME in str(app.screen.query_one(".group-format", Static).render())
        await press_keys(pilot, "escape", "m", "n")
        assert PART_NAME in str(app.screen.query_one("#meeting-title", Static).render())
        assert running(app)
    display = RoomDisplayApp(RoomBoard(workspace.locations.room_file), clock=workspace.clock)
    async with display.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert str(display.query_one("#room-headline", Static).render()).startswith(PART_NAME)
        await pilot.click("#room-headline", offset=(len("[/] [@click=app.quit]"), 0))
        assert running(display)
