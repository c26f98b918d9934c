"""Caring for a group's roster in the app: namesakes told apart, rename, no longer coming, merge, erase, and
deleting the whole group after typing its name."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Input

from circle.domain.notes import NoteDraft, NoteKind
from circle.domain.roster import RosterEntry
from circle.domain.session import Arrive
from circle.ui.screens.dialogs import Ask, Choose, Confirm
from circle.ui.screens.group import GroupScreen
from circle.ui.screens.home import HomeScreen
from circle.workspace import Workspace
from tests.app.conftest import PASSPHRASE, at_home, press_keys, said, shown_text

GROUP = "Tuesday Evening Support"


def group_id(workspace: Workspace) -> str:
    return workspace.groups()[0].id


def names(workspace: Workspace) -> list[str]:
    return [member.shown for member in workspace.members(group_id(workspace))]


async def on_roster_list(pilot, row_of: str | None = None) -> DataTable:
    """The group's roster, the list focused, the cursor on the member shown as `row_of`."""
    await press_keys(pilot, "enter")
    screen = pilot.app.screen
    assert isinstance(screen, GroupScreen)
    table = screen.query_one("#roster-table", DataTable)
    table.focus()
    if row_of is not None:
        workspace = pilot.app.workspace
        wanted = next(member.id for member in workspace.members(group_id(workspace)) if member.shown == row_of)
        table.move_cursor(row=table.get_row_index(wanted))
    await pilot.pause()
    return table


def with_namesakes(workspace: Workspace) -> None:
    workspace.unlock(PASSPHRASE)
    workspace.add_members(group_id(workspace), [
        RosterEntry("Jo Fisher", date(2025, 3, 4)), RosterEntry("Jo Ford", date(2025, 6, 1)),
    ])
    workspace.lock()


async def test_the_roster_shows_two_people_kept_under_one_name_with_the_month_each_joined(
    workspace_with_group: Workspace,
) -> None:
    with_namesakes(workspace_with_group)
    async with at_home(workspace_with_group, (100, 36)) as (app, pilot):
        await on_roster_list(pilot)
        text = shown_text(app)
        assert "Jo F. (Mar 2025)" in text and "Jo F. (Jun 2025)" in text


async def test_r_renames_the_highlighted_member_as_the_rules_allow(workspace_with_group: Workspace) -> None:
    async with at_home(workspace_with_group, (100, 36)) as (app, pilot):
        table = await on_roster_list(pilot, "Ada L.")
        await press_keys(pilot, "r")
        assert isinstance(app.screen, Ask)
        app.screen.query_one(Input).value = ""
        await press_keys(pilot, *"Augusta King", "enter")
        assert names(workspace_with_group) == ["Alan T.", "Augusta K.", "Grace H."]
        assert [str(row[0]) for row in map(table.get_row_at, range(table.row_count))] == names(workspace_with_group)
        assert str(table.get_row_at(table.cursor_row)[0]) == "Augusta K."


async def test_n_marks_someone_as_no_longer_coming_and_a_new_meeting_does_not_offer_them(
    workspace_with_group: Workspace,
) -> None:
    async with at_home(workspace_with_group, (100, 36)) as (app, pilot):
        await on_roster_list(pilot, "Grace H.")
        await press_keys(pilot, "n")
        assert "no longer coming" in shown_text(app)
        assert [member.retired for member in workspace_with_group.members(group_id(workspace_with_group))] == [
            False, False, True,
        ]
        meeting = workspace_with_group.meeting(group_id(workspace_with_group))
        assert [member.name for member in meeting.roster] == ["Ada L.", "Alan T."]
        meeting.close()
        await press_keys(pilot, "n")
        assert "is coming again" in said(app)[-1]


async def test_m_merges_a_chosen_entry_into_the_highlighted_one_after_asking(workspace_with_group: Workspace) -> None:
    with_namesakes(workspace_with_group)
    async with at_home(workspace_with_group, (100, 36)) as (app, pilot):
        await on_roster_list(pilot, "Jo F. (Mar 2025)")
        await press_keys(pilot, "m")
        assert isinstance(app.screen, Choose)
        await press_keys(pilot, "end", "enter")  # the last choice: the other Jo F., by the order shown
        assert isinstance(app.screen, Confirm)
        assert "a meeting both were marked at counts once" in shown_text(app)
        await press_keys(pilot, "y")
        assert names(workspace_with_group) == ["Ada L.", "Alan T.", "Grace H.", "Jo F."]
        assert said(app)[-1] == "Merged into Jo F.."


async def test_e_erases_someone_after_a_confirmation_that_names_what_goes(workspace_with_group: Workspace) -> None:
    workspace_with_group.unlock(PASSPHRASE)
    gid = group_id(workspace_with_group)
    alan = next(member.id for member in workspace_with_group.members(gid) if member.name == "Alan T.")
    meeting = workspace_with_group.meeting(gid)
    meeting.do(Arrive(alan))
    meeting.note(NoteDraft(NoteKind.FOLLOW_UP, member_id=alan))
    meeting.close()
    workspace_with_group.lock()
    async with at_home(workspace_with_group, (100, 36)) as (app, pilot):
        await on_roster_list(pilot, "Alan T.")
        await press_keys(pilot, "e")
        assert isinstance(app.screen, Confirm)
        question = shown_text(app)
        assert "Erase Alan T." in question and "1 note and follow-up about them is deleted" in question
        await press_keys(pilot, "n")
        assert names(workspace_with_group) == ["Ada L.", "Alan T.", "Grace H."]
        await press_keys(pilot, "e", "y")
        assert names(workspace_with_group) == ["Ada L.", "Grace H."]
        assert workspace_with_group.notes(gid) == []
        assert workspace_with_group.groups()[0].meetings_held == 1


async def test_ctrl_d_deletes_the_group_only_once_its_name_is_typed(workspace_with_group: Workspace) -> None:
    async with at_home(workspace_with_group, (100, 36)) as (app, pilot):
        await press_keys(pilot, "enter", "ctrl+d")
        assert isinstance(app.screen, Ask)
        await press_keys(pilot, *"Wrong name", "enter")
        assert "nothing was deleted" in said(app)[-1]
        assert len(workspace_with_group.groups()) == 1
        await press_keys(pilot, "ctrl+d", *GROUP.lower(), "enter")
        assert isinstance(app.screen, HomeScreen)
        assert workspace_with_group.groups() == []
        assert "No groups yet" in shown_text(app)
