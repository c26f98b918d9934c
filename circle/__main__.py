"""`circle` and `python -m circle`. Bare `circle` opens the app without loading the CLI's machinery."""

from __future__ import annotations

import sys


def main() -> None:
    if len(sys.argv) == 1:
        from circle.ui.launch import open_app

        open_app()
        return
    from circle.cli.root import run

    run()


if __name__ == "__main__":
    main()
