"""A day typed as YYYY-MM-DD, or left empty for an open end."""

from __future__ import annotations

import re
from datetime import date

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Label

from circle.language import N_, _

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_TYPED = "0123456789-"
DAY_LENGTH = len("2025-04-01")


def read_day(typed: str) -> date | None:
    """The day typed; None for an empty field. ValueError, with a sentence to show, for anything else."""
    text = typed.strip()
    if not text:
        return None
    if not _DAY.fullmatch(text):
        raise ValueError(_("type the day as YYYY-MM-DD, e.g. 2025-04-01."))
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(_("there is no {day} in the calendar.").format(day=text)) from None


class DayInput(Input):
    """Takes only digits and '-', so the screen's letter keys still work while a day is being typed."""

    BINDINGS = [Binding("enter", "submit", N_("Show"))]

    def __init__(self, value: str, *, placeholder: str, id: str) -> None:
        super().__init__(
            value, placeholder=placeholder, id=id, restrict=r"[0-9-]*", max_length=DAY_LENGTH, compact=True
        )

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return character is not None and character in _TYPED

    def _on_key(self, event: events.Key) -> None:
        if event.is_printable and event.character not in _TYPED:
            # Not Input's handler, which would swallow the key: it goes on up to the screen's bindings.
            event.prevent_default()

    @property
    def typed_whole(self) -> bool:
        """Empty, or as long as a day: worth checking. Anything between is still being typed."""
        return len(self.value.strip()) in (0, DAY_LENGTH)


class DateField(Horizontal):
    """A label and a day; the screen says what is wrong with it, on the line below."""

    def __init__(self, label: str, day: date | None, *, placeholder: str, id: str) -> None:
        super().__init__(id=id, classes="date-field")
        self.label = label
        self.first = day.isoformat() if day else ""
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        yield Label(self.label, classes="date-label")
        yield DayInput(self.first, placeholder=self.placeholder, id=f"{self.id}-input")

    @property
    def day(self) -> date | None:
        """The day as typed now; ValueError if it is not one."""
        return read_day(self.query_one(DayInput).value)
