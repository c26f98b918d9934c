"""The circle app: first run or unlock, then home."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from textual.screen import Screen

from circle.ui.screens.first_run import FirstRunScreen
from circle.ui.screens.home import HomeScreen
from circle.ui.screens.unlock import UnlockScreen
from circle.vault.keyring import KdfParams
from circle.workspace import Workspace


class CircleApp(App[None]):
    CSS_PATH = "circle.tcss"
    TITLE = "circle"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("ctrl+l", "lock", "Lock", priority=True),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(self, workspace: Workspace, *, kdf: KdfParams | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        # The cost of the KDF for a passphrase chosen here; None means circle's default.
        self.kdf = kdf

    def on_mount(self) -> None:
        self.push_screen(FirstRunScreen() if self.workspace.is_new else UnlockScreen())

    def show_home(self) -> None:
        self._reset_to(HomeScreen())

    def _reset_to(self, screen: Screen[None]) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(screen)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "lock":
            return self.workspace.is_unlocked
        return True

    def action_lock(self) -> None:
        self.workspace.lock()
        self._reset_to(UnlockScreen())
        self.refresh_bindings()
