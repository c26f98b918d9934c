"""Hand over on the same laptop: the facilitator locks for a co-facilitator, named first, who unlocks as
themselves and carries on the same meeting, at the same speaker, with the turn's timer unbroken; with nobody
to hand to, circle says so and stays open."""

from __future__ import annotations

import pytest

from circle import language
from circle.domain.session import EventKind
from circle.ui.hand_over import NOBODY_TO_HAND_TO, NOT_YOURS
from circle.ui.screens.crisis_card import CrisisCard
from circle.ui.screens.dialogs import Confirm
from circle.ui.screens.home import HomeScreen
from circle.ui.screens.meeting import MeetingScreen
from circle.ui.screens.unlock import LockScreen
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace
from tests.app.conftest import (
    PASSPHRASE,
    TO_A_SHARING_TURN,
    at_home,
    press_keys,
    said,
    shown_text,
    stopped_clock,
    to_a_sharing_turn,
    unlock_on_screen,
)

ROBINS = "river stone lantern meadow"


def title(app) -> str:  # type: ignore[no-untyped-def]
    """The meeting screen's top line: the group, the part, and who facilitates now."""
    return app.screen.query_one("#meeting-title").content.plain


def with_robin(workspace: Workspace) -> str:
    """Robin, a co-facilitator of the group, with their own passphrase. Returns their id."""
    workspace.unlock(PASSPHRASE)
    group_id = workspace.groups()[0].id
    robin = workspace.add_cofacilitator(group_id, "Robin", ROBINS, kdf=FLOOR_KDF).id
    workspace.lock()
    return robin


async def test_a_takeover_in_the_middle_of_a_turn_carries_on_the_same_turn_with_its_timer_unbroken(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    robin = with_robin(workspace)
    clock = stopped_clock(workspace)
    async with at_home(workspace) as (app, pilot):
        before = await to_a_sharing_turn(pilot)
        speaker = before.meeting.state.speaker
        turn_started = before.meeting.state.speaker_timer
        left_before = turn_started.remaining(clock.now())
        sam = workspace.facilitator_id

        assert title(app).endswith(" · Sam facilitating")
        await press_keys(pilot, "H")
        assert isinstance(app.screen, Confirm)
        assert str(app.screen.question).startswith("Hand the meeting over to Robin?")
        await press_keys(pilot, "y")
        assert isinstance(app.screen, LockScreen)
        assert "Handed over. Robin: type your own passphrase" in shown_text(app)
        clock.advance(45)
        await unlock_on_screen(pilot, ROBINS)

        after = app.screen
        assert isinstance(after, MeetingScreen) and after is not before
        assert workspace.facilitator_handle == "Robin"
        state = after.meeting.state
        assert state.speaker == speaker
        assert state.speaker_timer.started_at == turn_started.started_at
        assert state.speaker_timer.remaining(clock.now()) == pytest.approx(left_before - 45)
        assert [facilitator for facilitator, _ in state.facilitators] == [sam, robin]
        assert after.meeting.events[-1].kind is EventKind.FACILITATOR_CHANGED
        assert title(app).endswith(" · Robin facilitating")  # whose meeting it is now, on the room's laptop

        await press_keys(pilot, "escape")  # stepping away from the meeting: Robin's own home, not Sam's screens
        assert isinstance(app.screen, HomeScreen) and "signed in as Robin" in shown_text(app)


async def test_the_same_facilitator_unlocking_after_a_hand_over_records_no_change(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    with_robin(workspace)
    async with at_home(workspace) as (app, pilot):
        await press_keys(pilot, "m")
        screen = app.screen
        await pilot.press("H", "y")
        await unlock_on_screen(pilot)
        assert app.screen is screen
        assert len(screen.meeting.state.facilitators) == 1


async def test_handing_over_in_a_group_nobody_else_facilitates_says_so_and_circle_stays_open(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    workspace.unlock(PASSPHRASE)
    other = workspace.create_group("Wednesday")
    workspace.add_cofacilitator(other.id, "Kit", "kits own passphrase", kdf=FLOOR_KDF)  # Kit: another group's
    workspace.lock()
    async with at_home(workspace) as (app, pilot):
        screen = await to_a_sharing_turn(pilot)
        assert "facilitating" not in title(app)  # alone with the group: no name to tell apart
        await press_keys(pilot, "H")
        assert app.screen is screen and workspace.is_unlocked
        assert said(app)[-1] == NOBODY_TO_HAND_TO
        assert "Handed over" not in shown_text(app)


async def test_someone_who_does_not_hold_the_group_unlocks_to_their_own_home_and_the_meeting_stays_open(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    workspace.unlock(PASSPHRASE)
    other = workspace.create_group("Wednesday")
    workspace.add_cofacilitator(other.id, "Kit", "kits own passphrase", kdf=FLOOR_KDF)
    group_id = next(overview.id for overview in workspace.groups() if overview.name != "Wednesday")
    workspace.lock()
    async with at_home(workspace) as (app, pilot):
        await press_keys(pilot, "m")
        await pilot.press("ctrl+l")  # a plain lock: a hand over would name only who can take this meeting
        await unlock_on_screen(pilot, "kits own passphrase")
        assert isinstance(app.screen, HomeScreen)
        assert said(app)[-1] == NOT_YOURS  # told, not left to wonder where the meeting went
        assert "Tuesday Evening Support" not in shown_text(app)
        assert "Wednesday" in shown_text(app)
        assert workspace.meetings_in_progress() == []
    workspace.lock()
    workspace.unlock(PASSPHRASE)
    assert workspace.meetings_in_progress() == [group_id]


async def test_step_out_and_hand_over_is_one_action_from_the_crisis_card(workspace_with_group: Workspace) -> None:
    workspace = workspace_with_group
    with_robin(workspace)
    async with at_home(workspace) as (app, pilot):
        await pilot.press(*TO_A_SHARING_TURN)
        await press_keys(pilot, "!")
        assert isinstance(app.screen, CrisisCard)
        await press_keys(pilot, "o")
        await press_keys(pilot, "enter")  # the first person here steps out with the facilitator
        assert isinstance(app.screen, Confirm)  # who takes over is named before circle locks
        await press_keys(pilot, "y")
        assert isinstance(app.screen, LockScreen) and "Handed over" in shown_text(app)
        await unlock_on_screen(pilot, ROBINS)
        meeting = app.screen.meeting
        assert meeting.state.stepped_out_count == 1
        assert workspace.facilitator_handle == "Robin"


async def test_the_summary_says_who_facilitated_which_part_by_handle(workspace_with_group: Workspace) -> None:
    workspace = workspace_with_group
    with_robin(workspace)
    async with at_home(workspace) as (app, pilot):
        await pilot.press(*TO_A_SHARING_TURN)
        await pilot.press("H", "y")
        await unlock_on_screen(pilot, ROBINS)
        await press_keys(pilot, "space", "n", "n", "c", "y")  # end the turn, on through the break to the closing
        shown = shown_text(app)
        assert "meeting closed" in shown
        assert "Facilitated    Sam (opening, check-in, sharing)" in shown
        assert "Robin (sharing, break, closing)" in shown


async def test_the_summary_names_the_parts_each_facilitated_in_the_facilitators_language(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    with_robin(workspace)
    language.use("es")
    try:
        async with at_home(workspace) as (app, pilot):
            await pilot.press(*TO_A_SHARING_TURN)
            await pilot.press("H", "y")
            await unlock_on_screen(pilot, ROBINS)
            await press_keys(pilot, "space", "n", "n", "c", "y")
            shown = shown_text(app)
            assert "Robin (compartir, descanso, cierre)" in shown
    finally:
        language.use(language.ENGLISH)
