"""Pilot fixtures: a real vault in a temporary folder, opened by the real app."""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from textual.pilot import Pilot

from circle.ui.app import CircleApp
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def empty_workspace(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.open(tmp_path, kdf=FLOOR_KDF) as workspace:
        yield workspace


@pytest.fixture
def workspace_with_group(tmp_path: Path) -> Iterator[Workspace]:
    """A vault with one facilitator and one group of three members, locked."""
    with Workspace.open(tmp_path, kdf=FLOOR_KDF) as workspace:
        workspace.create_facilitator("Sam", PASSPHRASE)
        group = workspace.create_group("Tuesday Evening Support")
        for name in ("Ada Lovelace", "Grace Hopper", "Alan Turing"):
            workspace.add_member(group.id, name)
        workspace.lock()
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
        await pilot.pause()
        yield app, pilot


def shown_text(app: CircleApp) -> str:
    """Every character on the screen as drawn, read back from a screenshot (rows run together)."""
    svg = app.export_screenshot()
    return html.unescape("".join(re.findall(r"<text[^>]*>(.*?)</text>", svg))).replace("\xa0", " ")
