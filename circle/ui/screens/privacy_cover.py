"""The privacy cover: every name hidden at once, and only the meeting's timers left on screen.

For the moment someone walks past, leans over, or the laptop has to be turned round. It is
opaque, so nothing of the meeting screen shows through, and it names no one: not the speaker,
not the group. It keeps no meeting of its own either; it asks the meeting screen for the
meeting on every tick, so that locking (which lets go of the meeting and its key) needs
nothing from the cover.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from circle.domain.session import suggested_turn_seconds
from circle.domain.session.timing import format_clock
from circle.language import N_, _
from circle.ui.language import SaysKeysInTheFacilitatorsLanguage
from circle.ui.text import plain
from circle.ui.widgets.line import Line
from circle.ui.widgets.meeting.timer_panel import TimerPanel

if TYPE_CHECKING:
    from circle.domain.session import SessionState
    from circle.workspace import Meeting

# Four times a second: a second never looks skipped.
REFRESH_SECONDS = 0.25
COVER_HINT = N_("Names are hidden. h or Escape: show them again · Ctrl+L: lock")


def part_title(state: SessionState) -> str:
    """Where the meeting is, with no group in it: "Sharing (3 of 5)", and whether it is paused."""
    if state.part is None or state.phase_index is None:
        part = _("Attendance")
    else:
        part = _("{part} ({number} of {parts})").format(
            part=state.part.name_in(_), number=state.phase_index + 1, parts=len(state.phases)
        )
    return _("{part}   ‖ PAUSED").format(part=part) if state.is_paused else part


def timer_row() -> Horizontal:
    """The speaker's, this part's and the whole meeting's timers, side by side."""
    return Horizontal(
        TimerPanel(_("Speaker"), id="speaker-timer"),
        TimerPanel(_("This part"), id="phase-timer"),
        TimerPanel(_("Meeting"), id="meeting-timer"),
        id="timers",
    )


def show_timers(screen: Screen[object], meeting: Meeting, now: datetime, *, name_speaker: bool) -> None:
    """Fill a `timer_row` on `screen`; the speaker is named only when `name_speaker` says so."""
    state = meeting.state
    paused = state.is_paused
    name = meeting.name(state.speaker) if name_speaker and state.speaker else ""
    who: Content | str = plain(name) if name else (_("someone is sharing") if state.in_turn else "")
    if not state.in_turn and state.phase is not None:
        upcoming = suggested_turn_seconds(state, now)
        if upcoming is not None:
            who = _("next turn: {clock}").format(clock=format_clock(upcoming))
    screen.query_one("#speaker-timer", TimerPanel).show(state.speaker_timer, now, who=who, paused=paused)
    screen.query_one("#phase-timer", TimerPanel).show(
        state.phase_timer, now, who=state.part.name_in(_) if state.part else "", paused=paused
    )
    end = state.planned_end_at(now)
    if end:
        ends = _("ends {time}").format(time=f"{end.astimezone():%H:%M}")
    else:
        ends = _("{minutes} min planned").format(minutes=state.planned_minutes)
    screen.query_one("#meeting-timer", TimerPanel).show(state.meeting_timer, now, who=ends, paused=paused)


class PrivacyCover(SaysKeysInTheFacilitatorsLanguage, Screen[None]):
    BINDINGS = [Binding("h,escape", "uncover", N_("Show names"), tooltip=N_("Show the meeting, names and all, again"))]

    def __init__(self, meeting: Callable[[], Meeting | None]) -> None:
        """`meeting` gives the meeting screen's meeting now, or None while the vault is locked."""
        super().__init__()
        self._meeting = meeting

    def compose(self) -> ComposeResult:
        with Vertical(id="privacy-cover"):
            yield Line("", id="cover-title")
            yield timer_row()
            yield Static(_(COVER_HINT), id="cover-hint", markup=False)

    def on_mount(self) -> None:
        self.refresh_timers()
        self.set_interval(REFRESH_SECONDS, self.refresh_timers)

    def refresh_timers(self) -> None:
        meeting = self._meeting()
        if meeting is None or not self.is_attached:
            return  # locked (the meeting was let go), or the app is closing
        self.query_one("#cover-title", Line).show(Content(part_title(meeting.state)))
        show_timers(self, meeting, meeting.now(), name_speaker=False)

    def action_uncover(self) -> None:
        self.dismiss()
