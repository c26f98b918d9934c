"""How each part of a meeting looks, at 80×24 and 120×36, on a clock that does not move."""

from __future__ import annotations

import pytest


SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]

# The keys that lead to each part of the 90-minute group (third on the home screen). Its rounds line up in
# the roster's order as they start; y goes on past agreements left unread, or people not yet heard.
TO_MEETING = ["down", "down", "m"]
PARTS = {
    "attendance": ["enter", "down", "enter", "down", "enter"],
    "opening": ["enter", "down", "enter", "N", *"Robin", "enter", "n"],
    "read_aloud": ["enter", "down", "enter", "N", *"Robin", "enter", "n", "v"],
    "keys": ["enter", "n", "question_mark"],
    "check_in": ["enter", "down", "enter", "down", "enter", "n", "r", "n", "space"],
    "sharing": ["enter", "down", "enter", "n", "r", "n", "n", "y", "a", "down", "a", "space"],
    "stepped_out": ["enter", "down", "enter", "n", "r", "n", "space", "s"],
    "crisis_card": ["enter", "down", "enter", "n", "r", "n", "n", "y", "a", "space", "exclamation_mark"],
    "break": ["enter", "n", "n", "y", "n", "y", "n"],
    "closing": ["enter", "down", "enter", "n", "n", "y", "n", "y", "n", "n", "space"],
    "summary": ["enter", "down", "enter", "n", "n", "y", "n", "y", "n", "n", "p", "p", "c", "y"],
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("part", list(PARTS))
def test_each_part_of_a_meeting_is_readable_at_a_glance(snap_compare, meeting_app, part, size) -> None:  # type: ignore[no-untyped-def]
    async def walk_to_part(pilot) -> None:  # type: ignore[no-untyped-def]
        pilot.app.show_home()
        await pilot.pause()
        await pilot.press(*TO_MEETING, *PARTS[part])
        await pilot.pause()

    assert snap_compare(meeting_app, terminal_size=size, run_before=walk_to_part)
