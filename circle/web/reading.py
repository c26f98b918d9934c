"""What the room page is sent: the room's words and its timers as seconds, never a name.

The page keeps time on its own between two answers, so each timer goes out as seconds left
and seconds gone at the moment of answering, and whether it is counting. The speaker's sealed
first name on the board is never read, whatever the group's rules say.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from circle.domain.errors import CircleError
from circle.domain.session.pacer import BREATH
from circle.domain.session.room import NO_MEETING_LINE, OVER_SIGN, RoomView, breathing_seconds, read_room
from circle.domain.session.timing import Timer, TimerState
from circle.workspace import RoomBoard


def room_answer(board: RoomBoard, now: datetime) -> dict[str, Any]:
    """The board read now, as the page's JSON; a damaged board is said so in its caption."""
    try:
        published = board.read()
    except CircleError as error:
        return _quiet(read_room(None, now).headline, str(error))
    view = None if published is None else published.view
    # No speaker_name: the page says "Someone is sharing" even where the rules allow names.
    reading = read_room(view, now)
    if view is None or reading.caption == NO_MEETING_LINE:  # no board, or a meeting long over
        return _quiet(reading.headline, reading.caption)
    return _running(view, reading.headline, reading.caption, now)


def _quiet(headline: str, caption: str) -> dict[str, Any]:
    return {"running": False, "headline": headline, "caption": caption, **_KEY}


def _running(view: RoomView, headline: str, caption: str, now: datetime) -> dict[str, Any]:
    speaking = view.speaker_timer is not None
    return {
        "running": True,
        "headline": headline,
        "caption": caption,
        "closed": view.closed,
        "paused": view.paused,
        "breathing": _breathing(view, now),
        "part_title": "" if view.phase is None else view.part_title or view.phase.title,
        "big": None if view.closed else _timer(view.speaker_timer if speaking else view.phase_timer, now),
        "part": _timer(view.phase_timer, now) if speaking and not view.closed else None,
        "meeting": None if view.closed else _timer(view.meeting_timer, now),
        **_KEY,
    }


def _breathing(view: RoomView, now: datetime) -> dict[str, Any] | None:
    """The pacer's seconds so far, counting on between answers; None when the room has no pacer."""
    seconds = breathing_seconds(view, now)
    return None if seconds is None else {"remaining": 0.0, "elapsed": seconds, "counting": True}


def _timer(timer: Timer | None, now: datetime) -> dict[str, Any] | None:
    if timer is None:
        return None
    return {
        "remaining": timer.remaining(now),
        "elapsed": timer.elapsed(now),
        "counting": not timer.is_paused,
        "last_minute": timer.last_minute_seconds,  # scales with the turn, as on the facilitator's screen
    }


# How the page names a timer's state and paces a breath: the same words and rhythm as the terminal.
_KEY = {
    "states": {state.name.lower(): str(state) for state in TimerState},
    "over_sign": OVER_SIGN,
    "breath": [list(step) for step in BREATH],
}
