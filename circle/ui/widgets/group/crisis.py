"""Edit the group's crisis resources: who to call, how, and when."""

from __future__ import annotations


from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, DataTable, Input, Label

from circle.domain.errors import CircleError
from circle.domain.group import CrisisResource
from circle.language import N_, _
from circle.ui.text import cell
from circle.ui.widgets.group.editor import GroupEditor


class CrisisEditor(GroupEditor):
    BINDINGS = [Binding("delete", "remove", N_("Remove resource"))]

    def compose(self) -> ComposeResult:
        yield Label(_("Crisis resources, one key away during a meeting. Check the numbers are local and current."))
        yield DataTable(id="crisis-table", cursor_type="row", zebra_stripes=True)
        yield Label(_("Add a resource"))
        with Horizontal(classes="field"):
            yield Input(placeholder=_("Name, e.g. Local crisis line"), id="crisis-name")
            yield Input(placeholder=_("Number or how to reach it"), id="crisis-contact")
        yield Input(placeholder=_("When to use it"), id="crisis-when")
        yield Button(_("Add resource"), id="crisis-add", variant="primary")

    def on_mount(self) -> None:
        table = self.query_one("#crisis-table", DataTable)
        table.add_columns(_("Name"), _("Contact"), _("When"))
        self._fill()

    def _fill(self) -> None:
        table = self.query_one("#crisis-table", DataTable)
        table.clear()
        for resource in self.group.profile.crisis_resources:
            contact = (
                _("⚠ placeholder: {contact}").format(contact=resource.contact) if resource.is_placeholder
                else resource.contact
            )
            table.add_row(cell(resource.name), cell(contact), cell(resource.when))

    def _save(self, resources: tuple[CrisisResource, ...]) -> None:
        self.keep(crisis_resources=resources)
        self._fill()

    @on(Button.Pressed, "#crisis-add")
    @on(Input.Submitted, "#crisis-when")
    def add(self) -> None:
        fields = [self.query_one(f"#crisis-{name}", Input) for name in ("name", "contact", "when")]
        try:
            resource = CrisisResource(*(field.value for field in fields))
        except CircleError as error:
            self.show_problem(error)
            return
        for field in fields:
            field.value = ""
        self._save((*self.group.profile.crisis_resources, resource))

    def action_remove(self) -> None:
        table = self.query_one("#crisis-table", DataTable)
        resources = self.group.profile.crisis_resources
        if not table.has_focus or not resources:
            return
        row = table.cursor_row
        self._save(resources[:row] + resources[row + 1 :])
