"""The main screens in each bundled theme besides calm (calm is every other snapshot), at 80×24 and 120×36."""

from __future__ import annotations

import pytest

from circle.domain.clock import FakeClock
from circle.domain.group import PhaseKind
from circle.store.room_board import RoomBoard
from circle.ui.room_display import RoomDisplayApp
from tests.snapshots.conftest import FIXED_MOMENT
from tests.snapshots.test_meeting_screens import PARTS, SIZES, TO_MEETING
from tests.snapshots.test_room_display_screens import meeting_at

THEMES = ["high-contrast", "night", "daylight"]


def _wearing(theme: str):  # type: ignore[no-untyped-def]
    async def put_on(pilot) -> None:  # type: ignore[no-untyped-def]
        pilot.app.theme = theme
        await pilot.pause()

    return put_on


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("theme", THEMES)
def test_the_unlock_screen_in_each_theme(snap_compare, demo_app, theme, size) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(demo_app(), terminal_size=size, run_before=_wearing(theme))


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("theme", THEMES)
def test_home_in_each_theme(snap_compare, demo_app, theme, size) -> None:  # type: ignore[no-untyped-def]
    async def home(pilot) -> None:  # type: ignore[no-untyped-def]
        await _wearing(theme)(pilot)
        pilot.app.workspace.unlock("demo")
        pilot.app.show_home()
        await pilot.pause()

    assert snap_compare(demo_app(), terminal_size=size, run_before=home)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("theme", THEMES)
def test_a_sharing_turn_in_each_theme(snap_compare, meeting_app, theme, size) -> None:  # type: ignore[no-untyped-def]
    async def sharing(pilot) -> None:  # type: ignore[no-untyped-def]
        await _wearing(theme)(pilot)
        pilot.app.show_home()
        await pilot.pause()
        await pilot.press(*TO_MEETING, *PARTS["sharing"])
        await pilot.pause()

    assert snap_compare(meeting_app, terminal_size=size, run_before=sharing)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("theme", THEMES)
def test_the_room_display_in_each_theme(snap_compare, tmp_path, theme, size) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(FIXED_MOMENT)
    room_file = meeting_at(tmp_path, PhaseKind.SHARING, clock)
    app = RoomDisplayApp(RoomBoard(room_file), clock=clock)
    assert snap_compare(app, terminal_size=size, run_before=_wearing(theme))
