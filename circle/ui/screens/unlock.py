"""Unlock: asks only for the passphrase, and shows nothing about anyone until it is right."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.content import Content
from textual.containers import Center, Vertical
from textual.message import Message
from textual.widgets import Footer, Input, Static

from circle.domain.errors import CircleError
from circle.ui.screens.base import CircleScreen
from circle.workspace import OpenedKey, UnlockAttempt


DEMO_HINT = Content.assemble("This is the demo vault. Its passphrase is ", ("demo", "bold"), ".")


class KeyDerived(Message):
    """A passphrase tried on a thread: whom it opened (None: no one), for the attempt it was tried on."""

    def __init__(self, attempt: UnlockAttempt, opened: OpenedKey | None) -> None:
        super().__init__()
        self.attempt = attempt
        self.opened = opened


class UnlockScreen(CircleScreen):
    """The first screen of a vault that exists; unlocking leads home."""

    AUTO_FOCUS = "#passphrase"
    LEAD = "This vault is locked. Type your passphrase and press Enter."
    attempt: UnlockAttempt | None = None  # the passphrase being tried, if one is

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="unlock-card", classes="card"):
            yield Static("circle", classes="brand")
            yield Static(self.LEAD, classes="lead", markup=False)
            yield Input(password=True, placeholder="Passphrase", id="passphrase")
            yield Static("", id="unlock-message", classes="message")
            yield from self.hints()
        yield Footer()

    def hints(self) -> ComposeResult:
        if self.workspace.is_demo:
            yield Static(DEMO_HINT, id="demo-hint", classes="hint")

    @on(Input.Submitted, "#passphrase")
    def try_passphrase(self, event: Input.Submitted) -> None:
        if not event.value:
            return
        # The field lets go of the passphrase at once; only the worker below still holds it.
        event.input.value = ""
        event.input.disabled = True
        self.query_one("#unlock-message", Static).update("Unlocking…")
        self.attempt = self.workspace.begin_unlock()
        self.derive_key(self.attempt, event.value)

    @work(thread=True, exclusive=True, group="unlock")
    def derive_key(self, attempt: UnlockAttempt, passphrase: str) -> None:
        """The KDF takes a noticeable moment, so it runs off the screen's thread, away from the vault."""
        self.post_message(KeyDerived(attempt, attempt.open_with(passphrase)))

    def on_key_derived(self, derived: KeyDerived) -> None:
        if derived.attempt is not self.attempt or self.workspace.is_unlocked:
            return  # a later attempt, or unlocked already: this result has nothing left to do
        self.attempt = None
        try:
            self.workspace.finish_unlock(derived.opened)
        except CircleError as error:
            self.refused(str(error))
        else:
            self.unlocked()

    def unlocked(self) -> None:
        self.app.show_home()  # type: ignore[attr-defined]

    def refused(self, reason: str) -> None:
        self.reset(Content(f"{reason} Try again."))

    def reset(self, message: Content | str = "") -> None:
        """Ready for a passphrase again: the field empty and focused."""
        field = self.query_one("#passphrase", Input)
        field.value = ""
        field.disabled = False
        field.focus()
        self.query_one("#unlock-message", Static).update(message)


class LockScreen(UnlockScreen):
    """Covers whatever was on screen when circle locked; unlocking takes the cover away, nothing else.

    The screens underneath stay as they were (the tab, what was typed and not saved), so the
    result of this screen is only "unlocked": the app then tells each screen the keys are back.
    """

    LEAD = "circle is locked. Type your passphrase to come back to where you were."
    HANDED_OVER = "Handed over. Co-facilitator: type your own passphrase to carry on from here."

    def __init__(self, *, meeting_running: bool = False, handing_over: bool = False) -> None:
        super().__init__()
        self.meeting_running = meeting_running
        if handing_over:
            self.LEAD = self.HANDED_OVER

    def hints(self) -> ComposeResult:
        if self.meeting_running:
            yield Static("The meeting carries on: its timers keep running.", id="meeting-hint", classes="hint")
        yield from super().hints()

    def unlocked(self) -> None:
        self.dismiss()
