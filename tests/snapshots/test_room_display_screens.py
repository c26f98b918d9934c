"""How the room display looks during a turn, a break and a grounding pause, at 80×24 and 120×36."""

from __future__ import annotations

from pathlib import Path

import pytest

from circle.demo import build_demo
from circle.domain.clock import FakeClock
from circle.domain.group import PhaseKind
from circle.domain.session import Arrive, NextPhase, StartTurn
from circle.store.room_board import RoomBoard
from circle.ui.room_display import RoomDisplayApp
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace
from tests.snapshots.conftest import FIXED_MOMENT

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]


def meeting_at(home: Path, part: PhaseKind, clock: FakeClock, *, grounding: bool = False) -> Path:
    build_demo(home, kdf=FLOOR_KDF, clock=clock)
    with Workspace.open(home, clock=clock) as workspace:
        workspace.unlock("demo")
        group_id = next(
            overview.id
            for overview in workspace.groups()
            if PhaseKind.BREAK in {phase.kind for phase in workspace.group(overview.id).profile.format.phases}
        )
        meeting = workspace.meeting(group_id)
        members = workspace.members(group_id)[:4]
        for member in members:
            meeting.do(Arrive(member.id))
        while meeting.state.phase is not part:
            clock.advance(minutes=3)
            meeting.do(NextPhase(confirmed=True))
        if part is PhaseKind.SHARING:
            meeting.do(StartTurn(members[1].id))
        if grounding:
            meeting.ground(True)
        clock.advance(100)
        return workspace.locations.room_file


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("part", [PhaseKind.SHARING, PhaseKind.BREAK], ids=["turn", "break"])
def test_the_room_display_is_readable_from_across_the_room(snap_compare, tmp_path, part, size) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(FIXED_MOMENT)
    room_file = meeting_at(tmp_path, part, clock)
    assert snap_compare(RoomDisplayApp(RoomBoard(room_file), clock=clock), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_a_grounding_pause_shows_the_pacer_over_a_turn_from_across_the_room(snap_compare, tmp_path, size) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(FIXED_MOMENT)
    room_file = meeting_at(tmp_path, PhaseKind.SHARING, clock, grounding=True)
    assert snap_compare(RoomDisplayApp(RoomBoard(room_file), clock=clock), terminal_size=size)
