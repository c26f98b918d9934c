"""A passphrase being chosen: typed twice, with a plain strength hint that follows the typing."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Label, Static

from circle.domain.passphrase import check_new_passphrase, strength
from circle.language import _


class NewPassphrase(Vertical):
    """Enter in the first field moves to the second; Enter in the second posts `Submitted`.

    The owner then calls `take()`, which empties both fields whatever they held, so a passphrase
    stays on screen no longer than it must.
    """

    class Submitted(Message):
        """Both fields have been typed; the passphrase itself is read with `take()`."""

    def __init__(self, *, label: str, hint: str, id: str | None = None) -> None:
        """`label` and `hint` come already in the facilitator's language."""
        super().__init__(id=id, classes="new-passphrase")
        self.label = label
        self.neutral_hint = hint

    def compose(self) -> ComposeResult:
        with Horizontal(classes="field"):
            yield Label(self.label, classes="field-label")
            yield Input(password=True, id="new-passphrase", compact=True)
        with Horizontal(classes="field"):
            yield Label(_("The same passphrase again"), classes="field-label")
            yield Input(password=True, id="new-passphrase-again", compact=True)
        yield Static(self.neutral_hint, id="new-passphrase-strength", classes="hint")

    def start(self) -> None:
        """Focus the first field, ready for typing."""
        self.query_one("#new-passphrase", Input).focus()

    def take(self) -> str:
        """The passphrase typed, if both fields agree and it is long enough; else a CircleError saying why."""
        first = self.query_one("#new-passphrase", Input)
        again = self.query_one("#new-passphrase-again", Input)
        passphrase, repeated = first.value, again.value
        self.clear()
        check_new_passphrase(passphrase, repeated)
        return passphrase

    def clear(self) -> None:
        for field in self.query(Input):
            field.value = ""

    @on(Input.Changed, "#new-passphrase")
    def _rate(self, event: Input.Changed) -> None:
        event.stop()
        self.query_one("#new-passphrase-strength", Static).update(
            strength(event.value).hint if event.value else self.neutral_hint
        )

    @on(Input.Submitted, "#new-passphrase")
    def _to_repeat(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#new-passphrase-again", Input).focus()

    @on(Input.Submitted, "#new-passphrase-again")
    def _typed(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted())
