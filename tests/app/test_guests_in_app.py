"""Guests in the meeting screen: counted with a key beside the roster, never named, kept in the record."""

from __future__ import annotations

from dataclasses import replace

from circle.domain.rules import NamesPolicy
from circle.ui.screens.meeting import MeetingScreen
from circle.ui.screens.meeting_summary import MeetingSummaryScreen
from circle.workspace import Workspace
from tests.app.conftest import PASSPHRASE, at_home, press_keys, said, shown_text


async def test_a_facilitator_counts_guests_beside_the_roster_and_the_summary_and_trends_keep_them(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    async with at_home(workspace, (100, 36)) as (app, pilot):
        await press_keys(pilot, "m", "enter")  # one member here
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        await press_keys(pilot, "g", "g", "g", "G")  # three guests, one counted by mistake
        assert screen.meeting.state.guests == 2
        assert screen.meeting.state.headcount == 3
        assert "Guests: 2" in shown_text(app)
        assert "1 here, and 2 guests" in shown_text(app)
        await press_keys(pilot, "c", "y")
        assert isinstance(app.screen, MeetingSummaryScreen)
        shown = str(app.screen.query_one("#summary").render())
        assert "Present        3" in shown
        assert "Guests         2" in shown

    group_id = workspace.groups()[0].id
    assert [m.name for m in workspace.members(group_id)] == ["Ada L.", "Alan T.", "Grace H."]  # nobody added
    (facts,), _ = workspace.trend_facts([group_id])
    assert (facts.headcount, facts.guests) == (3, 2)


async def test_taking_back_a_guest_when_none_is_counted_says_so_and_changes_nothing(
    workspace_with_group: Workspace,
) -> None:
    async with at_home(workspace_with_group, (100, 36)) as (app, pilot):
        await press_keys(pilot, "m", "G")
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        assert screen.meeting.state.guests == 0
        assert said(app)[-1] == "No guest is counted."
        assert len(screen.meeting.events) == 1  # only the opening


async def test_a_group_that_counts_heads_offers_no_guest_key_since_its_count_holds_everyone(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    workspace.unlock(PASSPHRASE)
    group = workspace.groups()[0]
    rules = workspace.group(group.id).rules
    workspace.change_rules(group.id, replace(rules, names=NamesPolicy.HEADCOUNT))
    workspace.lock()
    async with at_home(workspace, (100, 36)) as (app, pilot):
        await press_keys(pilot, "m", "k", "k", "g")
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        assert (screen.meeting.state.headcount, screen.meeting.state.guests) == (2, 0)
        assert "Guests" not in shown_text(app)
