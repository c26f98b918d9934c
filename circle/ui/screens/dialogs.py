"""Small dialogs: ask one question, ask for one line of text, or choose one of a few things."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from circle.language import N_, _
from circle.ui.language import SaysKeysInTheFacilitatorsLanguage


class Confirm(SaysKeysInTheFacilitatorsLanguage, ModalScreen[bool]):
    """A yes-or-no question, asked in the facilitator's language; y and n are the keys in every language."""

    BINDINGS = [
        Binding("y", "answer(True)", N_("Yes")),
        Binding("n,escape", "answer(False)", N_("No")),
    ]

    def __init__(self, question: Content | str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="lead")
            yield Static(_("y: yes    n or Escape: no"), classes="hint")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class Ask(SaysKeysInTheFacilitatorsLanguage, ModalScreen[str | None]):
    """One line of text; Enter to accept, Escape to cancel."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]
    AUTO_FOCUS = "Input"

    def __init__(self, question: Content | str, *, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.question = question
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="lead")
            yield Input(self.value, placeholder=self.placeholder)
            yield Static(_("Enter: done    Escape: cancel"), classes="hint")

    @on(Input.Submitted)
    def done(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class Choose(SaysKeysInTheFacilitatorsLanguage, ModalScreen[str | None]):
    """One of a few choices, by arrow keys and Enter; Escape to cancel. Labels are literal text."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]
    AUTO_FOCUS = "OptionList"

    def __init__(self, question: str, choices: list[tuple[Content, str]]) -> None:
        super().__init__()
        self.question = question
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="lead")
            yield OptionList(*(Option(label, id=value) for label, value in self.choices))
            yield Static(_("↑ ↓ then Enter: choose    Escape: cancel"), classes="hint")

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
