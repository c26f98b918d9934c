"""The unlock screen tells the facilitator what happens to the vault itself: a vault changed outside circle (told in
plain words, nothing written, and they choose whether to go on with it as it is), and an older vault brought to
the newer format (said before it begins)."""

from __future__ import annotations

from pathlib import Path

from circle.domain.roster import RosterEntry
from circle.ui.screens.dialogs import Confirm
from circle.ui.screens.home import HomeScreen
from circle.ui.screens.unlock import FORMAT_UPDATE, UnlockScreen
from circle.workspace import Workspace
from tests.app.conftest import make_app, press_keys, shown_text, unlock_on_screen
from tests.app.drawn import drawn_in, read, until_still
from tests.conftest import PASSPHRASE, unlocked_workspace
from tests.damage import run_sql, table_dump
from tests.older_vaults import make_older


def a_group_with_its_roster_cut_short(home: Path) -> None:
    with unlocked_workspace(home) as vault:
        group = vault.create_group("Tuesday Evening")
        vault.add_members(group.id, [RosterEntry("Ada", None), RosterEntry("Bo", None)])
    run_sql(home, "DELETE FROM members WHERE rowid = 1")


async def test_the_facilitator_is_asked_and_going_on_with_the_vault_as_it_is_unlocks(vault_home: Path):
    a_group_with_its_roster_cut_short(vault_home)
    with Workspace.open(vault_home) as workspace:
        app = make_app(workspace)
        async with app.run_test(size=(100, 30)) as pilot:
            await unlock_on_screen(pilot)
            assert isinstance(app.screen, Confirm)
            assert "changed outside circle" in shown_text(app) and "the roster" in shown_text(app)
            await press_keys(pilot, "y")
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
    with unlocked_workspace(vault_home):
        pass  # accepted: the next unlock goes through as usual


async def test_a_clear_value_circle_never_writes_is_said_on_the_unlock_screen_in_one_sentence(vault_home: Path):
    """Text where a group's format goes, as anyone with the file can write it: no traceback, nothing written."""
    with unlocked_workspace(vault_home) as vault:
        vault.create_group("Tuesday Evening")
    run_sql(vault_home, "UPDATE groups SET format = 'three'")
    before = table_dump(vault_home)
    with Workspace.open(vault_home) as workspace:
        app = make_app(workspace)
        async with app.run_test(size=(100, 30)) as pilot:
            await unlock_on_screen(pilot)
            assert isinstance(app.screen, UnlockScreen) and not workspace.is_unlocked
            said = read(drawn_in(app, app.screen.query_one("#unlock-message")))
            assert said == (
                "The vault is damaged or was tampered with: groups.format holds a value circle never writes. Try again."
            )
    assert table_dump(vault_home) == before


async def test_saying_no_writes_nothing_and_leaves_the_vault_locked(vault_home: Path):
    a_group_with_its_roster_cut_short(vault_home)
    before = table_dump(vault_home)
    with Workspace.open(vault_home) as workspace:
        app = make_app(workspace)
        async with app.run_test(size=(100, 30)) as pilot:
            await unlock_on_screen(pilot)
            await press_keys(pilot, "n")
            assert isinstance(app.screen, UnlockScreen) and not workspace.is_unlocked
            assert "Nothing was written" in shown_text(app)
    assert table_dump(vault_home) == before


async def test_an_older_vault_says_on_the_unlock_screen_that_it_is_brought_up_to_date_before_it_is(
    vault_home: Path,
):
    with unlocked_workspace(vault_home) as vault:
        vault.create_group("Tuesday Evening")
    make_older(vault_home, PASSPHRASE, last_migration="m004_group_format")
    with Workspace.open(vault_home) as workspace:
        app = make_app(workspace)
        async with app.run_test(size=(100, 30)) as pilot:
            told = []
            original = workspace.finish_unlock

            def finish_unlock(*args, **kwargs):  # what the screen said when the update began
                told.append(shown_text(app))
                return original(*args, **kwargs)

            workspace.finish_unlock = finish_unlock
            await unlock_on_screen(pilot)
            await until_still(pilot)
            assert isinstance(app.screen, HomeScreen)
            assert FORMAT_UPDATE[:40] in told[0].replace("\n", " ")
            assert not workspace.format_update_due
