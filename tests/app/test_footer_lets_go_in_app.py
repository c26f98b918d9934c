"""The footer shows a meeting's keys afresh after every turn and pause; the keys it took away are let go,
or a meeting of three hours would keep every key it ever showed in memory."""

from __future__ import annotations

import gc
import weakref

from textual.widgets._footer import FooterKey

from tests.app.conftest import at_home, press_keys, to_a_sharing_turn


async def test_a_meeting_footer_shown_again_after_each_pause_keeps_none_of_the_keys_it_took_away(
    workspace_with_group,
):
    async with at_home(workspace_with_group) as (_, pilot):
        screen = await to_a_sharing_turn(pilot)
        shown_first = [weakref.ref(key) for key in screen.query(FooterKey)]
        assert shown_first
        for _ in range(4):
            await press_keys(pilot, "space")  # a pause and its end: the footer's keys change each time
        gc.collect()
        assert [ref() for ref in shown_first if ref() is not None] == []
        assert list(screen.query(FooterKey))  # and the footer still shows its keys
