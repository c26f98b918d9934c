"""The group's Facilitators tab: who can open the group, adding a co-facilitator, and removing one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, DataTable, Input, Label, Static

from circle.domain.errors import CircleError
from circle.language import N_, _
from circle.ui.text import cell, one_line
from circle.ui.widgets.group.messages import (
    CofacilitatorAddRequested,
    FacilitatorGiveRequested,
    FacilitatorRemoveRequested,
)
from circle.ui.widgets.new_passphrase import NewPassphrase
from circle.workspace import HANDLE_MAX, FacilitatorEntry, checked_handle

LEAD = N_(
    "Each facilitator unlocks circle with their own passphrase. Removing someone changes the group's key: "
    "their passphrase opens nothing written afterwards."
)
# The co-facilitator types their passphrase themselves; the one adding them never needs to know it.
THEIR_HINT = N_("They type it themselves, twice. A few unrelated words make a strong one.")


class FacilitatorsPanel(VerticalScroll):
    BINDINGS = [
        # Short words, so that `?` and Lock still fit the footer at 80 columns; the palette has the long ones.
        Binding("a", "add", N_("Add"), tooltip=N_("Add a co-facilitator to this group")),
        Binding("g", "give", N_("Give"), tooltip=N_("Give this group to a facilitator of your other groups")),
        Binding("delete", "remove", N_("Remove"), tooltip=N_("Remove the highlighted facilitator from this group")),
    ]

    def __init__(self, facilitators: list[FacilitatorEntry], *, id: str | None = None) -> None:
        super().__init__(id=id, classes="editor")
        self.facilitators = facilitators

    def compose(self) -> ComposeResult:
        yield Static(_(LEAD), classes="lead")
        yield DataTable(id="facilitators-table", cursor_type="row")
        with Vertical(id="facilitator-form"):
            yield Label(_("Add a co-facilitator"))
            with Horizontal(classes="field"):
                yield Label(_("Their name (as others see it)"), classes="field-label")
                yield Input(id="facilitator-handle", max_length=HANDLE_MAX, compact=True)
            yield NewPassphrase(label=_("Their passphrase"), hint=_(THEIR_HINT))
            yield Static("", id="facilitator-message", classes="message")
            yield Button(_("Add co-facilitator"), id="facilitator-add", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one(DataTable).add_column(_("Who can open this group"))
        self.show(self.facilitators)

    def show(self, facilitators: list[FacilitatorEntry], *, highlight: str | None = None) -> None:
        """The list as it is now; the form ready for someone new."""
        self.facilitators = facilitators
        table = self.query_one(DataTable)
        table.clear()
        for entry in facilitators:
            name = cell(entry.handle)  # user text: literal, and cut if very long
            if entry.is_you:
                name.append(_(" (you)"))
            table.add_row(name, key=entry.id)
        if highlight in table.rows:
            table.move_cursor(row=table.get_row_index(highlight))
        self.query_one("#facilitator-form").disabled = False
        self._tell(Content())

    def added(self, facilitators: list[FacilitatorEntry], newcomer: FacilitatorEntry) -> None:
        """The list with the newcomer on it, highlighted, and an empty form."""
        self.show(facilitators, highlight=newcomer.id)
        self.query_one("#facilitator-handle", Input).value = ""
        self.focus_list()

    def focus_list(self) -> None:
        self.query_one(DataTable).focus()

    def clear_passphrase(self) -> None:
        self.query_one(NewPassphrase).clear()

    def refused(self, reason: str) -> None:
        """The workspace said no; the name stays as typed, and the passphrase is asked for again."""
        self.query_one("#facilitator-form").disabled = False
        self._tell(Content(reason))
        self.query_one("#facilitator-handle", Input).focus()

    def _tell(self, line: Content) -> None:
        """One line under the form; always Content, since it may quote what was typed."""
        self.query_one("#facilitator-message", Static).update(line)

    def action_add(self) -> None:
        self.query_one("#facilitator-handle", Input).focus()

    def action_give(self) -> None:
        self.post_message(FacilitatorGiveRequested())

    def action_remove(self) -> None:
        table = self.query_one(DataTable)
        if not table.has_focus or not self.facilitators:
            return
        self.post_message(FacilitatorRemoveRequested(self.facilitators[table.cursor_row]))

    @on(Input.Submitted, "#facilitator-handle")
    def _to_passphrase(self) -> None:
        self.query_one(NewPassphrase).start()

    @on(NewPassphrase.Submitted)
    @on(Button.Pressed, "#facilitator-add")
    def _request_add(self) -> None:
        handle_field = self.query_one("#facilitator-handle", Input)
        try:
            # The name is checked first, so that a missing one does not cost the passphrase typed so far.
            handle = checked_handle(handle_field.value)
        except CircleError as error:
            self._tell(Content(str(error)))
            handle_field.focus()
            return
        passphrase_fields = self.query_one(NewPassphrase)
        try:
            passphrase = passphrase_fields.take()
        except CircleError as error:
            self._tell(Content(_("{problem} Type it twice again.").format(problem=error)))
            passphrase_fields.start()
            return
        # The form waits, untouchable, while the passphrase is stretched into a key (a second or so).
        self.query_one("#facilitator-form").disabled = True
        self._tell(Content(_("Adding {name}…").format(name=one_line(handle).plain)))
        self.post_message(CofacilitatorAddRequested(handle, passphrase))
