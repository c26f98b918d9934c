"""Edit the meeting format: its parts in order, the usual turns, the group's words, and when the group meets."""

from __future__ import annotations

import math
import re
from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Input, Label, Select

from circle.domain.errors import CircleError, InvalidInput
from circle.domain.group import MeetingFormat, Schedule
from circle.ui.widgets.group.editor import GroupEditor
from circle.ui.widgets.group.parts import PartsEditor
from circle.ui.widgets.group.words import WordsEditor

_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_TIME = re.compile(r"^([01]?\d|2[0-3]):[0-5]\d$")


class FormatEditor(GroupEditor):
    BINDINGS = [Binding("ctrl+s", "save", "Save format")]

    def compose(self) -> ComposeResult:
        meeting = self.group.profile.format
        schedule = self.group.profile.schedule
        yield Label("Parts, in order: kind, own name, minutes, and a turn for rounds")
        yield Label("Ctrl+N adds a part · Ctrl+R removes it · Ctrl+↑ Ctrl+↓ move it", classes="hint")
        yield PartsEditor(meeting.phases)
        yield Label("Usual turns (a part's own turn, when it has one, goes first)")
        for label, field_id, minutes in (
            ("Check-in and closing turn", "turn-check-in", meeting.check_in_turn_minutes),
            ("Sharing turn", "turn-sharing", meeting.sharing_turn_minutes),
        ):
            with Horizontal(classes="field"):
                yield Label(label, classes="field-label")
                yield Input(f"{minutes:g}", id=field_id, type="number", classes="number", compact=True)
                yield Label("min", classes="unit")
        yield WordsEditor(meeting)
        yield Label("When the group meets")
        with Horizontal(classes="field"):
            yield Label("Day", classes="field-label")
            yield Select(
                [(day, index) for index, day in enumerate(_WEEKDAYS)],
                value=schedule.weekday if schedule.weekday is not None else Select.BLANK,
                prompt="Not set",
                id="schedule-day",
                compact=True,
            )
        with Horizontal(classes="field"):
            yield Label("Starts at", classes="field-label")
            yield Input(schedule.start, id="schedule-start", placeholder="19:00", classes="number", compact=True)
        yield Button("Save format", id="format-save", variant="primary")

    def _number(self, field_id: str) -> float:
        try:
            value = float(self.query_one(f"#{field_id}", Input).value)
        except ValueError:
            raise InvalidInput("Please fill in every number.") from None
        if not math.isfinite(value):  # "nan", "inf", or more digits than a float holds
            raise InvalidInput("That number is far too large.")
        return value

    def _read(self) -> tuple[MeetingFormat, Schedule]:
        meeting = replace(
            self.group.profile.format,
            phases=self.query_one(PartsEditor).read(),
            check_in_turn_minutes=self._number("turn-check-in"),
            sharing_turn_minutes=self._number("turn-sharing"),
        )
        meeting = self.query_one(WordsEditor).read(meeting)
        start = self.query_one("#schedule-start", Input).value.strip()
        if not _TIME.match(start):
            raise InvalidInput("The start time should look like 19:00.")
        day = self.query_one("#schedule-day", Select).value
        weekday = day if isinstance(day, int) and not isinstance(day, bool) else None  # Select.BLANK is False
        return meeting, Schedule(weekday=weekday, start=start)

    @on(Button.Pressed, "#format-save")
    def action_save(self) -> None:
        try:
            meeting, schedule = self._read()
        except CircleError as error:
            self.show_problem(error)
            return
        self.keep(format=meeting, schedule=schedule)
