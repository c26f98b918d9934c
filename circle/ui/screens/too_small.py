"""A calm cover for a window too small to show circle properly. Nothing underneath is lost."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

MIN_WIDTH, MIN_HEIGHT = 80, 24


def too_small(width: int, height: int) -> bool:
    return width < MIN_WIDTH or height < MIN_HEIGHT


class TooSmallScreen(ModalScreen[None]):
    def compose(self) -> ComposeResult:
        yield Static(
            f"Please make this window a little larger (at least {MIN_WIDTH}×{MIN_HEIGHT}).\n\n"
            "Everything is where you left it, and timers keep running.",
            id="too-small",
        )
