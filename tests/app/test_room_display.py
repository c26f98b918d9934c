"""The room display, run as the real app beside a real meeting on a real vault."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from textual.widgets import Static

from circle.domain.clock import FakeClock
from circle.domain.group import PhaseKind
from circle.domain.session.room import CLOSED_LINE, GATHERING_LINE, NO_MEETING_LINE
from circle.domain.session import Arrive, NextPhase, StartTurn
from circle.paths import locations
from circle.store.room_board import RoomBoard
from circle.ui.room_display import POLL_SECONDS, RoomDisplayApp
from circle.ui.widgets.meeting.big_clock import big_text, fitting_scale
from circle.workspace import Workspace
from tests.app.conftest import PASSPHRASE, in_a_sharing_turn, press_keys


def _shown(app: RoomDisplayApp, part: str) -> str:
    return str(app.query_one(f"#room-{part}", Static).render())


def _in_blocks(app: RoomDisplayApp, clock_text: str) -> str:
    """`clock_text` drawn as the display draws it at its size."""
    wide, tall = fitting_scale(clock_text, app.size.width - 2, app.size.height)
    return big_text(clock_text, wide=wide, tall=tall)


def _display(workspace: Workspace, **options) -> RoomDisplayApp:  # type: ignore[no-untyped-def]
    return RoomDisplayApp(RoomBoard(workspace.locations.room_file), clock=workspace.clock, **options)


async def test_the_display_follows_the_live_meeting_within_a_second(workspace_with_group: Workspace) -> None:
    workspace = workspace_with_group
    workspace.unlock(PASSPHRASE)
    group_id = workspace.groups()[0].id
    app = _display(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        assert _shown(app, "caption") == NO_MEETING_LINE
        meeting = workspace.meeting(group_id)
        await pilot.pause(POLL_SECONDS * 2)
        assert _shown(app, "caption") == GATHERING_LINE
        for member in workspace.members(group_id):
            meeting.do(Arrive(member.id))
        meeting.do(NextPhase(confirmed=True))
        await pilot.pause(POLL_SECONDS * 2)
        assert _shown(app, "headline").startswith("Opening · part 1 of")
        assert POLL_SECONDS * 2 < 1.0  # the display is never more than a second behind


async def test_the_display_shows_a_turn_without_a_name_and_counts_down_on_its_own_clock(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    clock = FakeClock()
    workspace.clock = clock
    workspace.unlock(PASSPHRASE)
    group_id = workspace.groups()[0].id
    meeting = workspace.meeting(group_id)
    members = workspace.members(group_id)
    meeting.do(Arrive(members[0].id))
    while meeting.state.phase is not PhaseKind.SHARING:
        meeting.do(NextPhase(confirmed=True))
    meeting.do(StartTurn(members[0].id))
    app = _display(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        assert _shown(app, "caption") == "Someone is sharing"
        assert "on time" in _shown(app, "state")
        before = str(app.query_one("#room-time", Static).render())
        clock.advance(61)  # the meeting's laptop does nothing more: the display keeps time itself
        app.poll()
        await pilot.pause()
        assert str(app.query_one("#room-time", Static).render()) != before
        assert members[0].name.split()[0] not in _shown(app, "caption")


async def test_names_appear_only_when_the_rules_allow_and_the_display_was_unlocked(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    workspace.unlock(PASSPHRASE)
    group = workspace.group(workspace.groups()[0].id)
    workspace.change_rules(group.id, replace(group.rules, room_display_names=True))
    speaker = workspace.members(group.id)[0]
    meeting = workspace.meeting(group.id)
    meeting.do(Arrive(speaker.id))
    while meeting.state.phase is not PhaseKind.CHECK_IN:
        meeting.do(NextPhase(confirmed=True))
    meeting.do(StartTurn(speaker.id))
    with Workspace.open_to_read(workspace.locations) as beside:
        beside.unlock(PASSPHRASE)
        app = _display(workspace, namer=beside.speaker_for_room)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert _shown(app, "caption") == f"{speaker.name.split()[0]} is sharing"
    without_names = _display(workspace)
    async with without_names.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert _shown(without_names, "caption") == "Someone is sharing"


async def test_the_meetings_topic_shows_under_the_part_once_the_display_was_unlocked(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    workspace.unlock(PASSPHRASE)
    group = workspace.group(workspace.groups()[0].id)
    fmt = replace(group.profile.format, topics=("Rose, thorn and bud",))
    workspace.save_group(replace(group, profile=replace(group.profile, format=fmt)))
    workspace.meeting(group.id).do(NextPhase())
    with Workspace.open_to_read(workspace.locations) as beside:
        beside.unlock(PASSPHRASE)
        app = _display(workspace, topic_reader=beside.topic_for_room)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert _shown(app, "topic") == "Topic: Rose, thorn and bud"
    locked = _display(workspace)  # without the key the topic stays sealed, and no line is kept for it
    async with locked.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not locked.query_one("#room-topic").display


async def test_without_names_the_display_needs_no_vault_at_all(
    workspace_with_group: Workspace, tmp_path: Path
) -> None:
    workspace = workspace_with_group
    workspace.unlock(PASSPHRASE)
    meeting = workspace.meeting(workspace.groups()[0].id)
    meeting.do(NextPhase(confirmed=True))
    elsewhere = locations(tmp_path / "screen-by-the-door")
    elsewhere.data.mkdir(parents=True)
    shutil.copy(workspace.locations.room_file, elsewhere.room_file)
    app = RoomDisplayApp(RoomBoard(elsewhere.room_file), clock=workspace.clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert _shown(app, "headline").startswith("Opening")
    assert not elsewhere.vault_file.exists()


async def test_a_damaged_board_shows_one_calm_line_and_the_display_recovers(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    workspace.unlock(PASSPHRASE)
    workspace.locations.room_file.write_text("{ half a file")
    app = _display(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "damaged" in _shown(app, "caption")
        meeting = workspace.meeting(workspace.groups()[0].id)
        meeting.do(NextPhase(confirmed=True))
        meeting.close()
        app.poll()
        await pilot.pause()
        assert _shown(app, "caption") == CLOSED_LINE


async def test_q_closes_the_display(workspace_with_group: Workspace) -> None:
    app = _display(workspace_with_group)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_keys(pilot, "q")
    assert app.return_code == 0


async def test_a_turn_run_over_carries_a_plus_sign_in_the_big_digits(workspace_with_group: Workspace) -> None:
    workspace = workspace_with_group
    clock = FakeClock()
    workspace.clock = clock
    meeting, _ = in_a_sharing_turn(workspace)
    turn = meeting.state.speaker_timer
    assert turn is not None
    clock.advance(turn.budget_seconds + 9)
    app = _display(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = str(app.query_one("#room-time", Static).render())
        assert shown == _in_blocks(app, "+0:09")
        assert shown != _in_blocks(app, "0:09")  # which would read as nine seconds left
        assert _shown(app, "state") == "● over"
