"""The room display of a group that meets in Spanish, at 80×24: a turn, and a break with the pacer."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from circle.domain.clock import FakeClock
from circle.domain.group import PhaseKind
from circle.store.room_board import RoomBoard
from circle.ui.room_display import RoomDisplayApp
from circle.workspace import Workspace
from tests.snapshots.conftest import FIXED_MOMENT
from tests.snapshots.test_room_display_screens import meeting_at


def spanish_meeting_at(home: Path, part: PhaseKind, clock: FakeClock) -> Path:
    """The demo's meeting at `part`, its group meeting in Spanish (the facilitator's app stays English)."""
    room_file = meeting_at(home, part, clock)
    with Workspace.open(home, clock=clock) as workspace:
        workspace.unlock("demo")
        board = RoomBoard(room_file)
        published = board.read()
        assert published is not None
        group = workspace.group(published.view.group_id)
        workspace.save_group(replace(group, profile=replace(group.profile, language="es")))
        meeting = workspace.meeting(group.id)
        meeting.publish_to_room()
    return room_file


@pytest.mark.parametrize("part", [PhaseKind.SHARING, PhaseKind.BREAK], ids=["turn", "break"])
def test_a_spanish_groups_room_display_reads_whole_at_80x24(snap_compare, tmp_path, part) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(FIXED_MOMENT)
    room_file = spanish_meeting_at(tmp_path, part, clock)
    assert snap_compare(RoomDisplayApp(RoomBoard(room_file), clock=clock), terminal_size=(80, 24))
