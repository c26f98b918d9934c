"""One timer at a glance: a title, the time, and its state in words as well as colour."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content

from circle.domain.session.timing import Timer, TimerState, format_clock
from circle.ui.widgets.line import Line

# A shape and a word for each state, so nobody has to tell colours apart.
STATE_MARKS = {
    TimerState.ON_TIME: "○ on time",
    TimerState.LAST_MINUTE: "◐ last minute",
    TimerState.OVER: "● over",
}
STATE_CLASSES = {
    TimerState.ON_TIME: "-on-time",
    TimerState.LAST_MINUTE: "-last-minute",
    TimerState.OVER: "-over",
}


class TimerPanel(Vertical):
    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="timer-panel")
        self.border_title = title

    def compose(self) -> ComposeResult:
        yield Line("", classes="timer-who")
        yield Line("–", classes="timer-time")
        yield Line("", classes="timer-state")

    def show(self, timer: Timer | None, now, *, who: Content | str = "", paused: bool = False) -> None:  # type: ignore[no-untyped-def]
        self.query_one(".timer-who", Line).show(who)
        time_label = self.query_one(".timer-time", Line)
        state_label = self.query_one(".timer-state", Line)
        state = None if timer is None else timer.state(now)
        for timer_state, css_class in STATE_CLASSES.items():
            self.set_class(timer_state is state, css_class)
        if timer is None:
            time_label.show("–")
            state_label.show("")
            return
        remaining = timer.remaining(now)
        shown = f"{format_clock(remaining)} left" if remaining >= 0 else f"{format_clock(-remaining)} over"
        time_label.show(shown)
        state_label.show("‖ paused" if paused else STATE_MARKS[state])
