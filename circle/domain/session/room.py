"""What the room may see: the part of the meeting and its timers, never what anyone said.

The live meeting publishes a `RoomView` after every change; the room display reads it and
works the timers out from their timestamps with its own clock, so it keeps time even when
the facilitator's screen is locked or circle has crashed. The view names nobody. When the
group's rules let the display show first names, the speaker's first name travels beside the
view, sealed (see `circle/store/room_board.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from circle.domain.errors import InvalidInput
from circle.domain.group import PhaseKind
from circle.domain.session import SessionState
from circle.domain.session.checks import is_part_title
from circle.domain.session.pacer import pacer
from circle.domain.session.room_words import part_title
from circle.domain.session.timing import Timer, TimerState, format_clock
from circle.language import ENGLISH, N_, Words, words_for

# Why the room sees each part of the meeting: a few calm words, the same for every group, in the group's language.
_PHASE_LINES = {
    PhaseKind.OPENING: N_("Welcome. We begin with the group's agreements."),
    PhaseKind.GROUNDING: N_("Grounding. Settle in, and breathe."),
    PhaseKind.READING: N_("A reading. Listen, or follow along."),
    PhaseKind.CHECK_IN: N_("Check-in: a few words each. Passing is always fine."),
    PhaseKind.SHARING: N_("Sharing. Passing is always fine."),
    PhaseKind.BREAK: N_("Break. Stretch, breathe, take a moment."),
    PhaseKind.CLOSING: N_("Closing: one word, or one good thing."),
    PhaseKind.OWN: N_("Take the time you need."),
}
GATHERING_LINE = N_("Welcome. The meeting will begin soon.")
CLOSED_LINE = N_("Thank you for coming. What was said here stays here.")
NO_MEETING_LINE = N_("No meeting is running.")
GROUNDING_LINE = N_("A pause to ground ourselves. Breathe along, if you like.")
PAUSED_LINE = N_("Paused. Take the time you need.")
# A meeting this far past its planned end (or its close) is old news: the room sees no meeting.
STALE_AFTER = timedelta(hours=12)
# In the big digits past the end: "+0:09" is time used beyond the turn, where "0:09" would read as time left.
OVER_SIGN = "+"


@dataclass(frozen=True)
class RoomView:
    session_id: str
    group_id: str
    phase: PhaseKind | None
    # The part's own name, the group's words; empty for a part named by its kind (the display names it in the
    # group's language) and before the first part. An older circle wrote the kind's English name here.
    part_title: str
    phase_number: int  # 1-based; 0 before the first part
    phase_count: int
    phase_timer: Timer | None
    speaker_timer: Timer | None
    meeting_timer: Timer | None
    paused: bool
    closed: bool
    names_allowed: bool
    # When the facilitator began a grounding pause, until they end it; the pacer's step is worked out from it.
    grounding_since: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "session_id": self.session_id,
            "group_id": self.group_id,
            "phase": None if self.phase is None else str(self.phase),
            "part_title": self.part_title,
            "phase_number": self.phase_number,
            "phase_count": self.phase_count,
            "phase_timer": _timer_to_dict(self.phase_timer),
            "speaker_timer": _timer_to_dict(self.speaker_timer),
            "meeting_timer": _timer_to_dict(self.meeting_timer),
            "paused": self.paused,
            "closed": self.closed,
            "names_allowed": self.names_allowed,
            "grounding_since": None if self.grounding_since is None else self.grounding_since.isoformat(),
        }

    @classmethod
    def from_dict(cls, raw: Any) -> RoomView:
        """Strict: anything but the exact shape written by `to_dict` raises InvalidInput."""
        try:
            phase = raw["phase"]
            view = cls(
                session_id=_text(raw["session_id"]),
                group_id=_text(raw["group_id"]),
                phase=None if phase is None else PhaseKind(phase),
                part_title=_part_title(raw["part_title"]),
                phase_number=_count(raw["phase_number"]),
                phase_count=_count(raw["phase_count"]),
                phase_timer=_timer_from_dict(raw["phase_timer"]),
                speaker_timer=_timer_from_dict(raw["speaker_timer"]),
                meeting_timer=_timer_from_dict(raw["meeting_timer"]),
                paused=_flag(raw["paused"]),
                closed=_flag(raw["closed"]),
                names_allowed=_flag(raw["names_allowed"]),
                # Absent from a board an older circle wrote: no grounding pause.
                grounding_since=_optional_moment(raw.get("grounding_since")),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise InvalidInput("The room display's file is not one circle wrote.") from error
        return view


def room_view(
    state: SessionState, session_id: str, *, names_allowed: bool, grounding_since: datetime | None = None
) -> RoomView:
    return RoomView(
        session_id=session_id,
        group_id=state.group_id or "",
        phase=state.phase,
        part_title="" if state.part is None else state.part.title,
        phase_number=0 if state.phase_index is None else state.phase_index + 1,
        phase_count=len(state.phases),
        phase_timer=state.phase_timer,
        speaker_timer=state.speaker_timer,
        meeting_timer=state.meeting_timer,
        paused=state.is_paused,
        closed=state.is_closed,
        names_allowed=names_allowed,
        grounding_since=grounding_since if state.is_open else None,
    )


@dataclass(frozen=True)
class RoomReading:
    """The display at one moment: a headline, the big time, its state, a footnote, and the pacer's step."""

    headline: str
    big_time: str
    caption: str
    state: TimerState | None
    footnote: str
    pacer: str = ""  # the breath's step, during a break or a grounding pause; "" otherwise
    quiet: bool = False  # no meeting to show: none on the board, or one long over


_ENGLISH = words_for(ENGLISH)


def read_room(
    view: RoomView | None, now: datetime, *, speaker_name: str = "", words: Words = _ENGLISH
) -> RoomReading:
    """What the room sees at `now`, in `words` (the group's language). The big time is the speaker's turn when
    there is one, else the part's."""
    if view is None or _stale(view, now):
        return RoomReading("circle", "", words.gettext(NO_MEETING_LINE), None, "", quiet=True)
    if view.closed:
        return RoomReading(words.gettext("Thank you"), "", words.gettext(CLOSED_LINE), None, "")
    breathing = breathing_seconds(view, now)
    step = "" if breathing is None else pacer(breathing, words)
    grounding = view.grounding_since is not None
    footnote = _meeting_footnote(view, now, words)
    if view.phase is None:
        caption = words.gettext(GROUNDING_LINE if grounding else GATHERING_LINE)
        return RoomReading(words.gettext("Gathering"), "", caption, None, footnote, step)
    headline = words.gettext("{part} · part {number} of {count}").format(
        part=room_part_title(view, words), number=view.phase_number, count=view.phase_count
    )
    if view.speaker_timer is not None:
        timer = view.speaker_timer
        if speaker_name:
            caption = words.gettext("{name} is sharing").format(name=speaker_name)
        else:
            caption = words.gettext("Someone is sharing")
    else:
        timer, caption = view.phase_timer, words.gettext(_PHASE_LINES[view.phase])
    if view.paused:
        caption = words.gettext(PAUSED_LINE)
    if grounding:
        caption = words.gettext(GROUNDING_LINE)
    state = None if timer is None else timer.state(now)
    big_time = "" if timer is None else over_sign(state) + format_clock(abs(timer.remaining(now)))
    return RoomReading(headline, big_time, caption, state, footnote, step)


def room_part_title(view: RoomView, words: Words) -> str:
    """The part's name as the room sees it; "" before the first part."""
    if view.phase is None:
        return ""
    # A board an older circle wrote holds the kind's English name where this one leaves it empty.
    own = "" if view.part_title == view.phase.title and view.phase is not PhaseKind.OWN else view.part_title
    return part_title(view.phase, own, words)


def over_sign(state: TimerState | None) -> str:
    """'+' ahead of time past the end, so the big digits read as over from across the room, not as time left."""
    return OVER_SIGN if state is TimerState.OVER else ""


def breathing_seconds(view: RoomView, now: datetime) -> float | None:
    """How far into the pacer the room is: since a grounding pause began, or into a running break or grounding
    part; else None.

    Worked out from the clock alone, so every display shows the same step whenever it looks.
    """
    if view.closed:
        return None
    if view.grounding_since is not None:
        return max(0.0, (now - view.grounding_since).total_seconds())
    if view.phase in (PhaseKind.BREAK, PhaseKind.GROUNDING) and not view.paused and view.phase_timer is not None:
        return view.phase_timer.elapsed(now)
    return None


def _stale(view: RoomView, now: datetime) -> bool:
    timer = view.meeting_timer
    if timer is None:
        return False
    if view.closed:
        # A closed meeting's timer is frozen at the close.
        return timer.paused_since is not None and now - timer.paused_since > STALE_AFTER
    return timer.remaining(now) < -STALE_AFTER.total_seconds()


def _meeting_footnote(view: RoomView, now: datetime, words: Words) -> str:
    parts = []
    if view.speaker_timer is not None and view.phase_timer is not None and view.phase is not None:
        parts.append(words.gettext("{part}: {left}").format(
            part=room_part_title(view, words), left=_left(view.phase_timer, now, words)))
    if view.meeting_timer is not None:
        parts.append(words.gettext("Meeting: {left}").format(left=_left(view.meeting_timer, now, words)))
    return "   ·   ".join(parts)


def _left(timer: Timer, now: datetime, words: Words) -> str:
    remaining = timer.remaining(now)
    if remaining >= 0:
        return words.gettext("{time} left").format(time=format_clock(remaining))
    return words.gettext("{time} over").format(time=format_clock(-remaining))


def _timer_to_dict(timer: Timer | None) -> dict[str, Any] | None:
    if timer is None:
        return None
    return {
        "started_at": timer.started_at.isoformat(),
        "budget_seconds": timer.budget_seconds,
        "paused_seconds": timer.paused_seconds,
        "paused_since": None if timer.paused_since is None else timer.paused_since.isoformat(),
    }


def _timer_from_dict(raw: Any) -> Timer | None:
    if raw is None:
        return None
    paused_since = raw["paused_since"]
    return Timer(
        started_at=_moment(raw["started_at"]),
        budget_seconds=_seconds(raw["budget_seconds"]),
        paused_seconds=_seconds(raw["paused_seconds"]),
        paused_since=None if paused_since is None else _moment(paused_since),
    )


def _optional_moment(raw: Any) -> datetime | None:
    return None if raw is None else _moment(raw)


def _moment(raw: Any) -> datetime:
    moment = datetime.fromisoformat(_text(raw))
    if moment.tzinfo is None:
        raise ValueError("a moment without a timezone")
    return moment


def _seconds(raw: Any) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not 0 <= raw < 10**7:
        raise ValueError("not a duration")
    return float(raw)


def _count(raw: Any) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or not 0 <= raw <= 100:
        raise ValueError("not a count")
    return raw


def _flag(raw: Any) -> bool:
    if not isinstance(raw, bool):
        raise TypeError("not a flag")
    return raw


def _text(raw: Any) -> str:
    if not isinstance(raw, str) or len(raw) > 64:
        raise TypeError("not an id or a moment")
    return raw


def _part_title(raw: Any) -> str:
    """A part's name as the room board holds it: one clean short line, since another process wrote the file."""
    if not is_part_title(raw):
        raise TypeError("not a part's name")
    return raw
