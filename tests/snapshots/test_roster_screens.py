"""How a roster looks when two people are kept under the same name: each shown with the month they joined."""

from __future__ import annotations

from textual.widgets import DataTable


def test_the_roster_tells_two_people_of_the_same_name_apart_by_the_month_they_joined(  # type: ignore[no-untyped-def]
    snap_compare, meeting_app
) -> None:
    async def open_roster(pilot) -> None:  # type: ignore[no-untyped-def]
        pilot.app.show_home()
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # Tuesday Evening Support, whose demo roster has namesakes
        await pilot.pause()
        table = pilot.app.screen.query_one("#roster-table", DataTable)
        table.focus()
        table.move_cursor(row=5)  # the first of two Ben K.
        await pilot.pause()

    assert snap_compare(meeting_app, terminal_size=(120, 36), run_before=open_roster)
