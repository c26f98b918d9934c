"""Under Pilot: the anonymous pulse at closing, from the rules tab to the summary and the stored counts."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from circle.domain.group import PhaseKind
from circle.domain.rules import NamesPolicy
from circle.ui.app import CircleApp
from circle.ui.screens.group import GroupScreen
from circle.ui.screens.meeting import MeetingScreen
from circle.ui.screens.meeting_summary import MeetingSummaryScreen
from circle.ui.screens.pulse import PulseDialog
from circle.workspace import Workspace
from tests.app.conftest import PASSPHRASE, at_home, press_keys, said
from tests.stored_rows import opened_meetings
from tests.app.drawn import until_still

QUESTION = "How hopeful do you feel today? [b]really[/b]"
# From home: open the meeting, mark two of three here, then through every part to the closing (y: on without
# reading the agreements, and with the check-in round not heard).
TWO_HERE_AT_CLOSING = ["m", "enter", "down", "enter", "n", "n", "y", "n", "y", "n", "n"]


def with_pulse(workspace: Workspace, **changes: object) -> str:
    workspace.unlock(PASSPHRASE)
    group = workspace.group(workspace.groups()[0].id)
    workspace.change_rules(group.id, replace(group.rules, pulse_question=QUESTION, **changes))
    return group.id


@pytest.fixture
def pulse_workspace(workspace_with_group: Workspace) -> Workspace:
    """The group asks QUESTION at closing."""
    with_pulse(workspace_with_group)
    return workspace_with_group


def shown(app: CircleApp, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def stored_pulse(workspace: Workspace, session_id: str) -> list[int] | None:
    """The pulse in the meeting's sealed summary; the clear column holds nothing."""
    with sqlite3.connect(workspace.locations.vault_file) as conn:
        [clear] = conn.execute("SELECT pulse FROM sessions WHERE id = ?", [session_id]).fetchone()
    conn.close()
    assert clear is None
    return opened_meetings(workspace.locations.vault_file, PASSPHRASE)[session_id].summary["pulse"]


async def test_the_pulse_is_counted_at_closing_shown_in_the_summary_and_kept_as_counts(
    pulse_workspace: Workspace,
) -> None:
    workspace = pulse_workspace
    async with at_home(workspace, (80, 24)) as (app, pilot):
        await press_keys(pilot, *TWO_HERE_AT_CLOSING)
        meeting = app.screen.meeting
        assert meeting.state.phase is PhaseKind.CLOSING
        assert "u counts them" in shown(app, "#guidance")

        await press_keys(pilot, "u")
        assert isinstance(app.screen, PulseDialog)
        assert shown(app, "#pulse-question") == QUESTION  # the group's words, literally
        await press_keys(pilot, "enter", "1", "enter", "enter", "1", "enter", "enter")  # 0 · 1 · 0 · 1 · 0, saved on 5
        assert isinstance(app.screen, MeetingScreen)
        assert meeting.state.pulse == (0, 1, 0, 1, 0)
        assert "u counts them" not in shown(app, "#guidance")

        await press_keys(pilot, "u")  # counted again: the earlier tally is the starting point
        assert [app.screen.query_one(f"#pulse-{answer}").value for answer in range(1, 6)] == list("01010")
        await press_keys(pilot, "escape")
        assert isinstance(app.screen, MeetingScreen) and meeting.state.pulse == (0, 1, 0, 1, 0)

        await press_keys(pilot, "c", "y")
        assert isinstance(app.screen, MeetingSummaryScreen)
        assert "Pulse          1: 0 · 2: 1 · 3: 0 · 4: 1 · 5: 0" in shown(app, "#summary")

    assert stored_pulse(workspace, meeting.session_id) == [0, 1, 0, 1, 0]


async def test_more_hands_than_people_is_refused_in_the_dialog_and_escape_keeps_nothing(
    pulse_workspace: Workspace,
) -> None:
    workspace = pulse_workspace
    async with at_home(workspace, (80, 24)) as (app, pilot):
        await press_keys(pilot, *TWO_HERE_AT_CLOSING, "u", "3", "ctrl+s")
        assert isinstance(app.screen, PulseDialog)
        assert shown(app, "#pulse-problem") == "That is 3 hands, and 2 people are here."
        await press_keys(pilot, "escape")
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.meeting.state.pulse is None


async def test_u_does_nothing_in_a_group_without_a_pulse_question(workspace_with_group: Workspace) -> None:
    workspace = workspace_with_group
    async with at_home(workspace, (80, 24)) as (app, pilot):
        await press_keys(pilot, *TWO_HERE_AT_CLOSING)
        before, said_before = app.screen.meeting.state, said(app)  # the crisis card's placeholders, once
        assert "u counts them" not in shown(app, "#guidance")
        await press_keys(pilot, "u")
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.meeting.state == before
        assert said(app) == said_before  # no error was shown either


async def test_a_headcount_only_group_counts_its_pulse_with_the_same_key(workspace_with_group: Workspace) -> None:
    workspace = workspace_with_group
    with_pulse(workspace, names=NamesPolicy.HEADCOUNT)
    async with at_home(workspace, (80, 24)) as (app, pilot):
        await press_keys(pilot, "m", "k", "k", "k", "n", "n", "y", "n", "n", "n", "u")  # three in the room, at closing
        assert isinstance(app.screen, PulseDialog)
        await press_keys(pilot, "2", "enter", "1", "ctrl+s")
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.meeting.state.pulse == (2, 1, 0, 0, 0)


async def test_the_rules_tab_turns_the_pulse_on_with_a_question(workspace_with_group: Workspace) -> None:
    workspace = workspace_with_group
    async with at_home(workspace, (100, 36)) as (app, pilot):
        await press_keys(pilot, "enter", "f5")
        assert isinstance(app.screen, GroupScreen)
        app.screen.query_one("#rules-pulse").value = "  How hopeful do you feel today?  "
        await until_still(pilot)
        assert "only the counts are kept" in shown(app, "#rules-meaning")
        app.screen.query_one("#rules-save").press()
        await until_still(pilot)
        group_id = workspace.groups()[0].id
        assert workspace.group(group_id).rules.pulse_question == "How hopeful do you feel today?"
