"""Opening the app on a vault. The vault is opened before the screen takes over, so a refusal
(already open elsewhere, corrupt, unwritable) is one line in the shell."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from circle.domain.errors import CircleError
from circle.domain.text import sanitise_line
from circle.paths import Locations

if TYPE_CHECKING:
    from circle.ui.ending import EndsInOneLine


def open_app(home: Path | None = None) -> None:
    from circle.ui.app import CircleApp
    from circle.workspace import Workspace

    try:
        with Workspace.open(home) as workspace:
            app = CircleApp(workspace)
            app.run()
    except CircleError as error:
        print(f"circle: {sanitise_line(str(error))}", file=sys.stderr)
        sys.exit(1)
    _say_why_it_stopped(app)


def _say_why_it_stopped(app: EndsInOneLine) -> None:
    """A problem that ended the app (the vault gone, a bug) has its one line in the shell, and a failing status."""
    if app.stopped_by is not None:
        print(f"circle: {app.stopped_by}", file=sys.stderr)
        sys.exit(1)


def open_room_display(where: Locations, *, passphrase: Callable[[], str] | None = None) -> None:
    """Without a passphrase the display reads only the room board; with one (asked for only when it is
    needed) it unlocks a read-only view of the vault, to show the speaker's first name."""
    from circle.workspace import RoomBoard
    from circle.ui.room_display import RoomDisplayApp

    board = RoomBoard(where.room_file)
    if passphrase is None:
        display = RoomDisplayApp(board, where=where)
        display.run()
        _say_why_it_stopped(display)
        return
    from circle.workspace import Workspace

    with Workspace.open_to_read(where) as workspace:
        workspace.unlock(passphrase())
        display = RoomDisplayApp(
            board, namer=workspace.speaker_for_room, topic_reader=workspace.topic_for_room, where=where
        )
        display.run()
    _say_why_it_stopped(display)
