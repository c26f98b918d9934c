"""A whole meeting run from the keyboard, from attendance to the summary."""

from __future__ import annotations

from circle.ui.screens.home import HomeScreen
from circle.ui.screens.meeting import MeetingScreen
from circle.ui.screens.keys_help import KeysHelp
from circle.ui.screens.meeting_summary import MeetingSummaryScreen
from circle.ui.screens.read_aloud import ReadAloudScreen
from circle.workspace import Workspace
from tests.app.conftest import at_home, press_keys, said, shown_text


async def test_a_facilitator_runs_a_whole_meeting_from_attendance_to_summary(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    async with at_home(workspace, (100, 36)) as (app, pilot):
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await press_keys(pilot, "m")  # one keystroke from home to the meeting
        assert isinstance(app.screen, MeetingScreen)
        meeting = app.screen.meeting

        await pilot.press("enter", "down", "enter")  # two of three are here
        await press_keys(pilot, "N", *"Robin Newcomer", "enter")
        assert meeting.state.headcount == 3

        await pilot.press("n")  # opening
        assert meeting.state.full_agreements_due  # a newcomer is here
        await pilot.press("r", "n")  # agreements read in full, on to the check-in
        assert meeting.state.agreements_read_full
        await pilot.press("o")  # roster order
        await pilot.press("space", "space")  # first person checks in
        await pilot.press("p")  # the next one passes
        await pilot.press("space", "plus", "space")  # the last one, with a minute more

        await pilot.press("n")  # sharing
        await press_keys(pilot, "home", "a", "down", "a", "space")
        assert meeting.state.speaker is not None
        await pilot.press("space", "space", "space")
        await press_keys(pilot, "n", "n")  # break, then closing
        assert meeting.state.phase is not None and meeting.state.phase.value == "closing"
        await press_keys(pilot, "c", "y")
        assert isinstance(app.screen, MeetingSummaryScreen)
        shown = str(app.screen.query_one("#summary").render())
        assert "Present        3" in shown
        assert "Newcomers      1" in shown
        assert "Turns passed   1" in shown

    assert workspace.meetings_in_progress() == []
    group_id = workspace.groups()[0].id
    assert workspace.groups()[0].meetings_held == 1
    assert [m.name for m in workspace.members(group_id)] == ["Ada L.", "Alan T.", "Grace H.", "Robin N."]


async def test_a_key_that_does_nothing_here_is_quietly_ignored(workspace_with_group: Workspace) -> None:
    workspace = workspace_with_group
    async with at_home(workspace, (100, 36)) as (app, pilot):
        await press_keys(pilot, "m")
        before, said_before = app.screen.meeting.state, said(app)  # the crisis card's placeholders, once
        await press_keys(pilot, "p", "plus", "a", "x", "q", "F")  # no round, no turn, no queue yet
        assert app.screen.meeting.state == before
        assert said(app) == said_before  # no error was shown either


async def test_the_agreements_open_large_for_reading_aloud_and_enter_records_them_read(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    async with at_home(workspace, (80, 24)) as (app, pilot):
        await press_keys(pilot, "m", "enter", "n")  # one here; on to the opening
        meeting = app.screen.meeting
        await press_keys(pilot, "v")
        assert isinstance(app.screen, ReadAloudScreen)
        text = str(app.screen.query_one("#read-aloud-text").render())
        assert "Limits of confidentiality" in text
        await press_keys(pilot, "escape")  # back without saying they were read
        assert isinstance(app.screen, MeetingScreen) and not meeting.state.agreements_read
        await press_keys(pilot, "v", "enter")
        assert isinstance(app.screen, MeetingScreen) and meeting.state.agreements_read


async def test_question_mark_lists_the_meeting_keys_in_plain_words_and_changes_nothing(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    async with at_home(workspace, (80, 24)) as (app, pilot):
        await press_keys(pilot, "m")
        before = app.screen.meeting.state
        await press_keys(pilot, "question_mark")
        assert isinstance(app.screen, KeysHelp)
        assert "pass: passing is a way of taking part" in shown_text(app)
        await press_keys(pilot, "escape")
        assert isinstance(app.screen, MeetingScreen) and app.screen.meeting.state == before


async def test_a_meeting_can_be_closed_early_with_the_same_key_as_at_the_end(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    async with at_home(workspace, (80, 24)) as (app, pilot):
        await pilot.press("m", "enter", "n", "n", "y")  # into the check-in, the agreements unread
        await press_keys(pilot, "c", "y")
        assert isinstance(app.screen, MeetingSummaryScreen)
    assert workspace.meetings_in_progress() == []


async def test_the_command_palette_offers_the_meeting_actions_by_name(workspace_with_group: Workspace) -> None:
    workspace = workspace_with_group
    async with at_home(workspace, (100, 30)) as (app, pilot):
        await press_keys(pilot, "m", "enter", "n")  # one here; the opening has begun
        meeting = app.screen.meeting
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Pause every timer, or resume them" in titles
        assert "Start the next turn, or end this one" not in titles  # no round in the opening
        await press_keys(pilot, "ctrl+p", *"pause every", "enter")
        assert meeting.state.is_paused


async def test_the_palette_offers_no_screenshot_which_would_write_names_to_an_unsealed_file(
    workspace_with_group: Workspace,
) -> None:
    async with at_home(workspace_with_group, (100, 30)) as (app, pilot):
        await press_keys(pilot, "m")
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert "Screenshot" not in titles and "Keys" not in titles
        assert "Crisis resources and steps" in titles


async def test_the_palette_offers_no_generic_maximize_that_would_hide_the_rest_of_the_meeting(
    workspace_with_group: Workspace,
) -> None:
    async with at_home(workspace_with_group, (100, 30)) as (app, pilot):
        await press_keys(pilot, "m")  # the attendance list has the focus: Textual would offer to maximize it
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert "Maximize" not in titles and "Minimize" not in titles
        assert any("Quit" in title for title in titles)  # what is left of Textual's own still works
