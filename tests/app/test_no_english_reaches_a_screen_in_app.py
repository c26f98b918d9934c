"""The one proof that no English written in the code reaches a screen: every main screen of the app, walked under
Pilot at 80×24 in the bracketed language, draws no English word outside the brackets but data (the group's own
words, names, the facilitator's handle) and key names."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from circle.ui.app import CircleApp
from circle.ui.room_display import RoomDisplayApp
from circle.ui.screens.crisis_card import CrisisCard
from circle.ui.screens.follow_ups import FollowUpsScreen
from circle.ui.screens.group import GroupScreen
from circle.ui.screens.group_tabs import TABS, tab_key
from circle.ui.screens.home import HomeScreen
from circle.ui.screens.meeting import MeetingScreen
from circle.ui.screens.trends import TrendsScreen
from circle.workspace import RoomBoard, Workspace
from tests.app.conftest import TO_A_SHARING_TURN, at_home, press_keys
from tests.app.test_group_settings_in_spanish_in_app import (
    screen_text,
    the_groups_own_words,
)
from tests.app.test_home_trends_unlock_in_spanish_in_app import english_outside_brackets
from tests.language_probe import bracketed

SIZE = (80, 24)
HANDLE = "Sam"
# Key names as the `?` screens write them: the same in every language.
KEY_WORDS = ["Enter", "Ctrl", "Shift", "Space", "Tab", "Escape", "Home", "End", "PgUp", "PgDn", "Del"]

Walk = Callable[[CircleApp, Pilot[None]], Awaitable[list[str]]]


async def _seen(app: CircleApp, allowed: list[str], where: str) -> list[str]:
    """English outside the brackets, but for the start of a data word that a narrow cell cut off."""
    data = {word.casefold() for phrase in allowed for word in phrase.split()}
    return [
        f"{where}: {word}"
        for word in english_outside_brackets(app, [*allowed, *KEY_WORDS])
        if not any(whole.startswith(word.casefold()) for whole in data)
    ]


def walks(allowed: list[str]) -> dict[str, Walk]:
    """From home, to each screen; each gives back the English words it drew outside the brackets."""

    async def home(app: CircleApp, pilot: Pilot[None]) -> list[str]:
        assert isinstance(app.screen, HomeScreen)
        return await _seen(app, allowed, "home")

    async def group_tabs(app: CircleApp, pilot: Pilot[None]) -> list[str]:
        await press_keys(pilot, "enter")
        assert isinstance(app.screen, GroupScreen)
        found = []
        for tab in TABS:
            await press_keys(pilot, tab_key(tab).lower())
            found += await _seen(app, allowed, f"group, {tab}")
        return found

    async def meeting_parts(app: CircleApp, pilot: Pilot[None]) -> list[str]:
        found = []
        for step, key in enumerate(TO_A_SHARING_TURN):
            await press_keys(pilot, key)
            found += await _seen(app, allowed, f"meeting, after {step + 1} keys")
        assert isinstance(app.screen, MeetingScreen)
        for part in range(6):  # on through the break and the closing, to the end of the format
            await press_keys(pilot, "n")
            found += await _seen(app, allowed, f"meeting, part {part + 2} after sharing")
        return found

    async def summary(app: CircleApp, pilot: Pilot[None]) -> list[str]:
        await press_keys(pilot, *TO_A_SHARING_TURN, "c")
        found = await _seen(app, allowed, "closing the meeting")
        await press_keys(pilot, "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        return found + await _seen(app, allowed, "summary")

    async def crisis_card(app: CircleApp, pilot: Pilot[None]) -> list[str]:
        await press_keys(pilot, *TO_A_SHARING_TURN, "exclamation_mark")
        assert isinstance(app.screen, CrisisCard)
        return await _seen(app, allowed, "crisis card")

    async def keys_help(app: CircleApp, pilot: Pilot[None]) -> list[str]:
        found = []
        await press_keys(pilot, "question_mark")
        found += await _seen(app, allowed, "? on home")
        await press_keys(pilot, "escape", *TO_A_SHARING_TURN, "question_mark")
        return found + await _seen(app, allowed, "? in a meeting")

    async def trends(app: CircleApp, pilot: Pilot[None]) -> list[str]:
        await press_keys(pilot, "t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, TrendsScreen)
        return await _seen(app, allowed, "trends")

    async def follow_ups(app: CircleApp, pilot: Pilot[None]) -> list[str]:
        await press_keys(pilot, "f")
        assert isinstance(app.screen, FollowUpsScreen)
        return await _seen(app, allowed, "follow-ups")

    return {
        "home": home,
        "group tabs": group_tabs,
        "meeting parts": meeting_parts,
        "summary": summary,
        "crisis card": crisis_card,
        "? help": keys_help,
        "trends": trends,
        "follow-ups": follow_ups,
    }


@pytest.mark.parametrize("screen", list(walks([])))
async def test_no_english_literal_reaches_this_screen(
    workspace_with_group: Workspace, in_brackets: None, screen: str
) -> None:
    allowed = [*the_groups_own_words(workspace_with_group), HANDLE]
    async with at_home(workspace_with_group, SIZE) as (app, pilot):
        assert await walks(allowed)[screen](app, pilot) == []


async def test_no_english_literal_reaches_the_room_display_while_no_meeting_is_on(
    workspace_with_group: Workspace,
) -> None:
    """With no meeting on the board the display speaks the facilitator's language; with one, the group's (whose
    own words are tested with each group's language). The display reads a real catalog by its language's code
    ("es"), so the bracketed language shows as Spanish there: the proof is that no English word it draws is drawn
    in the other language."""
    in_english = said_lines(await room_display_text(workspace_with_group))
    assert in_english  # it does say something
    with bracketed():
        now = said_lines(await room_display_text(workspace_with_group))
    assert now & in_english == set()


def said_lines(text: str) -> set[str]:
    """Each line that holds words, but the app's name, which is the same in every language."""
    lines = {" ".join(line.split()) for line in text.splitlines()}
    return {line for line in lines if re.search(r"[A-Za-z]{2}", line) and line != "circle"}


async def room_display_text(workspace: Workspace) -> str:
    display = RoomDisplayApp(RoomBoard(workspace.locations.room_file), where=workspace.locations)
    async with display.run_test(size=SIZE) as pilot:
        await pilot.pause()
        return "\n".join(strip.text for strip in display.screen._compositor.render_strips())
