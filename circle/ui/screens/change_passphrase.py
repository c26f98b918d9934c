"""Change my passphrase: the current one, then the new one twice. Nothing else in the vault changes."""

from __future__ import annotations

from functools import partial

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from circle.domain.errors import CircleError
from circle.language import N_, _
from circle.ui.language import SaysKeysInTheFacilitatorsLanguage
from circle.ui.screens.derived import KeyDerived, PassphraseRefused, derive, finish
from circle.ui.screens.first_run import NEUTRAL_HINT
from circle.ui.widgets.new_passphrase import NewPassphrase
from circle.workspace import NewPersonalKey, PassphraseChange

LEAD = N_(
    "Your passphrase opens every group you facilitate here. The other facilitators' passphrases stay as they are."
)


class ChangePassphraseDialog(SaysKeysInTheFacilitatorsLanguage, ModalScreen[bool]):
    """Dismissed with True once the new passphrase is kept, False when cancelled."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]
    AUTO_FOCUS = "#current-passphrase"

    def __init__(self) -> None:
        super().__init__()
        self.working = False
        self.changed = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="change-passphrase"):
            yield Static(_("Change my passphrase"), classes="title")
            yield Static(_(LEAD), classes="lead")
            with Vertical(id="change-passphrase-fields"):
                with Horizontal(classes="field"):
                    yield Label(_("Current passphrase"), classes="field-label")
                    yield Input(password=True, id="current-passphrase", compact=True)
                yield NewPassphrase(label=_("New passphrase"), hint=_(NEUTRAL_HINT))
            yield Static("", id="change-passphrase-message", classes="message")
            yield Static(_("Enter: next field (on the last: change it)    Escape: cancel"), classes="hint")

    @on(Input.Submitted, "#current-passphrase")
    def _to_new(self) -> None:
        self.query_one(NewPassphrase).start()

    @on(NewPassphrase.Submitted)
    def _change(self) -> None:
        """All three fields are emptied at once; a problem asks for all three again, from the top."""
        current_field = self.query_one("#current-passphrase", Input)
        current = current_field.value
        current_field.value = ""
        try:
            new = self.query_one(NewPassphrase).take()
        except CircleError as error:
            self._refused(str(error))
            return
        self._work_on(True)
        self._tell(_("Changing your passphrase…"))
        try:
            change = self.app.workspace.begin_change_passphrase()  # type: ignore[attr-defined]
        except CircleError as error:
            self._refused(str(error))
            return
        self._change_passphrase(change, current, new)

    @work(thread=True, exclusive=True, group="change-passphrase", description="derive keys")
    def _change_passphrase(self, change: PassphraseChange, current: str, new: str) -> None:
        """The KDF runs for the current passphrase, for each other facilitator's and for the new one: in a thread."""
        derive(self, change, partial(change.rekey, current, new))

    def on_key_derived(self, derived: KeyDerived) -> None:
        """Stored even if circle locked meanwhile: the change held your key from the start."""
        assert isinstance(derived.made, NewPersonalKey)
        workspace = self.app.workspace  # type: ignore[attr-defined]
        finish(partial(workspace.finish_change_passphrase, derived.made), lambda _: self._changed(), self._refused)

    def on_passphrase_refused(self, refused: PassphraseRefused) -> None:
        self._refused(refused.reason)

    def _changed(self) -> None:
        self.changed = True
        if self.is_current:
            self.dismiss(True)
        # Else something covers the dialog (the lock, say): dismissing now would close that instead.

    def _refused(self, reason: str) -> None:
        self._work_on(False)
        self._tell(Content(reason))
        self.query_one("#current-passphrase", Input).focus()

    def _work_on(self, working: bool) -> None:
        """While the change is under way the fields wait, and Escape does too: it finishes either way."""
        self.working = working
        self.query_one("#change-passphrase-fields").disabled = working

    def _tell(self, line: Content | str) -> None:
        self.query_one("#change-passphrase-message", Static).update(line)

    def on_screen_resume(self, _: events.ScreenResume) -> None:
        if self.changed:
            self.dismiss(True)

    def on_screen_suspend(self, _: events.ScreenSuspend) -> None:
        """Covered by the lock: what was typed goes, as the keys do."""
        if not self.app.workspace.is_unlocked:  # type: ignore[attr-defined]
            self.query_one("#current-passphrase", Input).value = ""
            self.query_one(NewPassphrase).clear()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "cancel" and self.working)

    def action_cancel(self) -> None:
        self.dismiss(False)
