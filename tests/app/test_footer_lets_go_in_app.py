"""The footer shows a meeting's keys afresh whenever they change; the keys it took away are let go,
or a meeting of three hours would keep every key it ever showed in memory."""

from __future__ import annotations

import gc
import weakref

from textual.widgets._footer import FooterKey

from tests.app.conftest import at_home, press_keys, to_a_sharing_turn


async def test_a_meeting_footer_shown_again_for_each_part_keeps_none_of_the_keys_it_took_away(
    workspace_with_group,
):
    async with at_home(workspace_with_group) as (app, pilot):
        screen = await to_a_sharing_turn(pilot)
        shown_first = [weakref.ref(key) for key in screen.query(FooterKey)]
        assert shown_first
        alive = []
        for _ in range(2):
            for _ in range(3):  # a turn ends and the next part starts, asked and confirmed: new keys each time
                await press_keys(pilot, "space", "n", "y", "space", "space", "z", "z")
            gc.collect()
            alive.append(sum(isinstance(thing, FooterKey) for thing in gc.get_objects()))
        assert [ref() for ref in shown_first if ref() is not None and not ref().is_attached] == []
        assert alive[1] <= alive[0]  # as many keys after six parts as after three
        assert list(screen.query(FooterKey))  # and the footer still shows its keys
