"""One timer at a glance: a title, the time, and its state in words as well as colour."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from circle.domain.timing import Timer, TimerState, format_clock

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
        yield Static("", classes="timer-who")
        yield Static("–", classes="timer-time")
        yield Static("", classes="timer-state")

    def show(self, timer: Timer | None, now, *, who: Content | str = "", paused: bool = False) -> None:  # type: ignore[no-untyped-def]
        self.query_one(".timer-who", Static).update(who)
        time_label = self.query_one(".timer-time", Static)
        state_label = self.query_one(".timer-state", Static)
        for css_class in STATE_CLASSES.values():
            self.remove_class(css_class)
        if timer is None:
            time_label.update("–")
            state_label.update("")
            return
        state = timer.state(now)
        self.add_class(STATE_CLASSES[state])
        remaining = timer.remaining(now)
        shown = f"{format_clock(remaining)} left" if remaining >= 0 else f"{format_clock(-remaining)} over"
        time_label.update(Content(shown))
        state_label.update("‖ paused" if paused else STATE_MARKS[state])
