"""The room board: one small file the live meeting writes and the room display reads.

It sits in the data folder as `room.json` (0600), written whole and swapped in with a
rename, so a reader never sees half a file. It holds the room view (timers, no names) and,
only when the group's rules allow first names on the display, the speaker's first name
sealed with the group's key, and the code of the language the group meets in, so that the display speaks it.
Reading it needs no vault and no passphrase.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from circle.domain.errors import CircleError, InvalidInput
from circle.domain.json_fields import load_json
from circle.domain.session.room import RoomView
from circle.files import NotARegularFile, read_at_most, replace_atomically
from circle.language import ENGLISH, LANGUAGES

BOARD_FORMAT = "circle-room/1"
# Far bigger than any board circle writes; a bigger file is not one.
MAX_BOARD_BYTES = 16_384


class RoomBoardUnreadable(CircleError):
    message = "The room display's file is damaged; it will mend at the meeting's next step."


@dataclass(frozen=True)
class PublishedRoom:
    view: RoomView
    sealed_speaker: bytes | None = None
    sealed_topic: bytes | None = None  # the meeting's topic, the group's words: sealed as the speaker's name is
    # The group's language, by its code. Shown to the room anyway, so not sealed: a display that holds no key
    # still speaks it.
    language: str = ENGLISH


class RoomBoard:
    def __init__(self, path: Path) -> None:
        self.path = path

    def publish(self, room: PublishedRoom) -> None:
        """Replace the board in one step. Raises OSError when the disk refuses."""
        body = {
            "format": BOARD_FORMAT,
            "view": room.view.to_dict(),
            "speaker": _encoded(room.sealed_speaker),
            "topic": _encoded(room.sealed_topic),
            "language": room.language,
        }
        # Rewritten at every step and worthless after the meeting: not worth a sync to disk each time.
        replace_atomically(self.path, json.dumps(body).encode("utf-8"), durable=False)

    def clear(self) -> None:
        """No meeting on the board any more: the display goes back to its quiet screen."""
        self.path.unlink(missing_ok=True)

    def clear_if_showing(self, session_id: str) -> None:
        """Clear the board only if it shows this meeting: another group's meeting may be on it."""
        try:
            shown = self.read()
        except RoomBoardUnreadable:
            return
        if shown is not None and shown.view.session_id == session_id:
            self.clear()

    def grounding_since(self, session_id: str) -> datetime | None:
        """When this meeting's grounding pause began, as the board says; it outlives a lock or a crash there."""
        try:
            shown = self.read()
        except RoomBoardUnreadable:
            return None
        if shown is None or shown.view.session_id != session_id:
            return None
        return shown.view.grounding_since

    def read(self) -> PublishedRoom | None:
        """The board as last published, or None if no meeting has published one."""
        try:
            # Only a regular file, opened without blocking: a pipe put in its place would hang every reader.
            raw = read_at_most(self.path, MAX_BOARD_BYTES)
        except FileNotFoundError:
            return None
        except (OSError, NotARegularFile):
            raise RoomBoardUnreadable() from None
        if raw is None:
            raise RoomBoardUnreadable()
        try:
            body = load_json(raw, max_bytes=MAX_BOARD_BYTES)
            if body.get("format") != BOARD_FORMAT:
                raise ValueError("another format")
            speaker = _decoded(body["speaker"])
            topic = _decoded(body.get("topic"))  # absent from a board written before topics
            language = _language(body.get("language"))  # absent from a board written before languages
            return PublishedRoom(RoomView.from_dict(body["view"]), speaker, topic, language)
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError, InvalidInput):
            raise RoomBoardUnreadable() from None


def _language(code: object) -> str:
    """A language this circle speaks; anything else (another process wrote this file) is English."""
    return code if isinstance(code, str) and code in LANGUAGES else ENGLISH


def _encoded(sealed: bytes | None) -> str | None:
    return None if sealed is None else base64.b64encode(sealed).decode()


def _decoded(text: object) -> bytes | None:
    if text is None:
        return None
    if not isinstance(text, str):
        raise TypeError("not base64 text")
    return base64.b64decode(text, validate=True)
