"""Hostile text pasted into the real app at its first run: kept clean, shown literally, and nothing crashes.

The app under Pilot is slow, so this is a short explicit list rather than generated text: each sample is
something that has broken terminal apps before (markup, escape sequences, direction overrides, marks).
"""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input, TextArea

from circle.domain.group import group_name
from circle.domain.rules import ConfidentialityRules
from circle.domain.text import sanitise
from circle.ui.screens.home import HomeScreen
from circle.workspace import Workspace
from circle.workspace import checked_handle
from tests.app.conftest import make_app, shown_text
from tests.app.drawn import until_still
from tests.fuzz.checks import is_clean, is_clean_line

PASSPHRASE = "river stone lantern meadow"
# (handle, group name, member name, agreements): each row a first run, with a different hostile piece in each field.
SAMPLES = {
    "markup, escapes and overrides": (
        "[@click=app.quit]Robin[/]",
        "Tues\x1b[31mday\x9b2J \x1b]8;;http://x\x07link",
        "\u200fAda \u202eKing\u202c 李",
        "[bold]•[/] We listen.\r\n\x1b[2J\x85• e\u0301 [/]",
    ),
    "escapes, marks and markup": (
        "\x1b[2JRo\u202ebin\x07",
        "[bold]Zoe\u0308[/] \u2066circle\u2069 👩🏽‍🦱",
        "[b]Ada[/b]\x1b]52;c;eA==\x07 Lovelace",
        "• \u202eWe listen.\u202c\n• [link=x]Pass[/link]\x00",
    ),
}


async def paste(pilot, selector: str, text: str) -> None:  # type: ignore[no-untyped-def]
    """Paste into a field after emptying it: the app gets the paste, as from a terminal, and hands it on."""
    field = pilot.app.screen.query_one(selector)
    field.focus()
    if isinstance(field, Input):
        field.value = ""
    else:
        field.text = ""
    await pilot.pause()
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


@pytest.mark.parametrize(("handle", "name", "member", "agreements"), SAMPLES.values(), ids=SAMPLES.keys())
async def test_hostile_text_pasted_at_the_first_run_is_kept_clean_and_shown_as_typed(
    empty_vault: Workspace, handle: str, name: str, member: str, agreements: str
) -> None:
    app = make_app(empty_vault)
    async with app.run_test(size=(120, 36)) as pilot:
        await paste(pilot, "#handle", handle)
        await paste(pilot, "#passphrase", PASSPHRASE)
        await paste(pilot, "#passphrase-again", PASSPHRASE)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await paste(pilot, "#group-name", name)
        await pilot.press("enter", "enter")  # to the template list, then choose the highlighted one
        await pilot.pause()
        await paste(pilot, "#agreements-text", agreements)
        pasted = app.screen.query_one("#agreements-text", TextArea).text  # its own idea of line ends
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+s")  # the rules as the template sets them
        await pilot.pause()
        await paste(pilot, "#roster-name", member)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.click("#finish")
        await until_still(pilot)

        assert app.is_running and isinstance(app.screen, HomeScreen)
        screen = shown_text(app)
        # Shown literally: markup stays characters, and what an escape left behind is plain text.
        assert group_name(name) in screen
        assert checked_handle(handle) in screen

    workspace = empty_vault
    group = workspace.group(workspace.groups()[0].id)
    assert group.name == group_name(name) and is_clean_line(group.name)
    assert workspace.facilitator_handle == checked_handle(handle)
    assert [kept.name for kept in workspace.members(group.id)] == [ConfidentialityRules().name_to_keep(member)]
    # The agreements keep every line pasted, and lose every control character.
    assert group.profile.agreements.text == sanitise(pasted).strip() and is_clean(group.profile.agreements.text)
    assert "We listen." in group.profile.agreements.text
