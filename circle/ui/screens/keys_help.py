"""`?`: the keys of one screen, in plain words, as a facilitator would ask for them."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from circle.language import N_, _
from circle.ui.keys import KeyHelp, said
from circle.ui.language import SaysKeysInTheFacilitatorsLanguage


def keys_table(keys: tuple[KeyHelp, ...]) -> Table:
    """Keys right-aligned in a column of their own; a long explanation wraps within its own column."""
    table = Table.grid(padding=(0, 3, 0, 0))
    table.add_column(justify="right", style="bold", no_wrap=True)
    table.add_column()
    for key, words in keys:
        table.add_row(key, words)
    return table


class KeysHelp(SaysKeysInTheFacilitatorsLanguage, ModalScreen[None]):
    """`title` is already in the facilitator's language; `keys` are the English rows, said here in it."""

    BINDINGS = [Binding("escape,question_mark,q", "close", N_("Close"))]

    def __init__(self, title: str, keys: tuple[KeyHelp, ...]) -> None:
        super().__init__()
        self.title_text = title
        self.keys = keys

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="keys-help"):
            yield Static(self.title_text, classes="title")
            with VerticalScroll(id="keys-help-list"):
                yield Static(keys_table(said(self.keys)))
            yield Static(_("A key that does not fit this moment does nothing. Escape closes this."), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#keys-help-list").focus()

    def action_close(self) -> None:
        self.dismiss(None)
