"""A new group from a template, as a dialog over home."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from circle.domain.errors import CircleError
from circle.ui.widgets.group.form import GroupForm


class NewGroupScreen(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    AUTO_FOCUS = "#group-name"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("New group", classes="title")
            yield GroupForm()

    @on(GroupForm.Submitted)
    def create(self, event: GroupForm.Submitted) -> None:
        try:
            group = self.app.workspace.create_group(event.name, event.template_key)  # type: ignore[attr-defined]
        except CircleError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.dismiss(group.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
