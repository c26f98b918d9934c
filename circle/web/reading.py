"""What the room page is sent: the room's words and its timers as seconds, never a name.

The page keeps time on its own between two answers, so each timer goes out as seconds left
and seconds gone at the moment of answering, and whether it is counting. The speaker's sealed
first name on the board is never read, whatever the group's rules say. Every word is in the language the
board names, the group's; with no meeting on the board, the facilitator's.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from circle.domain.errors import CircleError
from circle.domain.session.pacer import breath_in
from circle.domain.session.room import OVER_SIGN, RoomView, breathing_seconds, read_room, room_part_title
from circle.domain.session.room_words import PAUSED, state_word
from circle.domain.session.timing import Timer, TimerState
from circle.language import N_, Words, current, words_for
from circle.workspace import PublishedRoom, RoomBoard

# What the page says before its first answer and when it stops hearing: in the page itself, in its language.
PAGE_TITLE = N_("circle · room display")
WAITING_LINE = N_("Waiting to hear from circle on this laptop …")
OUT_OF_TOUCH_LINE = N_("Not hearing from circle on this laptop. The timer keeps counting here.")


def room_answer(board: RoomBoard, now: datetime) -> dict[str, Any]:
    """The board read now, as the page's JSON; a damaged board is said so in its caption."""
    try:
        published = board.read()
    except CircleError as error:
        words = spoken(None)
        return _quiet(read_room(None, now, words=words).headline, str(error), words)
    view, words = None if published is None else published.view, spoken(published)
    # No speaker_name: the page says "Someone is sharing" even where the rules allow names.
    reading = read_room(view, now, words=words)
    if view is None or reading.quiet:  # no board, or a meeting long over
        return _quiet(reading.headline, reading.caption, words)
    return _running(view, reading.headline, reading.caption, now, words)


def spoken(published: PublishedRoom | None) -> Words:
    """The group's language while a meeting is on the board; the facilitator's when there is none."""
    return words_for(current() if published is None else published.language)


def _quiet(headline: str, caption: str, words: Words) -> dict[str, Any]:
    return {"running": False, "headline": headline, "caption": caption, **key_for(words)}


def _running(view: RoomView, headline: str, caption: str, now: datetime, words: Words) -> dict[str, Any]:
    speaking = view.speaker_timer is not None
    return {
        "running": True,
        "headline": headline,
        "caption": caption,
        "closed": view.closed,
        "paused": view.paused,
        "breathing": _breathing(view, now),
        "part_title": room_part_title(view, words),
        "big": None if view.closed else _timer(view.speaker_timer if speaking else view.phase_timer, now),
        "part": _timer(view.phase_timer, now) if speaking and not view.closed else None,
        "meeting": None if view.closed else _timer(view.meeting_timer, now),
        **key_for(words),
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


def key_for(words: Words) -> dict[str, Any]:
    """How the page names a timer's state and paces a breath, and the words it puts together itself: the same
    words and rhythm as the terminal, in `words`' language."""
    return {
        "language": words.code,
        "states": {state.name.lower(): state_word(state, words) for state in TimerState},
        "over_sign": OVER_SIGN,
        "breath": [list(step) for step in breath_in(words)],
        "words": {
            "paused": words.gettext(PAUSED),
            "part": words.gettext("{part}: {left}"),
            "meeting": words.gettext("Meeting: {left}"),
            "left": words.gettext("{time} left"),
            "over": words.gettext("{time} over"),
            "out_of_touch": words.gettext(OUT_OF_TOUCH_LINE),
        },
    }
