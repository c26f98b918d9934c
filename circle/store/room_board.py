"""The room board: one small file the live meeting writes and the room display reads.

It sits in the data folder as `room.json` (0600), written whole and swapped in with a
rename, so a reader never sees half a file. It holds the room view (timers, no names) and,
only when the group's rules allow first names on the display, the speaker's first name
sealed with the group's key. Reading it needs no vault and no passphrase.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass
from pathlib import Path

from circle.domain.errors import CircleError, InvalidInput
from circle.domain.session.room import RoomView
from circle.paths import PRIVATE_FILE_MODE

BOARD_FORMAT = "circle-room/1"
# Far bigger than any board circle writes; a bigger file is not one.
MAX_BOARD_BYTES = 16_384


class RoomBoardUnreadable(CircleError):
    message = "The room display's file is damaged; it will mend at the meeting's next step."


@dataclass(frozen=True)
class PublishedRoom:
    view: RoomView
    sealed_speaker: bytes | None = None


class RoomBoard:
    def __init__(self, path: Path) -> None:
        self.path = path

    def publish(self, room: PublishedRoom) -> None:
        """Replace the board in one step. Raises OSError when the disk refuses."""
        body = {
            "format": BOARD_FORMAT,
            "view": room.view.to_dict(),
            "speaker": None if room.sealed_speaker is None else base64.b64encode(room.sealed_speaker).decode(),
        }
        staging = self.path.with_name(self.path.name + ".new")
        descriptor = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(json.dumps(body))
        os.replace(staging, self.path)

    def read(self) -> PublishedRoom | None:
        """The board as last published, or None if no meeting has published one."""
        try:
            with self.path.open("rb") as file:
                raw = file.read(MAX_BOARD_BYTES + 1)
        except FileNotFoundError:
            return None
        except OSError:
            raise RoomBoardUnreadable() from None
        try:
            if len(raw) > MAX_BOARD_BYTES:
                raise ValueError("too big")
            body = json.loads(raw)
            if body.get("format") != BOARD_FORMAT:
                raise ValueError("another format")
            speaker = body["speaker"]
            sealed = None if speaker is None else base64.b64decode(speaker, validate=True)
            return PublishedRoom(RoomView.from_dict(body["view"]), sealed)
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError, InvalidInput):
            raise RoomBoardUnreadable() from None
