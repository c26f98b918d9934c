"""Unlock: asks only for the passphrase, and shows nothing about anyone until it is right."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.content import Content
from textual.containers import Center, Vertical
from textual.widgets import Input, Static

from circle.language import N_, _
from circle.ui.screens.base import CircleScreen
from circle.ui.widgets.footer import Footer
from circle.workspace import VaultChangedOutside

if TYPE_CHECKING:
    from circle.ui.screens.derived import KeyDerived, PassphraseRefused
    from circle.workspace import OpenedKey, UnlockAttempt


FORMAT_UPDATE = N_("Bringing this vault to circle's newer format, once. On a vault of years this takes a moment…")
# The passphrase itself is the same in every language: it is what is typed.
DEMO_HINT = N_("This is the demo vault. Its passphrase is {passphrase}.")


def demo_hint() -> Content:
    before, _between, after = _(DEMO_HINT).partition("{passphrase}")
    return Content.assemble(before, ("demo", "bold"), after)



class UnlockScreen(CircleScreen):
    """The first screen of a vault that exists; unlocking leads home."""

    AUTO_FOCUS = "#passphrase"
    LEAD = N_("This vault is locked. Type your passphrase and press Enter.")
    lead: str | None = None  # words already said in the facilitator's language, in place of LEAD's
    trying: UnlockAttempt | None = None  # what the passphrase in the worker is tried against, if one is

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="unlock-card", classes="card"):
            yield Static("circle", classes="brand")
            yield Static(self.lead or _(self.LEAD), classes="lead", markup=False)
            yield Input(password=True, placeholder=_("Passphrase"), id="passphrase")
            yield Static("", id="unlock-message", classes="message")
            yield from self.hints()
        yield Footer()

    def hints(self) -> ComposeResult:
        if self.workspace.is_demo:
            yield Static(demo_hint(), id="demo-hint", classes="hint")

    @on(Input.Submitted, "#passphrase")
    def try_passphrase(self, event: Input.Submitted) -> None:
        if not event.value:
            return
        # The field lets go of the passphrase at once; only the worker below still holds it.
        event.input.value = ""
        event.input.disabled = True
        self.query_one("#unlock-message", Static).update(_("Unlocking…"))
        self.trying = self.workspace.begin_unlock()
        self.derive_key(self.trying, event.value)

    @work(thread=True, exclusive=True, group="unlock", description="derive a key")
    def derive_key(self, attempt: UnlockAttempt, passphrase: str) -> None:
        """The KDF takes a noticeable moment, so it runs off the screen's thread, away from the vault."""
        from circle.ui.screens.derived import derive

        derive(self, attempt, partial(attempt.open_with, passphrase))

    def on_key_derived(self, derived: KeyDerived) -> None:
        if self._still_trying(derived.asked):
            # Loaded with the key derivation, after the first paint.
            from circle.ui.screens.derived import finish
            from circle.workspace import OpenedKey

            assert derived.made is None or isinstance(derived.made, OpenedKey)
            # None (it opened no one) is refused there, in the same words as a refusal here.
            unlock = partial(finish, partial(self._finish_unlock, derived.made), self._after_unlock, self.refused)
            if derived.made is not None and self.workspace.format_update_due:
                # Said before the (once, possibly long) update runs on the loop, and painted first.
                self.query_one("#unlock-message", Static).update(_(FORMAT_UPDATE))
                self.call_after_refresh(unlock)
            else:
                unlock()

    def _finish_unlock(self, opened: OpenedKey | None) -> bool:
        """Unlocked: True. A vault changed outside circle: False, and the facilitator is asked what to do."""
        try:
            self.workspace.finish_unlock(opened)
        except VaultChangedOutside as changed:
            from circle.ui.screens.dialogs import Confirm

            self.query_one("#unlock-message", Static).update("")
            question = Content(
                _(
                    "This vault was changed outside circle, in a group: {what}."
                    " Nothing has been written.\n\nGo on with the vault as it is? If not, restore a copy you"
                    " trust first."
                ).format(what=changed.what)
            )
            self.app.push_screen(Confirm(question), partial(self._decided, opened))
            return False
        return True

    def _after_unlock(self, unlocked: bool) -> None:
        if unlocked:
            self.unlocked()

    def _decided(self, opened: OpenedKey | None, go_on: bool | None) -> None:
        from circle.ui.screens.derived import finish

        if go_on:
            finish(partial(self.workspace.finish_unlock, opened, accept_changes=True), lambda _: self.unlocked(),
                   self.refused)
        else:
            self.reset(_("Nothing was written. Restore a copy of the vault you trust, or unlock again to decide."))

    def on_passphrase_refused(self, refused: PassphraseRefused) -> None:
        if self._still_trying(refused.asked):
            self.refused(refused.reason)

    def _still_trying(self, asked: object) -> bool:
        """A result for another attempt than the latest, or one after unlocking, is dropped."""
        if asked is not self.trying or self.workspace.is_unlocked:
            return False
        self.trying = None
        return True

    def unlocked(self) -> None:
        self.app.show_home()  # type: ignore[attr-defined]

    def on_screen_suspend(self) -> None:
        """Covered whole (by home, or a meeting that may run for hours): its widgets let go of the lines they
        keep drawn, and draw them again if it shows again. Under a dialog it still shows, so it keeps them."""
        stack = self.app.screen_stack  # empty once the app is closing
        if stack and stack[-1] is not self and not stack[-1].is_modal:
            for widget in self.query("*"):
                widget.refresh()

    def refused(self, reason: str) -> None:
        self.reset(Content(_("{reason} Try again.").format(reason=reason)))

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

    LEAD = N_("circle is locked. Type your passphrase to come back to where you were.")

    def __init__(self, *, meeting_running: bool = False, lead: str | None = None) -> None:
        """`lead`: other words than the usual (already translated), such as who a meeting was handed over to."""
        super().__init__()
        self.meeting_running = meeting_running
        self.lead = lead

    def hints(self) -> ComposeResult:
        if self.meeting_running:
            yield Static(_("The meeting carries on: its timers keep running."), id="meeting-hint", classes="hint")
        yield from super().hints()

    def unlocked(self) -> None:
        self.dismiss()
