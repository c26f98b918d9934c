"""Edit the meeting format: minutes for each phase and turn lengths."""

from __future__ import annotations

import math
from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Input, Label

from circle.domain.errors import CircleError, InvalidInput
from circle.domain.group import MeetingFormat
from circle.ui.widgets.group.editor import GroupEditor


class FormatEditor(GroupEditor):
    BINDINGS = [Binding("ctrl+s", "save", "Save format")]

    def compose(self) -> ComposeResult:
        meeting = self.group.profile.format
        yield Label("Minutes for each part of the meeting")
        for index, phase in enumerate(meeting.phases):
            with Horizontal(classes="field"):
                yield Label(phase.shown_title, classes="field-label")
                yield Input(str(phase.minutes), id=f"phase-{index}", type="integer", classes="number", compact=True)
                yield Label("min", classes="unit")
        yield Label("Turns")
        for label, field_id, minutes in (
            ("Check-in turn", "turn-check-in", meeting.check_in_turn_minutes),
            ("Sharing turn", "turn-sharing", meeting.sharing_turn_minutes),
        ):
            with Horizontal(classes="field"):
                yield Label(label, classes="field-label")
                yield Input(f"{minutes:g}", id=field_id, type="number", classes="number", compact=True)
                yield Label("min", classes="unit")
        yield Button("Save format", id="format-save", variant="primary")

    def _number(self, field_id: str) -> float:
        try:
            value = float(self.query_one(f"#{field_id}", Input).value)
        except ValueError:
            raise InvalidInput("Please fill in every number.") from None
        if not math.isfinite(value):  # "nan", "inf", or more digits than a float holds
            raise InvalidInput("That number is far too large.")
        return value

    def _read(self) -> MeetingFormat:
        current = self.group.profile.format
        phases = tuple(
            replace(phase, minutes=int(self._number(f"phase-{index}"))) for index, phase in enumerate(current.phases)
        )
        return replace(
            current,
            phases=phases,
            check_in_turn_minutes=self._number("turn-check-in"),
            sharing_turn_minutes=self._number("turn-sharing"),
        )

    @on(Button.Pressed, "#format-save")
    def action_save(self) -> None:
        try:
            meeting = self._read()
        except CircleError as error:
            self.show_problem(error)
            return
        self.keep(format=meeting)
