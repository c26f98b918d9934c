"""`circle` and `python -m circle`. Bare `circle` opens the app without loading the CLI's machinery."""

from __future__ import annotations

import sys


def _choose_language() -> None:
    """Before the app or a command is imported: their words marked at import time are then in that language."""
    from circle.config import load_settings
    from circle.language import speak_as_configured
    from circle.paths import locations

    try:
        configured = load_settings(locations().config_file)[0].language
    except (OSError, ValueError):  # a config folder that cannot be read: the app or the command says why
        configured = None
    speak_as_configured(configured)


def main() -> None:
    _choose_language()
    if len(sys.argv) == 1:
        from circle.ui.launch import open_app

        open_app()
        return
    from circle.cli.root import run

    run()


if __name__ == "__main__":
    main()
