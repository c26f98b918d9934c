"""The anonymous pulse at closing, where a group's rules take one: the closing's keys and the counting dialog."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.snapshots.test_meeting_screens import PARTS, SIZES, TO_MEETING

QUESTION = "How hopeful do you feel today?"
VIEWS = {"closing": [], "dialog": ["u", "tab", "1", "tab", "3"]}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("view", list(VIEWS))
def test_the_pulse_is_offered_at_closing_and_counted_in_a_small_dialog(  # type: ignore[no-untyped-def]
    snap_compare, meeting_app, view, size
) -> None:
    async def walk_to_view(pilot) -> None:  # type: ignore[no-untyped-def]
        workspace = pilot.app.workspace
        group = workspace.find_group("Tuesday Evening Support")
        workspace.change_rules(group.id, replace(group.rules, pulse_question=QUESTION))
        pilot.app.show_home()
        await pilot.pause()
        await pilot.press(*TO_MEETING, *PARTS["closing"], *VIEWS[view])
        await pilot.pause()

    assert snap_compare(meeting_app, terminal_size=size, run_before=walk_to_view)
