"""A crisis card still holding the template's placeholder contacts is flagged once as a meeting begins."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import DataTable

from circle.domain.group import CrisisResource
from circle.ui.screens.crisis_card import CrisisCard
from circle.ui.screens.group_tabs import tab_key
from circle.ui.screens.meeting import MeetingScreen
from circle.ui.screens.meeting_words import PLACEHOLDERS_LINE
from circle.workspace import Workspace
from tests.app.conftest import PASSPHRASE, at_home, press_keys, said, shown_text


async def test_a_new_meeting_says_once_that_the_crisis_card_has_placeholders_and_how_to_fix_them(
    workspace_with_group: Workspace,
) -> None:
    async with at_home(workspace_with_group, (100, 36)) as (app, pilot):
        await press_keys(pilot, "m")
        assert isinstance(app.screen, MeetingScreen)
        assert said(app) == [PLACEHOLDERS_LINE]

        await press_keys(pilot, "escape", "m")  # the same meeting, picked up again
        assert isinstance(app.screen, MeetingScreen)
        assert said(app) == [PLACEHOLDERS_LINE]


async def test_the_keys_the_placeholder_line_names_lead_to_the_crisis_numbers(workspace_with_group: Workspace) -> None:
    async with at_home(workspace_with_group, (100, 36)) as (app, pilot):
        await press_keys(pilot, "m")
        crisis = tab_key("crisis")
        assert f"Escape to your groups, Enter, then {crisis} (Crisis)" in PLACEHOLDERS_LINE
        await press_keys(pilot, "escape", "enter", crisis.lower())
        assert app.screen.query_one("#crisis-table", DataTable).row_count == 2


async def test_the_crisis_card_flags_each_placeholder_and_not_a_real_number(workspace_with_group: Workspace) -> None:
    workspace_with_group.unlock(PASSPHRASE)
    group = workspace_with_group.group(workspace_with_group.groups()[0].id)
    kept = group.profile.crisis_resources[1]  # the template's "Your local emergency number"
    resources = (CrisisResource("Night line", "0800 111 222"), kept)
    workspace_with_group.save_group(replace(group, profile=replace(group.profile, crisis_resources=resources)))
    async with at_home(workspace_with_group, (120, 36)) as (app, pilot):
        await press_keys(pilot, "m", "exclamation_mark")
        assert isinstance(app.screen, CrisisCard)
        lines = str(app.screen.query_one("#crisis-resources").render()).splitlines()
        night = next(line for line in lines if "Night line" in line)
        emergency = next(line for line in lines if kept.contact in line)
        assert "placeholder" not in night
        assert "placeholder" in emergency and tab_key("crisis") in emergency


async def test_a_group_whose_crisis_numbers_are_set_starts_its_meeting_without_a_word(
    workspace_with_group: Workspace,
) -> None:
    workspace_with_group.unlock(PASSPHRASE)
    group = workspace_with_group.group(workspace_with_group.groups()[0].id)
    resources = (CrisisResource("Night line", "0800 111 222"),)
    workspace_with_group.save_group(replace(group, profile=replace(group.profile, crisis_resources=resources)))
    async with at_home(workspace_with_group) as (app, pilot):
        await press_keys(pilot, "m")
        assert isinstance(app.screen, MeetingScreen)
        assert said(app) == []
        assert "placeholder" not in shown_text(app)


async def test_the_groups_crisis_tab_flags_the_placeholders_where_they_are_fixed(
    workspace_with_group: Workspace,
) -> None:
    async with at_home(workspace_with_group, (120, 36)) as (app, pilot):
        await press_keys(pilot, "enter", tab_key("crisis").lower())
        table = app.screen.query_one("#crisis-table", DataTable)
        contacts = [str(table.get_row_at(row)[1]) for row in range(table.row_count)]
        assert contacts and all(contact.startswith("⚠ placeholder: ") for contact in contacts)
