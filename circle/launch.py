"""Opening the app on a vault. The vault is opened before the screen takes over, so a refusal
(already open elsewhere, corrupt, unwritable) is one line in the shell."""

from __future__ import annotations

import sys
from pathlib import Path

from circle.domain.errors import CircleError


def open_app(home: Path | None = None) -> None:
    from circle.ui.app import CircleApp
    from circle.workspace import Workspace

    try:
        with Workspace.open(home) as workspace:
            CircleApp(workspace).run()
    except CircleError as error:
        print(f"circle: {error}", file=sys.stderr)
        sys.exit(1)
