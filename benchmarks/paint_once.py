"""Start an app headless, wait until its first real screen is painted, exit, and print peak memory.

    python -m benchmarks.paint_once bare
    python -m benchmarks.paint_once circle HOME [LANGUAGE]

Both apps poll for their screen the same way, so the poll costs the same on both sides.
"""

from __future__ import annotations

import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


def _exit_once_painted(app: App[None], ready: object) -> None:
    def check() -> None:
        if ready():  # type: ignore[operator]
            app.call_after_refresh(app.exit)

    app.set_interval(0.002, check)


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("A bare Textual app", id="bare")
        yield Footer()

    def on_mount(self) -> None:
        _exit_once_painted(self, lambda: bool(self.query("#bare")))


def run_circle(home: str, language: str) -> None:
    from circle.language import speak_as_configured

    speak_as_configured(language)  # as `circle` does first, from config.toml
    from circle.ui.app import CircleApp
    from circle.ui.screens.unlock import UnlockScreen
    from circle.workspace import Workspace

    class TimedCircle(CircleApp):
        def on_mount(self) -> None:
            _exit_once_painted(
                self, lambda: isinstance(self.screen, UnlockScreen) and bool(self.screen.query("#passphrase"))
            )

    with Workspace.open(home) as workspace:
        TimedCircle(workspace).run(headless=True, size=(120, 36))


def main() -> None:
    if sys.argv[1] == "bare":
        BareApp().run(headless=True, size=(120, 36))
    else:
        run_circle(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "en")
    print(peak_memory_kib())


def peak_memory_kib() -> int:
    """VmHWM: this process's own peak resident memory (getrusage would carry over the parent's)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


if __name__ == "__main__":
    main()
