"""The format tab: a group's parts added, moved and removed from the keyboard, its words and topics kept."""

from __future__ import annotations

from textual.widgets import Input, Select, TextArea

from circle.domain.meeting_format import PhaseKind, RoundOrderMode
from circle.ui.screens.group import GroupScreen
from circle.ui.widgets.group.editor import with_profile
from circle.workspace import Workspace
from tests.app.conftest import PASSPHRASE, at_home, press_keys, said
from tests.app.drawn import until_still


def kept_format(workspace: Workspace):  # type: ignore[no-untyped-def]
    return workspace.group(workspace.groups()[0].id).profile.format


async def on_format_tab(pilot) -> GroupScreen:  # type: ignore[no-untyped-def]
    await press_keys(pilot, "enter", "f2")
    screen = pilot.app.screen
    assert isinstance(screen, GroupScreen)
    return screen


async def test_an_own_part_added_and_moved_up_is_kept_with_its_words_and_topics_once_saved(
    workspace_with_group: Workspace,
) -> None:
    async with at_home(workspace_with_group, (100, 36)) as (app, pilot):
        screen = await on_format_tab(pilot)
        before = len(kept_format(workspace_with_group).phases)
        screen.query_one("#part-minutes-0", Input).focus()
        await press_keys(pilot, "ctrl+n")  # a new part below the opening, its kind chosen first
        assert screen.focused is screen.query_one("#part-kind-1", Select)
        screen.query_one("#part-kind-1", Select).value = PhaseKind.OWN
        await until_still(pilot)
        screen.query_one("#part-title-1", Input).focus()
        await press_keys(pilot, *"Rose, thorn, bud")
        await press_keys(pilot, "tab", "end", "backspace", "backspace", "7", "ctrl+up")  # moved above the opening
        screen.query_one("#check-in-prompt", Input).value = "How was your week?"
        screen.query_one("#round-order", Select).value = RoundOrderMode.VOLUNTEERS
        screen.query_one("#format-topics", TextArea).text = "Boundaries\nSleep\n"
        await press_keys(pilot, "ctrl+s")
        kept = kept_format(workspace_with_group)
        assert len(kept.phases) == before + 1
        assert (kept.phases[0].kind, kept.phases[0].title, kept.phases[0].minutes) == (PhaseKind.OWN, "Rose, thorn, bud", 7)
        assert kept.phases[1].kind is PhaseKind.OPENING
        assert kept.check_in_prompt == "How was your week?"
        assert kept.round_order is RoundOrderMode.VOLUNTEERS
        assert kept.topics == ("Boundaries", "Sleep")
        await press_keys(pilot, "escape", "enter", "f2")  # reopened: drawn from what was kept
        screen = pilot.app.screen
        assert screen.query_one("#part-title-0", Input).value == "Rose, thorn, bud"
        assert screen.query_one("#part-minutes-0", Input).value == "7"
        assert screen.query_one("#format-topics", TextArea).text == "Boundaries\nSleep"


async def test_a_part_of_too_many_minutes_is_refused_in_one_line_naming_it_and_nothing_is_kept(
    workspace_with_group: Workspace,
) -> None:
    async with at_home(workspace_with_group, (100, 36)) as (app, pilot):
        screen = await on_format_tab(pilot)
        before = kept_format(workspace_with_group)
        screen.query_one("#part-minutes-2", Input).value = "300"
        screen.query_one("#part-minutes-2", Input).focus()
        await press_keys(pilot, "ctrl+s")
        assert said(app)[-1] == "Part 3: a part lasts 1 to 240 minutes."
        assert kept_format(workspace_with_group) == before


async def test_an_own_part_without_a_name_and_a_removed_part_are_told_apart(workspace_with_group: Workspace) -> None:
    async with at_home(workspace_with_group, (100, 36)) as (app, pilot):
        screen = await on_format_tab(pilot)
        before = kept_format(workspace_with_group)
        screen.query_one("#part-minutes-1", Input).focus()
        await press_keys(pilot, "ctrl+r")  # the check-in goes
        assert screen.focused is screen.query_one("#part-kind-1", Select)
        screen.query_one("#part-kind-1", Select).value = PhaseKind.OWN
        await press_keys(pilot, "ctrl+s")
        assert said(app)[-1] == "Part 2: a part of the group's own needs a name."
        screen.query_one("#part-title-1", Input).value = "Reading of the week"
        await press_keys(pilot, "ctrl+s")
        kinds = [phase.kind for phase in kept_format(workspace_with_group).phases]
        assert len(kinds) == len(before.phases) - 1 and kinds[1] is PhaseKind.OWN
        assert PhaseKind.CHECK_IN not in kinds


async def test_a_topic_too_long_or_listed_twice_is_refused_in_one_line_and_nothing_is_kept(
    workspace_with_group: Workspace,
) -> None:
    async with at_home(workspace_with_group, (100, 36)) as (app, pilot):
        screen = await on_format_tab(pilot)
        before = kept_format(workspace_with_group)
        topics = screen.query_one("#format-topics", TextArea)
        topics.text = "Sleep\n" + "x" * 201
        topics.focus()
        await press_keys(pilot, "ctrl+s")
        assert said(app)[-1] == "Topic 2: a topic may be at most 200 characters."
        topics.text = "Sleep\nsleep"
        await press_keys(pilot, "ctrl+s")
        assert said(app)[-1] == "A topic is listed twice."
        assert kept_format(workspace_with_group) == before


async def test_the_language_a_group_meets_in_can_be_changed_on_its_format_tab(workspace_with_group: Workspace) -> None:
    async with at_home(workspace_with_group, (100, 36)) as (app, pilot):
        screen = await on_format_tab(pilot)
        assert screen.query_one("#format-language", Select).value == "en"
        screen.query_one("#format-language", Select).value = "es"
        screen.query_one("#check-in-prompt", Input).focus()
        await press_keys(pilot, "ctrl+s")
        group = workspace_with_group.group(workspace_with_group.groups()[0].id)
        assert group.profile.language == "es"
        assert group.profile.format == kept_format(workspace_with_group)  # the rest of the format as it was


async def test_a_language_code_this_circle_has_no_words_for_is_kept_when_the_format_is_saved(
    workspace_with_group: Workspace,
) -> None:
    workspace_with_group.unlock(PASSPHRASE)
    group = workspace_with_group.group(workspace_with_group.groups()[0].id)
    workspace_with_group.save_group(with_profile(group, language="pt-BR"))  # as a newer circle's handoff left it
    workspace_with_group.lock()
    async with at_home(workspace_with_group, (100, 36)) as (app, pilot):
        screen = await on_format_tab(pilot)
        assert screen.query_one("#format-language", Select).value == "en"  # the words the room gets
        screen.query_one("#check-in-prompt", Input).focus()
        await press_keys(pilot, "ctrl+s")
        assert workspace_with_group.group(group.id).profile.language == "pt-BR"
