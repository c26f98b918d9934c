"""Co-facilitators from the group's Facilitators tab, and changing one's own passphrase from home.

Every test runs the real app under Pilot on a real vault; the KDF runs in workers, which each test waits for.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from circle.ui.app import CircleApp
from circle.ui.screens.change_passphrase import ChangePassphraseDialog
from circle.ui.screens.dialogs import Confirm
from circle.ui.screens.group import GroupScreen
from circle.ui.screens.home import HomeScreen
from circle.ui.screens.keys_help import KeysHelp
from circle.vault.errors import WrongPassphrase
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace
from tests.app.conftest import PASSPHRASE, at_home, press_keys, said, shown_text, unlock_on_screen

GROUP_NAME = "Tuesday Evening Support"
ROBINS = "river stone lantern meadow"
NEW_PASSPHRASE = "quiet harbour paper kite"


def add_to_group(workspace: Workspace, handle: str = "Robin") -> None:
    """A co-facilitator of the group, added before the app opens; the vault is left locked."""
    workspace.unlock(PASSPHRASE)
    workspace.add_cofacilitator(workspace.groups()[0].id, handle, ROBINS, kdf=FLOOR_KDF)
    workspace.lock()


async def open_facilitators_tab(pilot: Pilot[None]) -> GroupScreen:
    await press_keys(pilot, "enter", "f7")
    screen = pilot.app.screen
    assert isinstance(screen, GroupScreen)
    return screen


async def type_new_cofacilitator(pilot: Pilot[None], handle: str, passphrase: str, repeated: str) -> None:
    """`a` to the form, then Enter from field to field, as a facilitator would."""
    await pilot.press("a", *handle, "enter", *passphrase, "enter", *repeated, "enter")
    await pilot.pause()  # the form's request reaches the screen, which starts the worker
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def listed(app: CircleApp) -> list[str]:
    table = app.screen.query_one("#facilitators-table", DataTable)
    return [str(table.get_row_at(index)[0]) for index in range(table.row_count)]



def passphrase_fields_are_empty(app: CircleApp) -> bool:
    return all(not field.value for field in app.screen.query(Input) if field.password)


async def test_a_co_facilitator_added_from_the_tab_is_listed_and_their_own_passphrase_opens_the_group(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    async with at_home(workspace) as (app, pilot):
        await open_facilitators_tab(pilot)
        assert listed(app) == ["Sam (you)"]
        await type_new_cofacilitator(pilot, "Robin", ROBINS, ROBINS)
        assert listed(app) == ["Sam (you)", "Robin"]
        assert passphrase_fields_are_empty(app)
        assert said(app) == ["Robin can now open Tuesday Evening Support with their own passphrase."]

    workspace.lock()
    workspace.unlock(ROBINS)
    assert workspace.facilitator_handle == "Robin"
    assert [group.name for group in workspace.groups()] == [GROUP_NAME]


async def test_two_different_passphrases_say_so_in_one_line_and_add_nobody(workspace_with_group: Workspace) -> None:
    workspace = workspace_with_group
    async with at_home(workspace) as (app, pilot):
        await open_facilitators_tab(pilot)
        await type_new_cofacilitator(pilot, "Robin", ROBINS, ROBINS + "s")
        assert "The two passphrases are not the same. Type it twice again." in shown_text(app)
        assert passphrase_fields_are_empty(app)
        assert listed(app) == ["Sam (you)"]
        assert len(workspace.facilitators(workspace.groups()[0].id)) == 1


async def test_a_passphrase_that_already_opens_the_vault_is_refused_in_one_line(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    async with at_home(workspace) as (app, pilot):
        await open_facilitators_tab(pilot)
        await type_new_cofacilitator(pilot, "Robin", PASSPHRASE, PASSPHRASE)
        assert "That passphrase already opens this vault; each facilitator needs their own." in shown_text(app)
        assert listed(app) == ["Sam (you)"]
        # Only the passphrase is asked for again.
        assert app.screen.query_one("#facilitator-handle", Input).value == "Robin"
        assert len(workspace.facilitators(workspace.groups()[0].id)) == 1


async def test_removing_a_co_facilitator_asks_first_and_no_keeps_them(workspace_with_group: Workspace) -> None:
    workspace = workspace_with_group
    add_to_group(workspace)
    async with at_home(workspace) as (app, pilot):
        await open_facilitators_tab(pilot)
        await press_keys(pilot, "down", "delete")
        assert isinstance(app.screen, Confirm)
        assert app.screen.question.plain == (
            "Remove Robin from Tuesday Evening Support? The group's key will be changed, "
            "and Robin's passphrase will open nothing written from now on."
        )

        await press_keys(pilot, "n")
        assert isinstance(app.screen, GroupScreen)
        assert listed(app) == ["Sam (you)", "Robin"]
        assert said(app) == ["Nobody was removed."]


async def test_yes_removes_them_the_list_updates_and_their_passphrase_opens_nothing(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    add_to_group(workspace)
    async with at_home(workspace) as (app, pilot):
        await open_facilitators_tab(pilot)
        await press_keys(pilot, "down", "delete", "y")
        assert isinstance(app.screen, GroupScreen)
        assert listed(app) == ["Sam (you)"]
        assert said(app) == ["Robin was removed. Tuesday Evening Support has a new key."]

    workspace.lock()
    with pytest.raises(WrongPassphrase):
        workspace.unlock(ROBINS)
    workspace.unlock(PASSPHRASE)
    assert [group.name for group in workspace.groups()] == [GROUP_NAME]


async def test_removing_yourself_is_refused_in_one_line_without_asking(workspace_with_group: Workspace) -> None:
    workspace = workspace_with_group
    add_to_group(workspace)
    async with at_home(workspace) as (app, pilot):
        await open_facilitators_tab(pilot)
        await press_keys(pilot, "delete")  # the cursor starts on the first row: you
        assert isinstance(app.screen, GroupScreen)
        assert said(app) == ["You cannot remove yourself; another facilitator of the group can."]
        assert listed(app) == ["Sam (you)", "Robin"]


async def test_a_handle_that_looks_like_markup_is_shown_literally_and_clicking_it_quits_nothing(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    handle = "[@click=app.quit]Robin"
    add_to_group(workspace, handle)
    async with at_home(workspace) as (app, pilot):
        await open_facilitators_tab(pilot)
        assert handle in shown_text(app)
        await pilot.click("#facilitators-table", offset=(5, 2))  # on the handle's row
        await press_keys(pilot, "delete")
        assert f"Remove {handle} from" in shown_text(app)
        assert app.screen.question.plain.startswith(f"Remove {handle} from")
        await press_keys(pilot, "n")
        assert app.is_running and isinstance(app.screen, GroupScreen)


async def test_a_passphrase_typed_but_not_submitted_is_gone_after_locking(workspace_with_group: Workspace) -> None:
    workspace = workspace_with_group
    async with at_home(workspace) as (app, pilot):
        screen = await open_facilitators_tab(pilot)
        await pilot.press("a", *"Robin", "enter", *ROBINS)
        assert not passphrase_fields_are_empty(app)
        await press_keys(pilot, "ctrl+l")
        await unlock_on_screen(pilot)
        assert app.screen is screen
        assert passphrase_fields_are_empty(app)
        assert screen.query_one("#facilitator-handle", Input).value == "Robin"


async def test_question_mark_on_a_group_lists_f7_and_the_facilitators_keys(workspace_with_group: Workspace) -> None:
    workspace = workspace_with_group
    async with at_home(workspace) as (app, pilot):
        await open_facilitators_tab(pilot)
        await press_keys(pilot, "question_mark")
        assert isinstance(app.screen, KeysHelp)
        shown = shown_text(app)
        for words in ("F1 … F7", "add a co-facilitator", "remove the highlighted facilitator"):
            assert words in shown


async def change_passphrase(pilot: Pilot[None], current: str, new: str) -> None:
    await pilot.press(*current, "enter", *new, "enter", *new, "enter")
    await pilot.pause()  # the fields' message reaches the dialog, which starts the worker
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_changing_the_passphrase_from_home_refuses_a_wrong_one_then_keeps_the_new_one(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    async with at_home(workspace) as (app, pilot):
        await press_keys(pilot, "p")
        dialog = app.screen
        assert isinstance(dialog, ChangePassphraseDialog)

        await change_passphrase(pilot, "not my passphrase", NEW_PASSPHRASE)
        assert app.screen is dialog
        assert "That passphrase does not open this vault." in shown_text(app)
        assert passphrase_fields_are_empty(app)

        await change_passphrase(pilot, PASSPHRASE, NEW_PASSPHRASE)
        assert isinstance(app.screen, HomeScreen)
        assert said(app) == ["Passphrase changed. It cannot be recovered: keep it somewhere safe."]

    workspace.lock()
    with pytest.raises(WrongPassphrase):
        workspace.unlock(PASSPHRASE)
    workspace.unlock(NEW_PASSPHRASE)
    assert workspace.facilitator_handle == "Sam"


async def test_escape_leaves_the_passphrase_as_it_was(workspace_with_group: Workspace) -> None:
    workspace = workspace_with_group
    async with at_home(workspace) as (app, pilot):
        await press_keys(pilot, "p", *"half typed", "escape")
        assert isinstance(app.screen, HomeScreen)
    workspace.lock()
    workspace.unlock(PASSPHRASE)


async def test_g_gives_the_group_to_a_facilitator_of_another_group_with_the_passphrase_they_have(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    workspace.unlock(PASSPHRASE)
    other = workspace.create_group("A Wednesday Group")  # first in the list, so Enter opens it
    workspace.add_cofacilitator(other.id, "Robin", ROBINS, kdf=FLOOR_KDF)
    workspace.lock()
    async with at_home(workspace) as (app, pilot):
        await pilot.press("down")
        await open_facilitators_tab(pilot)
        assert listed(app) == ["Sam (you)"]
        await press_keys(pilot, "g")
        assert "Who else should open this group?" in shown_text(app) and "Robin" in shown_text(app)
        await press_keys(pilot, "enter")
        assert listed(app) == ["Sam (you)", "Robin"]
        await press_keys(pilot, "g")
        assert said(app)[-1] == "Nobody else facilitates your other groups; add someone new with a."
    workspace.lock()
    workspace.unlock(ROBINS)
    assert sorted(overview.name for overview in workspace.groups()) == ["A Wednesday Group", GROUP_NAME]
