"""How the first screens look, at a laptop's half width (80×24) and at a comfortable 120×36."""

from __future__ import annotations

import pytest

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]


async def _unlocked(pilot) -> None:  # type: ignore[no-untyped-def]
    pilot.app.workspace.unlock("demo")
    pilot.app.show_home()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_the_unlock_screen_asks_only_for_the_passphrase(snap_compare, demo_app, size) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(demo_app(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_the_first_run_explains_the_passphrase_before_asking_for_it(snap_compare, new_vault_app, size) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(new_vault_app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_home_lists_groups_with_their_next_and_last_meeting(snap_compare, demo_app, size) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(demo_app(), terminal_size=size, run_before=_unlocked)


@pytest.mark.parametrize("size", SIZES)
def test_a_groups_rules_say_what_each_one_means_for_members(snap_compare, demo_app, size) -> None:  # type: ignore[no-untyped-def]
    async def open_rules(pilot) -> None:  # type: ignore[no-untyped-def]
        await _unlocked(pilot)
        await pilot.press("enter", "f5")
        await pilot.pause()

    assert snap_compare(demo_app(), terminal_size=size, run_before=open_rules)


@pytest.mark.parametrize("size", SIZES)
def test_the_when_tab_says_the_schedule_in_words_with_its_next_date(snap_compare, demo_app, size) -> None:  # type: ignore[no-untyped-def]
    async def choose_monthly(pilot) -> None:  # type: ignore[no-untyped-def]
        await _unlocked(pilot)
        await pilot.press("enter", "f3", "enter", "down", "down", "enter")  # weekly → monthly, not saved
        await pilot.pause()

    assert snap_compare(demo_app(), terminal_size=size, run_before=choose_monthly)
