"""How co-facilitators and passphrases look: a group's Facilitators tab, and changing one's own passphrase."""

from __future__ import annotations

import pytest

from circle.vault.keyring import FLOOR_KDF

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]


@pytest.mark.parametrize("size", SIZES)
def test_the_facilitators_tab_lists_who_can_open_the_group_then_a_form_to_add_one(  # type: ignore[no-untyped-def]
    snap_compare, meeting_app, size
) -> None:
    workspace = meeting_app.workspace
    first_group = workspace.groups()[0].id  # the one highlighted on home
    workspace.clock.advance(minutes=1)  # added after the demo's facilitator, so listed after them every time
    workspace.add_cofacilitator(first_group, "Robin", "river stone lantern meadow", kdf=FLOOR_KDF)

    async def open_facilitators(pilot) -> None:  # type: ignore[no-untyped-def]
        pilot.app.show_home()
        await pilot.pause()
        await pilot.press("enter", "f7")
        await pilot.pause()

    assert snap_compare(meeting_app, terminal_size=size, run_before=open_facilitators)


@pytest.mark.parametrize("size", SIZES)
def test_changing_the_passphrase_asks_for_the_current_one_then_the_new_one_twice(  # type: ignore[no-untyped-def]
    snap_compare, meeting_app, size
) -> None:
    async def open_dialog(pilot) -> None:  # type: ignore[no-untyped-def]
        pilot.app.show_home()
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()

    assert snap_compare(meeting_app, terminal_size=size, run_before=open_dialog)
