"""One timer at a glance: a title, the time, and its state in words as well as colour."""

from __future__ import annotations

import gettext

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content

from circle.domain.session.room_words import state_mark
from circle.domain.session.timing import Timer, TimerState, format_clock
from circle.language import Words, _, ngettext
from circle.ui.widgets.line import Line
from circle.ui.widgets.ticking import TickingLine


class _SaidToTheFacilitator(gettext.NullTranslations):
    """The facilitator's language as a catalog, for the words the room display also says in the group's."""

    def gettext(self, message: str) -> str:
        return _(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return ngettext(msgid1, msgid2, n)


# The facilitator's language, whichever it is when a panel is drawn.
FACILITATORS = Words("", _SaidToTheFacilitator())
STATE_CLASSES = {
    TimerState.ON_TIME: "-on-time",
    TimerState.LAST_MINUTE: "-last-minute",
    TimerState.OVER: "-over",
}
# The states that change the panel's border as well as its state line's colour.
BORDER_STATES = (TimerState.LAST_MINUTE, TimerState.OVER)


class TimerPanel(Vertical):
    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="timer-panel")
        self.border_title = title
        self._who = Line("", classes="timer-who")
        self._time = TickingLine("–", classes="timer-time")
        self._state_line = Line("", classes="timer-state")
        self._shown_state: TimerState | None = None  # the state its colour classes say

    def compose(self) -> ComposeResult:
        yield self._who
        yield self._time
        yield self._state_line

    def show(self, timer: Timer | None, now, *, who: Content | str = "", paused: bool = False) -> None:  # type: ignore[no-untyped-def]
        self._who.show(who)
        state = None if timer is None else timer.state(now)
        if state is not self._shown_state:
            self._restyle(state)
        if timer is None:
            self._time.show("–")
            self._state_line.show("")
            return
        remaining = timer.remaining(now)
        if remaining >= 0:
            shown = _("{time} left").format(time=format_clock(remaining))
        else:
            shown = _("{time} over").format(time=format_clock(-remaining))
        self._time.show(shown)
        # A shape and a word for each state, so nobody has to tell colours apart.
        self._state_line.show(state_mark(state, paused, FACILITATORS))

    def _restyle(self, state: TimerState | None) -> None:
        """A change of class restyles the widget and all within it, so only when the state really changes, and the
        panel only for a state that changes its border: a turn's start and end (no state, then on time) restyle the
        state line alone, not the panel and its three lines. Classes change first, then one restyle, set at once:
        nothing here is animated, and working out what to animate costs more than the restyle itself."""
        was, self._shown_state = self._shown_state, state
        for timer_state, css_class in STATE_CLASSES.items():
            self._state_line.set_class(timer_state is state, css_class, update=False)
        if was in BORDER_STATES or state in BORDER_STATES:
            for timer_state in BORDER_STATES:
                self.set_class(timer_state is state, STATE_CLASSES[timer_state], update=False)
            self.update_node_styles(animate=False)  # the panel, and its state line with it
        else:
            self._state_line.update_node_styles(animate=False)
