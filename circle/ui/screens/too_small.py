"""A calm cover for a window too small to show circle properly. Nothing underneath is lost."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

from circle.language import _

MIN_WIDTH, MIN_HEIGHT = 80, 24


def too_small(width: int, height: int) -> bool:
    return width < MIN_WIDTH or height < MIN_HEIGHT


class TooSmallScreen(ModalScreen[None]):
    def compose(self) -> ComposeResult:
        larger = _("Please make this window a little larger (at least {width}×{height}).")
        kept = _("Everything is where you left it, and timers keep running.")
        yield Static(f"{larger.format(width=MIN_WIDTH, height=MIN_HEIGHT)}\n\n{kept}", id="too-small")
