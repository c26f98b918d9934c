"""The room display: the part of the meeting and a big timer, for a screen the group can see.

It reads the room board a few times a second and works the timers out with its own clock, so
it follows the live meeting within a second and keeps time while the facilitator's screen is
locked. Without names it touches no vault and needs no passphrase. It speaks the language the
board names, the group's, whatever the facilitator's; with no meeting on the board, the facilitator's.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical

from circle.domain.clock import Clock, SystemClock
from circle.domain.errors import CircleError
from circle.domain.session.room import read_room
from circle.domain.session.room_words import state_mark
from circle.language import N_, Words, _, current, words_for
from circle.paths import Locations
from circle.workspace import PublishedRoom, RoomBoard
from circle.ui.hang_up import leave_when_the_terminal_hangs_up
from circle.ui.text import one_line
from circle.ui.ending import EndsInOneLine
from circle.ui.themes.wearing import CircleThemes
from circle.ui.widgets.meeting.big_clock import BigClock
from circle.ui.widgets.line import Line, Paragraph
from circle.ui.widgets.meeting.timer_panel import STATE_CLASSES

# Four looks a second: a change on the facilitator's laptop shows here well within a second.
POLL_SECONDS = 0.25

SpeakerNamer = Callable[[PublishedRoom], str]


class RoomDisplayApp(EndsInOneLine, CircleThemes):
    CSS_PATH = Path(__file__).parent / "styles" / "display.tcss"
    TITLE = N_("circle · room display")
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("q,escape,ctrl+q", "quit", N_("Close the display"), priority=True)]

    def __init__(
        self,
        board: RoomBoard,
        *,
        clock: Clock | None = None,
        namer: SpeakerNamer | None = None,
        topic_reader: SpeakerNamer | None = None,
        where: Locations | None = None,
    ) -> None:
        super().__init__()
        self.title = _(self.TITLE)  # the window's, on the facilitator's screen: their language
        self.wear_themes(where)
        self.board = board
        self.clock = clock or SystemClock()
        self._namer = namer
        self._topic_reader = topic_reader
        self._room: PublishedRoom | None = None
        self._speaker = ""
        self._topic = ""
        self._trouble = ""
        self._headline = Line("", id="room-headline")
        self._topic_line = Line("", id="room-topic")
        self._time = BigClock(id="room-time")
        self._state = Line("", id="room-state")
        self._pacer = Line("", id="room-pacer")
        self._caption = Paragraph("", id="room-caption")
        self._footnote = Paragraph("", id="room-footnote")

    def compose(self) -> ComposeResult:
        with Vertical(id="room"):
            yield self._headline
            yield self._topic_line
            with Center():
                yield self._time
            yield self._state
            yield self._pacer
            yield self._caption
            yield self._footnote

    def on_mount(self) -> None:
        self.report_theme_problems()
        self.poll()
        self.set_interval(POLL_SECONDS, self.poll)
        leave_when_the_terminal_hangs_up(self)

    def poll(self) -> None:
        """Read the board (a few hundred bytes) and redraw; a name is unsealed only when the board changed."""
        try:
            room, self._trouble = self.board.read(), ""
        except CircleError as error:
            room, self._trouble = None, str(error)
        if room != self._room:
            self._room = room
            self._speaker = self._unsealed(self._namer)
            self._topic = self._unsealed(self._topic_reader)
        self.redraw()

    def _unsealed(self, reader: SpeakerNamer | None) -> str:
        """The speaker's name or the topic, if this display holds the key; a seal that does not verify shows nothing."""
        if self._room is None or reader is None:
            return ""
        try:
            return reader(self._room)
        except CircleError:
            return ""

    def redraw(self) -> None:
        """Four times a second; each label repaints only when its text changed."""
        if not self._headline.is_attached:
            return  # the poll can tick once more while the display is closing
        words = self._words()
        reading = read_room(self._room and self._room.view, self.clock.now(), speaker_name=self._speaker, words=words)
        self._headline.show(reading.headline)
        topic = self._topic if self._room is not None and not self._room.view.closed else ""
        self._topic_line.show(one_line(words.gettext("Topic: {topic}").format(topic=topic)) if topic else "")
        self._topic_line.display = bool(topic)
        self._time.show(reading.big_time)
        self._time.display = bool(reading.big_time)
        for state, css_class in STATE_CLASSES.items():
            self.screen.set_class(state is reading.state, css_class)
        paused = self._room is not None and self._room.view.paused
        mark = "" if reading.state is None else state_mark(reading.state, paused, words)
        self._state.show(mark)
        self._pacer.show(reading.pacer)
        self._pacer.display = bool(reading.pacer)
        self._caption.show(one_line(self._trouble or reading.caption))
        self._footnote.show(reading.footnote)

    def _words(self) -> Words:
        """The group's language while a meeting is on the board; the facilitator's when there is none."""
        return words_for(self._room.language if self._room is not None else current())
