"""Edit the meeting format: its parts in order, the usual turns and the group's words. When it meets: schedule.py."""

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
from circle.language import N_, _
from circle.ui.widgets.group.editor import GroupEditor
from circle.ui.widgets.group.parts import PartsEditor
from circle.ui.widgets.group.words import WordsEditor
from circle.ui.widgets.language_choice import LanguageChoice, shown_language


class FormatEditor(GroupEditor):
    BINDINGS = [Binding("ctrl+s", "save", N_("Save format"))]

    def compose(self) -> ComposeResult:
        meeting = self.group.profile.format
        yield Label(_("Parts, in order: kind, own name, minutes, and a turn for rounds"))
        yield Label(_("Ctrl+N adds a part · Ctrl+R removes it · Ctrl+↑ Ctrl+↓ move it"), classes="hint")
        yield PartsEditor(meeting.phases)
        yield Label(_("Usual turns (a part's own turn, when it has one, goes first)"))
        for label, field_id, minutes in (
            (N_("Check-in and closing turn"), "turn-check-in", meeting.check_in_turn_minutes),
            (N_("Sharing turn"), "turn-sharing", meeting.sharing_turn_minutes),
        ):
            with Horizontal(classes="field"):
                yield Label(_(label), classes="field-label")
                yield Input(f"{minutes:g}", id=field_id, type="number", classes="number", compact=True)
                yield Label(_("min"), classes="unit")
        with Horizontal(classes="field"):
            yield Label(_("The group meets in"), classes="field-label")
            yield LanguageChoice(self.group.profile.language, id="format-language")
        yield WordsEditor(meeting)
        yield Button(_("Save format"), id="format-save", variant="primary")

    def _number(self, field_id: str) -> float:
        try:
            value = float(self.query_one(f"#{field_id}", Input).value)
        except ValueError:
            raise InvalidInput(_("Please fill in every number.")) from None
        if not math.isfinite(value):  # "nan", "inf", or more digits than a float holds
            raise InvalidInput(_("That number is far too large."))
        return value

    def _read(self) -> MeetingFormat:
        meeting = replace(
            self.group.profile.format,
            phases=self.query_one(PartsEditor).read(),
            check_in_turn_minutes=self._number("turn-check-in"),
            sharing_turn_minutes=self._number("turn-sharing"),
        )
        return self.query_one(WordsEditor).read(meeting)

    @on(Button.Pressed, "#format-save")
    def action_save(self) -> None:
        try:
            meeting = self._read()
        except CircleError as error:
            self.show_problem(error)
            return
        chosen = self.query_one("#format-language", LanguageChoice).value
        # Only a language chosen here is written: a code this circle has no words for stays as the group had it.
        spoken = {} if chosen == shown_language(self.group.profile.language) else {"language": chosen}
        self.keep(format=meeting, **spoken)
