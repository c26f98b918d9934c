"""A meeting in the group's own format, walked part by part with n: each part says what to do, in its words."""

from __future__ import annotations

from circle.domain.meeting_format import MeetingFormat, Phase, PhaseKind
from circle.ui.screens.dialogs import Confirm
from circle.ui.screens.meeting import MeetingScreen
from circle.ui.screens.meeting_summary import MeetingSummaryScreen
from circle.ui.widgets.group.editor import with_profile
from circle.workspace import Workspace
from tests.app.conftest import at_home, press_keys, said

G, R, C, S, B, X = (
    PhaseKind.GROUNDING, PhaseKind.READING, PhaseKind.CHECK_IN, PhaseKind.SHARING, PhaseKind.BREAK, PhaseKind.CLOSING
)
OWN_FORMAT = MeetingFormat(
    phases=(
        Phase(G, 5),
        Phase(R, 5, "Reading of the week"),
        Phase(C, 15, turn_minutes=2),
        Phase(S, 30),
        Phase(B, 10),
        Phase(S, 20, "Sharing after the break"),
        Phase(X, 10),
    ),
    check_in_prompt="Rose, thorn and bud: one of each.",
    closing_prompt="One thing you take with you.",
    topics=("Boundaries", "Sleep", "Asking for help"),
)


def in_own_format(workspace: Workspace) -> None:
    workspace.unlock("correct horse battery staple")
    group = workspace.groups()[0]
    workspace.save_group(with_profile(workspace.group(group.id), format=OWN_FORMAT))
    workspace.lock()


def guidance_text(screen: MeetingScreen) -> str:
    return str(screen.query_one("#guidance").render())


async def test_a_meeting_in_the_groups_own_format_says_what_each_part_is_from_grounding_to_closing(
    workspace_with_group: Workspace,
) -> None:
    in_own_format(workspace_with_group)
    async with at_home(workspace_with_group, (100, 36)) as (app, pilot):
        await press_keys(pilot, "m")
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        meeting = screen.meeting
        assert meeting.state.topic == "Boundaries"  # the first meeting takes the top of the list
        assert "Topic: Boundaries (w chooses another)" in guidance_text(screen)
        assert "Press n to begin with the grounding." in guidance_text(screen)
        await press_keys(pilot, "w", "down", "enter")  # the facilitator chooses another from the list
        assert app.screen is screen and meeting.state.topic == "Sleep"
        await press_keys(pilot, "enter")  # one person here
        expected = [
            (G, "Grounding: breathe together"),
            (R, "Reading of the week.\n\nRead aloud: Sleep"),
            (C, "Rose, thorn and bud: one of each."),
            (S, "Sharing. a adds"),
            (B, "Break."),
            (S, "Sharing after the break. a adds"),
            (X, "One thing you take with you."),
        ]
        for number, (kind, words) in enumerate(expected, 1):
            await press_keys(pilot, "n")
            if isinstance(app.screen, Confirm):  # leaving the check-in before the one here has had a turn
                assert kind is S
                await press_keys(pilot, "y")
            assert (meeting.state.phase, meeting.state.phase_index) == (kind, number - 1)
            assert words in guidance_text(screen), (number, guidance_text(screen))
        assert meeting.state.phases[2].turn_seconds == 120  # the check-in's own turn
        await press_keys(pilot, "w")  # too late to change the topic: no list is offered
        assert meeting.state.topic == "Sleep"
        assert "during its opening" in said(app)[-1]
        await press_keys(pilot, "c", "y")
        assert isinstance(app.screen, MeetingSummaryScreen)
        assert "Topic          Sleep" in str(app.screen.query_one("#summary").render())
    kept = workspace_with_group.kept_meetings(workspace_with_group.groups()[0].id)
    assert [meeting.topic for meeting in kept] == ["Sleep"]


async def test_the_next_meeting_takes_the_first_topic_not_yet_taken(workspace_with_group: Workspace) -> None:
    in_own_format(workspace_with_group)
    async with at_home(workspace_with_group, (100, 36)) as (app, pilot):
        await press_keys(pilot, "m", "w", "down", "enter", "escape")  # "Sleep", chosen in place of "Boundaries"
        await press_keys(pilot, "m")
        await press_keys(pilot, "c", "y")
        await press_keys(pilot, "escape")
    workspace_with_group.unlock("correct horse battery staple")
    group_id = workspace_with_group.groups()[0].id
    meeting = workspace_with_group.meeting(group_id)
    assert meeting.state.topic == "Boundaries"
