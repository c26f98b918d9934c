"""Under Pilot: the crisis card, follow-up flags, the debrief, follow-ups on home, and rules that remove."""

from __future__ import annotations

from dataclasses import replace

from circle.domain.group import CrisisResource
from circle.domain.notes import NoteKind, SafetyAction
from circle.domain.rules import NamesPolicy, NotesPolicy
from circle.ui.app import CircleApp
from circle.ui.screens.crisis_card import CrisisCard
from circle.ui.screens.dialogs import Confirm
from circle.ui.screens.follow_ups import FollowUpsScreen
from circle.ui.screens.group import GroupScreen
from circle.ui.screens.home import HomeScreen
from circle.ui.screens.meeting import MeetingScreen
from circle.ui.screens.meeting_summary import MeetingSummaryScreen
from circle.workspace import Workspace
from tests.app.conftest import PASSPHRASE, at_home, press_keys
from tests.app.drawn import until_still


def with_brief_notes_and_a_crisis_line(workspace: Workspace) -> str:
    workspace.unlock(PASSPHRASE)
    group = workspace.group(workspace.groups()[0].id)
    line = CrisisResource("[b]Night line[/b]", "0800 111 222", "any time, free")
    workspace.save_group(replace(group, profile=replace(group.profile, crisis_resources=(line,))))
    workspace.change_rules(group.id, replace(group.rules, notes=NotesPolicy.BRIEF))
    return group.id


def shown(app: CircleApp, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_the_crisis_card_opens_with_one_key_and_records_a_step_out_and_the_action_taken(
    workspace_with_group: Workspace,
) -> None:
    group_id = with_brief_notes_and_a_crisis_line(workspace_with_group)
    async with at_home(workspace_with_group, (100, 36)) as (app, pilot):
        await pilot.press("m", "enter", "n")  # Ada is here; the opening starts
        meeting = app.screen.meeting
        await press_keys(pilot, "exclamation_mark")
        assert isinstance(app.screen, CrisisCard)
        resources = shown(app, "#crisis-resources")
        assert "[b]Night line[/b]" in resources and "0800 111 222" in resources

        await pilot.press("s", "enter")  # stepped out with Ada, the first (and only) one here
        await press_keys(pilot, "a", "down", "enter")  # emergency services
        assert "emergency services" in shown(app, "#crisis-message")
        await press_keys(pilot, "escape")
        assert isinstance(app.screen, MeetingScreen)
        assert meeting.state.stepped_out_count == 1 and meeting.state.is_open

    notes = workspace_with_group.notes(group_id)
    assert [(note.kind, note.action) for note in notes] == [
        (NoteKind.FOLLOW_UP, None),
        (NoteKind.SAFETY, SafetyAction.EMERGENCY_SERVICES),
    ]
    assert notes[0].member_id == workspace_with_group.members(group_id)[0].id


async def test_a_group_without_crisis_resources_is_told_where_to_add_them(workspace_with_group: Workspace) -> None:
    workspace_with_group.unlock(PASSPHRASE)
    group = workspace_with_group.group(workspace_with_group.groups()[0].id)
    workspace_with_group.save_group(replace(group, profile=replace(group.profile, crisis_resources=())))
    async with at_home(workspace_with_group, (100, 36)) as (app, pilot):
        await press_keys(pilot, "m", "exclamation_mark")
        assert "Crisis tab" in shown(app, "#crisis-resources")
        assert "call the emergency number" in shown(app, "#crisis-steps")


async def test_f_flags_the_highlighted_person_for_follow_up_and_home_counts_it(
    workspace_with_group: Workspace,
) -> None:
    group_id = with_brief_notes_and_a_crisis_line(workspace_with_group)
    async with at_home(workspace_with_group, (100, 36)) as (app, pilot):
        await press_keys(pilot, "m", "enter", "f", *"Offer a call", "enter")
        [flag] = workspace_with_group.notes(group_id)
        assert flag.text == "Offer a call"
        await press_keys(pilot, "escape")  # back home; the meeting stays open
        assert isinstance(app.screen, HomeScreen)
        assert shown(app, "#home-follow-ups") == "1 follow-up due · f to see it"
        await press_keys(pilot, "f")
        assert isinstance(app.screen, FollowUpsScreen)
        await press_keys(pilot, "d")
        assert workspace_with_group.follow_ups() == []


async def test_a_flag_for_someone_not_here_is_refused_with_the_reason(workspace_with_group: Workspace) -> None:
    group_id = with_brief_notes_and_a_crisis_line(workspace_with_group)
    async with at_home(workspace_with_group, (100, 36)) as (app, pilot):
        await press_keys(pilot, "m", "f", "enter")  # nobody is marked here yet
        assert workspace_with_group.notes(group_id) == []
        assert any("absent members are never noted" in n.message for n in app._notifications)  # noqa: SLF001


async def test_the_debrief_after_closing_refuses_a_name_of_someone_absent_then_keeps_a_line(
    workspace_with_group: Workspace,
) -> None:
    group_id = with_brief_notes_and_a_crisis_line(workspace_with_group)
    async with at_home(workspace_with_group, (100, 36)) as (app, pilot):
        await press_keys(pilot, "m", "enter", "c", "y")  # Ada came; closed early
        assert isinstance(app.screen, MeetingSummaryScreen)
        await press_keys(pilot, *"Grace was missed", "enter")
        assert "not here" in shown(app, "#debrief-hint")
        app.screen.query_one("#debrief").value = ""
        await press_keys(pilot, *"A quiet evening", "enter")
        assert "Debrief kept" in shown(app, "#debrief-hint")
    assert [note.text for note in workspace_with_group.notes(group_id)] == ["A quiet evening"]


async def test_tightening_names_shows_what_will_be_removed_and_applies_it_only_when_confirmed(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    async with at_home(workspace, (100, 36)) as (app, pilot):
        await press_keys(pilot, "enter", "f5")
        assert isinstance(app.screen, GroupScreen)
        app.screen.query_one("#rules-names").value = NamesPolicy.INITIALS
        app.screen.query_one("#rules-save").press()
        await until_still(pilot)
        assert isinstance(app.screen, Confirm)
        assert "3 names will be cut to initials." in str(app.screen.question)
        await press_keys(pilot, "n")
        group_id = workspace.groups()[0].id
        assert workspace.group(group_id).rules.names is NamesPolicy.FIRST_NAME

        app.screen.query_one("#rules-save").press()
        await pilot.pause()
        await press_keys(pilot, "y")
        assert isinstance(app.screen, GroupScreen)
        assert workspace.group(group_id).rules.names is NamesPolicy.INITIALS
        assert sorted(member.name for member in workspace.members(group_id)) == ["A. L.", "A. T.", "G. H."]
