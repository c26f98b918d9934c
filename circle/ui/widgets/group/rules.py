"""Edit a group's confidentiality rules, each with a plain line saying what it means for members."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Input, Label, Select, Static, Switch

from circle.domain.errors import CircleError
from circle.domain.rules import PULSE_QUESTION_MAX, ConfidentialityRules, NamesPolicy, NotesPolicy
from circle.language import N_, _
from circle.ui.widgets.group.editor import GroupEditor
from circle.ui.widgets.group.messages import RulesChosen

_NAMES = [
    (N_("First names"), NamesPolicy.FIRST_NAME),
    (N_("Initials only"), NamesPolicy.INITIALS),
    (N_("Headcount only, no names"), NamesPolicy.HEADCOUNT),
]
_NOTES = [
    (N_("No notes"), NotesPolicy.NONE),
    (N_("Flags only"), NotesPolicy.FLAGS),
    (N_("A brief line"), NotesPolicy.BRIEF),
]


def _in_words(choices: list[tuple[str, object]]) -> list[tuple[str, object]]:
    return [(_(title), value) for title, value in choices]


class RulesEditor(GroupEditor):
    BINDINGS = [Binding("ctrl+s", "save", N_("Save rules"))]

    def compose(self) -> ComposeResult:
        rules = self.group.rules
        with Horizontal(classes="field"):
            yield Label(_("Names"), classes="field-label")
            yield Select(_in_words(_NAMES), value=rules.names, allow_blank=False, id="rules-names", compact=True)
        with Horizontal(classes="field"):
            yield Label(_("Notes"), classes="field-label")
            yield Select(_in_words(_NOTES), value=rules.notes, allow_blank=False, id="rules-notes", compact=True)
        yield from self._number(_("Brief note, longest"), "rules-brief-cap", rules.brief_note_cap, _("characters"))
        yield from self._number(_("Keep notes for"), "rules-notes-days", rules.notes_retention_days, _("days"))
        yield from self._number(
            _("Forget people who stop coming after"), "rules-identity-days", rules.identity_retention_days, _("days")
        )
        yield from self._number(
            _("Leads see counts below"), "rules-small-count", rules.small_count_threshold, _("as '<N'")
        )
        with Horizontal(classes="field"):
            yield Label(_("Room display may show first names"), classes="field-label")
            yield Switch(rules.room_display_names, id="rules-display-names")
        with Horizontal(classes="field"):
            yield Label(_("Anonymous pulse at closing"), classes="field-label")
            yield Input(
                rules.pulse_question,
                placeholder=_("empty: off · e.g. How hopeful do you feel today?"),
                id="rules-pulse",
                max_length=PULSE_QUESTION_MAX,
                compact=True,
            )
        yield Static(self._meaning(rules), id="rules-meaning", classes="meaning")
        yield Button(_("Save rules"), id="rules-save", variant="primary")

    def _number(self, label: str, field_id: str, value: int, unit: str) -> ComposeResult:
        with Horizontal(classes="field"):
            yield Label(label, classes="field-label")
            yield Input(str(value), id=field_id, type="integer", classes="number", compact=True)
            yield Label(unit, classes="unit")

    @staticmethod
    def _meaning(rules: ConfidentialityRules) -> Content:
        return Content("\n".join(f"• {line}" for line in rules.describe()))

    def _read(self) -> ConfidentialityRules:
        def number(field_id: str) -> int:
            text = self.query_one(f"#{field_id}", Input).value
            if not text.strip().lstrip("-").isdigit():
                raise CircleError(_("Please fill in every number."))
            if len(text.strip()) > 9:  # no rule counts that high; int() refuses thousands of digits anyway
                raise CircleError(_("That number is far too large."))
            return int(text)

        return ConfidentialityRules(
            names=self.query_one("#rules-names", Select).value,  # type: ignore[arg-type]
            notes=self.query_one("#rules-notes", Select).value,  # type: ignore[arg-type]
            brief_note_cap=number("rules-brief-cap"),
            notes_retention_days=number("rules-notes-days"),
            identity_retention_days=number("rules-identity-days"),
            small_count_threshold=number("rules-small-count"),
            room_display_names=self.query_one("#rules-display-names", Switch).value,
            pulse_question=self.query_one("#rules-pulse", Input).value,
        )

    @on(Select.Changed)
    @on(Input.Changed)
    @on(Switch.Changed)
    def show_meaning(self) -> None:
        try:
            rules = self._read()
        except CircleError:
            return
        self.query_one("#rules-meaning", Static).update(self._meaning(rules))

    @on(Button.Pressed, "#rules-save")
    def action_save(self) -> None:
        try:
            rules = self._read()
        except CircleError as error:
            self.show_problem(error)
            return
        self.post_message(RulesChosen(rules))
