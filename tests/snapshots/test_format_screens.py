"""How a group's own format looks: the format tab that edits it, and a meeting's opening with its topic."""

from __future__ import annotations

import pytest

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]


@pytest.mark.parametrize("size", SIZES)
def test_the_format_tab_lists_the_parts_with_their_keys_words_and_topics(snap_compare, meeting_app, size) -> None:  # type: ignore[no-untyped-def]
    async def open_format(pilot) -> None:  # type: ignore[no-untyped-def]
        pilot.app.show_home()
        await pilot.pause()
        await pilot.press("enter", "f2")  # the demo group with a format of its own, first on the home screen
        await pilot.pause()
        pilot.app.screen.query_one("#part-minutes-0").focus()
        await pilot.pause()

    assert snap_compare(meeting_app, terminal_size=size, run_before=open_format)


@pytest.mark.parametrize("size", SIZES)
def test_the_opening_shows_the_meetings_topic_and_the_key_for_another(snap_compare, meeting_app, size) -> None:  # type: ignore[no-untyped-def]
    async def to_the_opening(pilot) -> None:  # type: ignore[no-untyped-def]
        pilot.app.show_home()
        await pilot.pause()
        await pilot.press("m", "enter", "n")
        await pilot.pause()

    assert snap_compare(meeting_app, terminal_size=size, run_before=to_the_opening)
