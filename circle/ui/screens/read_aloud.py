"""The agreements, full width and spaced out, for reading aloud at the opening."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from circle.domain.group import Agreements
from circle.language import N_, _
from circle.ui.language import SaysKeysInTheFacilitatorsLanguage
from circle.ui.text import plain
from circle.ui.widgets.footer import Footer


def read_aloud(agreements: Agreements) -> Content:
    """Each line of the agreements as its own paragraph, then the limits and the reporter statement.

    The words are the group's own, in its language; only the heading is the facilitator's."""
    parts: list[Content | str] = []
    for line in agreements.text.splitlines():
        if line.strip():
            parts.extend([plain(line.strip()), "\n\n"])
    parts.extend([Content.styled(_("Limits of confidentiality"), "bold"), "\n\n"])
    parts.append(plain(agreements.confidentiality_limits))
    if agreements.mandated_reporter:
        parts.extend(["\n\n", plain(agreements.mandated_reporter)])
    return Content.assemble(*parts)


class ReadAloudScreen(SaysKeysInTheFacilitatorsLanguage, Screen[bool]):
    """Dismissed with True when the facilitator says the agreements have been read."""

    BINDINGS = [
        Binding("enter,r", "done", N_("They have been read")),
        Binding("escape", "back", N_("Back to the meeting")),
    ]

    def __init__(self, agreements: Agreements, *, newcomer_here: bool) -> None:
        super().__init__()
        self.agreements = agreements
        self.newcomer_here = newcomer_here

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="read-aloud-scroll"):
            with Vertical(id="read-aloud"):
                yield Static(_("Our agreements"), classes="title")
                if self.newcomer_here:
                    yield Static(
                        _("A newcomer is here: please read all of it, the limits of confidentiality too."),
                        id="read-aloud-newcomer",
                    )
                yield Static(read_aloud(self.agreements), id="read-aloud-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#read-aloud-scroll").focus()

    def action_done(self) -> None:
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)
