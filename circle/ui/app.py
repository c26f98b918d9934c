"""The circle app: first run or unlock, then home."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual import events
from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from circle.ui.screens.too_small import TooSmallScreen, too_small
from circle.ui.screens.unlock import UnlockScreen
from circle.ui.themes import CircleThemes
from circle.vault.keyring import KdfParams
from circle.workspace import Workspace


class CircleApp(CircleThemes):
    # Absolute, so that subclasses defined elsewhere (benchmarks) still find it.
    CSS_PATH = Path(__file__).parent / "circle.tcss"
    TITLE = "circle"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("ctrl+l", "lock", "Lock", priority=True),
        # Quitting is in the help and the palette; the footer keeps its room for the meeting.
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False),
    ]

    def __init__(self, workspace: Workspace, *, kdf: KdfParams | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        # The cost of the KDF for a passphrase chosen here; None means circle's default.
        self.kdf = kdf
        self.wear_themes(workspace.locations)

    def on_mount(self) -> None:
        self.report_theme_problems()
        self.remember_theme_changes()

    def on_resize(self, event: events.Resize) -> None:
        """Cover a window too small to read, and uncover it when it grows; the screens beneath stay as they were."""
        covered = isinstance(self.screen, TooSmallScreen)
        if too_small(event.size.width, event.size.height) and not covered:
            self.push_screen(TooSmallScreen())
        elif covered and not too_small(event.size.width, event.size.height):
            self.pop_screen()

    def get_default_screen(self) -> Screen[None]:
        """The first screen is the real one (not pushed over a blank), so it paints sooner."""
        if self.workspace.is_new:
            from circle.ui.screens.first_run import FirstRunScreen  # only ever needed once

            return FirstRunScreen()
        return UnlockScreen()

    def show_home(self) -> None:
        # Imported after unlock so that start-up loads only what the unlock screen needs.
        from circle.ui.screens.home import HomeScreen

        self._pop_to_base()
        self.push_screen(HomeScreen())
        # A meeting left open (a crash, a lock, a takeover) comes straight back where it was.
        in_progress = self.workspace.meetings_in_progress()
        if in_progress:
            from circle.ui.screens.meeting import MeetingScreen

            self.push_screen(MeetingScreen(self.workspace.meeting(in_progress[0])))

    def _pop_to_base(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from circle.ui.palette import screen_commands

        yield from screen_commands(self, screen)
        # Textual's own "Keys" panel lists widget internals; circle's screens have `?` for that.
        yield from (command for command in super().get_system_commands(screen) if command.title != "Keys")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "lock":
            return self.workspace.is_unlocked
        return True

    def action_lock(self) -> None:
        self.workspace.lock()
        self._pop_to_base()
        base = self.screen_stack[0]
        if isinstance(base, UnlockScreen):
            base.reset()
        else:
            self.push_screen(UnlockScreen())
        self.refresh_bindings()
