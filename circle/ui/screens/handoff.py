"""Handoff in the app: write a group to a file with a one-time code to read aloud, or import one."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from circle.domain.errors import CircleError
from circle.domain.text import sanitise
from circle.language import N_, _
from circle.ui.language import SaysKeysInTheFacilitatorsLanguage
from circle.ui.screens.derived import KeyDerived, PassphraseRefused, derive, finish
from circle.workspace import (
    Handoff,
    HandoffImported,
    HandoffToOpen,
    HandoffToSeal,
    Workspace,
    finish_write_handoff,
    handoff_file_name,
    read_handoff_file,
)


class HandoffExportDialog(SaysKeysInTheFacilitatorsLanguage, ModalScreen[None]):
    """Where to write the bundle; then the code, large, shown this once."""

    BINDINGS = [Binding("escape", "close", N_("Close"))]
    AUTO_FOCUS = "#handoff-path"

    def __init__(self, workspace: Workspace, group_id: str, group_name: str) -> None:
        super().__init__()
        self.workspace = workspace
        self.group_id = group_id
        self.group_name = group_name

    def compose(self) -> ComposeResult:
        suggested = Path.home() / handoff_file_name(self.workspace.clock.now())
        with Vertical(classes="dialog", id="handoff-export"):
            title = _("Hand off {group} to another laptop").format(group=sanitise(self.group_name))
            yield Static(Content(title), classes="title")
            yield Static(
                _(
                    "The group, its roster as its rules keep it, and its meeting in progress go into one sealed file."
                    " Send the file any way you like; read the code aloud, never in the same message."
                ),
                classes="lead",
            )
            with Horizontal(classes="field"):
                yield Label(_("Write it to"), classes="field-label")
                yield Input(str(suggested), id="handoff-path", compact=True)
            yield Static("", id="handoff-code", classes="handoff-code")
            yield Static(_("Enter: write the file    Escape: close"), id="handoff-message", classes="hint")

    @on(Input.Submitted, "#handoff-path")
    def write(self, event: Input.Submitted) -> None:
        event.input.disabled = True
        self.query_one("#handoff-message", Static).update(_("Sealing the handoff…"))
        path = Path(event.value).expanduser()
        try:
            to_seal = self.workspace.begin_export(self.group_id)
        except CircleError as error:
            self._refused(str(error))
        else:
            self._seal(path, to_seal)

    @work(thread=True, exclusive=True, group="handoff", description="seal a handoff")
    def _seal(self, path: Path, to_seal: HandoffToSeal) -> None:
        """The code's KDF takes a moment: on a thread, with the group already read."""
        derive(self, path, to_seal.seal)

    def on_key_derived(self, derived: KeyDerived) -> None:
        assert isinstance(derived.asked, Path) and isinstance(derived.made, Handoff)
        path = derived.asked
        try:
            code = finish_write_handoff(path, derived.made)
        except (CircleError, OSError) as error:
            reason = str(error) if isinstance(error, CircleError) else _("{problem}: {path}").format(problem=error.strerror or error, path=path)
            self._refused(reason)
        else:
            self._written(path, code)

    def on_passphrase_refused(self, refused: PassphraseRefused) -> None:
        self._refused(refused.reason)

    def _refused(self, reason: str) -> None:
        field = self.query_one("#handoff-path", Input)
        field.disabled = False
        field.focus()
        self.query_one("#handoff-message", Static).update(Content(_("{reason} Enter to try again.").format(reason=reason)))

    def _written(self, path: Path, code: str) -> None:
        self.query_one("#handoff-code", Static).update(Content.assemble(_("Read this code aloud:"), "  ", (code, "bold")))
        self.query_one("#handoff-message", Static).update(
            Content(
                _(
                    "Written to {path}. The code is shown only this once. On the other laptop: i on the home"
                    " screen, or circle handoff import FILE. Escape: close."
                ).format(path=path)
            )
        )

    def action_close(self) -> None:
        self.dismiss()


class HandoffImportDialog(SaysKeysInTheFacilitatorsLanguage, ModalScreen[HandoffImported | None]):
    """A handoff file and the code read out for it."""

    BINDINGS = [Binding("escape", "close", N_("Cancel"))]
    AUTO_FOCUS = "#import-path"

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="handoff-import"):
            yield Static(_("Import a handoff"), classes="title")
            yield Static(_("A group handed to you from another laptop, or handed back to you."), classes="lead")
            with Horizontal(classes="field"):
                yield Label(_("The file"), classes="field-label")
                yield Input(placeholder=_("the .circle file"), id="import-path", compact=True)
            with Horizontal(classes="field"):
                yield Label(_("The code read out"), classes="field-label")
                yield Input(placeholder=_("four groups of four"), id="import-code", compact=True)
            yield Static(_("Enter: next, then import    Escape: cancel"), id="import-message", classes="hint")

    @on(Input.Submitted, "#import-path")
    def _to_code(self) -> None:
        self.query_one("#import-code", Input).focus()

    @on(Input.Submitted, "#import-code")
    def start(self) -> None:
        path = Path(self.query_one("#import-path", Input).value.strip()).expanduser()
        code = self.query_one("#import-code", Input).value
        self.query_one("#import-code", Input).value = ""
        self.query_one("#import-message", Static).update(_("Opening the handoff…"))
        try:
            to_open = self.workspace.begin_import(read_handoff_file(path))
        except (CircleError, OSError) as error:
            reason = (
                str(error)
                if isinstance(error, CircleError)
                else _("Cannot read {path}: {problem}.").format(path=path, problem=error.strerror or error)
            )
            self._refused(reason)
        else:
            self._open(to_open, code)

    @work(thread=True, exclusive=True, group="handoff", description="open a handoff")
    def _open(self, to_open: HandoffToOpen, code: str) -> None:
        """The code's KDF takes a moment: on a thread; the merge waits for the event loop."""
        derive(self, to_open, partial(to_open.open_with, code))

    def on_key_derived(self, derived: KeyDerived) -> None:
        merged = partial(self.workspace.finish_import, derived.made)  # type: ignore[arg-type]
        finish(merged, self.dismiss, self._refused)

    def on_passphrase_refused(self, refused: PassphraseRefused) -> None:
        self._refused(refused.reason)

    def _refused(self, reason: str) -> None:
        self.query_one("#import-message", Static).update(Content(_("{reason} Nothing was imported.").format(reason=reason)))
        self.query_one("#import-code", Input).focus()

    def action_close(self) -> None:
        self.dismiss(None)
