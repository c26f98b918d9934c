"""Pilot fixtures: a real vault in a temporary folder, opened by the real app."""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator, Iterable, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from circle.domain.clock import FakeClock
from circle.domain.group import Member
from circle.ui.app import CircleApp
from circle.ui.screens.meeting import MeetingScreen
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Meeting, Workspace
from tests.app.drawn import until_still
from tests.meeting_builders import to_a_sharing_turn_of

PASSPHRASE = "correct horse battery staple"
# From home: one meeting, two people here, through the opening and the check-in (y: nobody checked in, on
# anyway) to a sharing turn (part 3 of 5).
TO_A_SHARING_TURN = ("m", "enter", "down", "enter", "n", "r", "n", "n", "y", "home", "a", "space")


@pytest.fixture
def empty_workspace(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.open(tmp_path, kdf=FLOOR_KDF) as workspace:
        yield workspace


@contextmanager
def locked_with_a_group(home: Path, group_name: str, names: Iterable[str]) -> Iterator[Workspace]:
    """A vault with one facilitator and one group of these members, locked: the app starts at the unlock screen."""
    with Workspace.open(home, kdf=FLOOR_KDF) as workspace:
        workspace.create_facilitator("Sam", PASSPHRASE)
        group = workspace.create_group(group_name)
        for name in names:
            workspace.add_member(group.id, name)
        workspace.lock()
        yield workspace


@pytest.fixture
def workspace_with_group(tmp_path: Path) -> Iterator[Workspace]:
    """A vault with one facilitator and one group of three members, locked."""
    names = ("Ada Lovelace", "Grace Hopper", "Alan Turing")
    with locked_with_a_group(tmp_path, "Tuesday Evening Support", names) as workspace:
        yield workspace


def make_app(workspace: Workspace) -> CircleApp:
    return CircleApp(workspace)


@asynccontextmanager
async def at_home(
    workspace: Workspace, size: tuple[int, int] = (80, 24), *, passphrase: str = PASSPHRASE
) -> AsyncIterator[tuple[CircleApp, Pilot[None]]]:
    """The app, unlocked and on the home screen, under Pilot."""
    workspace.unlock(passphrase)
    app = make_app(workspace)
    async with app.run_test(size=size) as pilot:
        app.show_home()
        await until_still(pilot)
        yield app, pilot


async def press_keys(pilot: Pilot[None], *keys: str) -> None:
    """Press the keys, then wait until the screen has handled them and painted the result."""
    await pilot.press(*keys)
    await until_still(pilot)


def stopped_clock(workspace: Workspace) -> FakeClock:
    """A clock for the workspace that moves only when the test moves it."""
    workspace.clock = FakeClock()
    return workspace.clock


async def to_a_sharing_turn(pilot: Pilot[None]) -> MeetingScreen:
    """From home to the first sharing turn of a new meeting of the first group."""
    await press_keys(pilot, *TO_A_SHARING_TURN)
    screen = pilot.app.screen
    assert isinstance(screen, MeetingScreen)
    return screen


def in_a_sharing_turn(workspace: Workspace) -> tuple[Meeting, Member]:
    """Unlock, start a meeting of the first group and a first turn in its sharing; the meeting and its speaker."""
    workspace.unlock(PASSPHRASE)
    group_id = workspace.groups()[0].id
    meeting = workspace.meeting(group_id)
    speaker = workspace.members(group_id)[0]
    to_a_sharing_turn_of(meeting, speaker.id)
    return meeting, speaker


async def unlock_on_screen(pilot: Pilot[None], passphrase: str = PASSPHRASE) -> None:
    """Type the passphrase on the lock or unlock screen, and wait for the key derivation's worker."""
    field = pilot.app.screen.query_one("#passphrase", Input)
    field.focus()
    await pilot.press(*passphrase, "enter")
    await pilot.app.workers.wait_for_complete()
    await until_still(pilot)


def shown_text(app: CircleApp) -> str:
    """Every character on the screen as drawn, read back from a screenshot (rows run together)."""
    svg = app.export_screenshot()
    return html.unescape("".join(re.findall(r"<text[^>]*>(.*?)</text>", svg))).replace("\xa0", " ")


def said(app: CircleApp) -> list[str]:
    """The calm one-line notices shown so far."""
    return [notification.message for notification in app._notifications]  # noqa: SLF001
