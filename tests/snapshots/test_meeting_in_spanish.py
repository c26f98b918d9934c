"""A meeting on a Spanish-speaking facilitator's screen at 80×24: a sharing turn, the opening and the summary.

The group is the demo's, written in English: its agreements and prompts are its own words and stay as they are."""

from __future__ import annotations


import pytest

from tests.snapshots.test_meeting_screens import PARTS, TO_MEETING


@pytest.mark.parametrize("part", ["sharing", "opening", "summary"])
def test_a_meeting_in_spanish_reads_whole_at_80x24(snap_compare, meeting_app, in_spanish, part) -> None:  # type: ignore[no-untyped-def]
    async def walk_to_part(pilot) -> None:  # type: ignore[no-untyped-def]
        pilot.app.show_home()
        await pilot.pause()
        await pilot.press(*TO_MEETING, *PARTS[part])
        await pilot.pause()

    assert snap_compare(meeting_app, terminal_size=(80, 24), run_before=walk_to_part)
