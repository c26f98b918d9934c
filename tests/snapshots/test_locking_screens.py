"""The two covers of a meeting at 80×24: the lock screen, and the privacy cover that names no one."""

from __future__ import annotations

import pytest

from tests.snapshots.test_meeting_screens import PARTS, TO_MEETING

COVERS = {
    "privacy": ["h"],
    "lock": ["ctrl+l"],
}


@pytest.mark.parametrize("cover", list(COVERS))
def test_a_sharing_turn_can_be_covered_at_a_keystroke(snap_compare, meeting_app, cover) -> None:  # type: ignore[no-untyped-def]
    async def cover_a_sharing_turn(pilot) -> None:  # type: ignore[no-untyped-def]
        pilot.app.show_home()
        await pilot.pause()
        await pilot.press(*TO_MEETING, *PARTS["sharing"], *COVERS[cover])
        await pilot.pause()

    assert snap_compare(meeting_app, terminal_size=(80, 24), run_before=cover_a_sharing_turn)
