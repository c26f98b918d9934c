"""The first run, as a new facilitator meets it: passphrase, group, agreements, rules, members, home."""

from __future__ import annotations

from textual.widgets import DataTable, Input, TextArea

from circle.ui.screens.first_run import FirstRunScreen
from circle.ui.screens.home import HomeScreen
from circle.ui.screens.unlock import UnlockScreen
from circle.workspace import Workspace
from tests.app.conftest import PASSPHRASE, make_app, press_keys
from tests.app.drawn import until_still


async def type_into(pilot, selector: str, text: str) -> None:  # type: ignore[no-untyped-def]
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = ""
    await pilot.press(*text)


async def test_a_new_facilitator_goes_from_first_run_to_home_then_locks_and_unlocks(
    empty_workspace: Workspace,
) -> None:
    app = make_app(empty_workspace)
    async with app.run_test(size=(100, 36)) as pilot:
        assert isinstance(app.screen, FirstRunScreen)
        await type_into(pilot, "#handle", "Robin")
        await type_into(pilot, "#passphrase", PASSPHRASE)
        await type_into(pilot, "#passphrase-again", PASSPHRASE)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert empty_workspace.is_unlocked

        await type_into(pilot, "#group-name", "Thursday Circle")
        await press_keys(pilot, "enter", "enter")  # to the template list, then choose the highlighted one
        agreements = app.screen.query_one("#agreements-text", TextArea)
        agreements.text = "• We listen.\n• What is said here stays here."
        await press_keys(pilot, "ctrl+s")
        await press_keys(pilot, "ctrl+s")
        await type_into(pilot, "#roster-name", "Ada Lovelace")
        await press_keys(pilot, "enter")
        await pilot.click("#finish")
        await until_still(pilot)

        assert isinstance(app.screen, HomeScreen)
        groups = app.screen.query_one("#groups", DataTable)
        assert groups.row_count == 1
        assert str(groups.get_cell_at((0, 0))) == "Thursday Circle"

        await press_keys(pilot, "ctrl+l")
        assert isinstance(app.screen, UnlockScreen)
        assert not empty_workspace.is_unlocked

        await type_into(pilot, "#passphrase", PASSPHRASE)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

    group_id = empty_workspace.groups()[0].id
    saved = empty_workspace.group(group_id)
    assert saved.profile.agreements.text == "• We listen.\n• What is said here stays here."
    assert [member.name for member in empty_workspace.members(group_id)] == ["Ada L."]
    assert empty_workspace.facilitator_handle == "Robin"


async def test_two_different_passphrases_are_refused_and_nothing_is_created(empty_workspace: Workspace) -> None:
    app = make_app(empty_workspace)
    async with app.run_test(size=(100, 36)) as pilot:
        await type_into(pilot, "#passphrase", PASSPHRASE)
        await type_into(pilot, "#passphrase-again", PASSPHRASE + "!")
        await press_keys(pilot, "enter")
        message = str(app.screen.query_one("#passphrase-message").render())
        assert "not the same" in message
    assert empty_workspace.is_new


async def test_a_passphrase_of_eight_spaces_is_refused_and_nothing_is_created(empty_workspace: Workspace) -> None:
    app = make_app(empty_workspace)
    async with app.run_test(size=(100, 36)) as pilot:
        await type_into(pilot, "#passphrase", " " * 8)
        assert "Too short" in str(app.screen.query_one("#strength").render())
        await type_into(pilot, "#passphrase-again", " " * 8)
        await press_keys(pilot, "enter")
        await app.workers.wait_for_complete()
        message = str(app.screen.query_one("#passphrase-message").render())
        assert "at least 8 characters" in message
        assert isinstance(app.screen, FirstRunScreen)
    assert empty_workspace.is_new


async def test_enter_moves_from_the_name_to_the_passphrase_and_then_to_typing_it_again(
    empty_workspace: Workspace,
) -> None:
    app = make_app(empty_workspace)
    async with app.run_test(size=(100, 36)) as pilot:
        assert app.focused is not None and app.focused.id == "handle"
        await press_keys(pilot, "enter")
        assert app.focused is not None and app.focused.id == "passphrase"
        await press_keys(pilot, "enter")
        assert app.focused is not None and app.focused.id == "passphrase-again"
