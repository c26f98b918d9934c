"""A group's meetings, newest first: the next one cancelled with its reason, then the meetings held, and the
odd week cancelled in the demo's history."""

from __future__ import annotations

from datetime import date

import pytest

from circle.domain.records import CancelReason

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]


@pytest.mark.parametrize("size", SIZES)
def test_the_meetings_list_shows_each_meetings_status_and_how_many_came(snap_compare, demo_app, size) -> None:  # type: ignore[no-untyped-def]
    async def open_meetings(pilot) -> None:  # type: ignore[no-untyped-def]
        workspace = pilot.app.workspace
        workspace.unlock("demo")
        monday = next(group for group in workspace.groups() if group.name.startswith("Monday"))
        workspace.cancel_meeting(monday.id, date(2026, 3, 9), CancelReason.HOLIDAY)
        pilot.app.show_home()
        await pilot.pause()
        await pilot.press("enter", "f8")
        await pilot.pause()

    assert snap_compare(demo_app(), terminal_size=size, run_before=open_meetings)
