"""The roster: who belongs to the group, kept as the group's names rule allows."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Label, Static

from circle.domain.group import Member
from circle.ui.text import cell
from circle.ui.widgets.group.messages import MemberAddRequested


class RosterEditor(Vertical):
    def __init__(self, members: list[Member], *, keeps_names: bool, id: str | None = None) -> None:
        super().__init__(id=id, classes="editor")
        self.members = members
        self.keeps_names = keeps_names

    def compose(self) -> ComposeResult:
        if not self.keeps_names:
            yield Static(
                "This group counts heads only, so it keeps no roster. Attendance is a number.",
                classes="meaning",
            )
            return
        yield Label("Add a member: type a name and press Enter (kept as the group's rules allow)")
        yield Input(placeholder="Name", id="roster-name")
        yield Static("", id="roster-count", classes="hint")
        yield DataTable(id="roster-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        if self.keeps_names:
            self.query_one("#roster-table", DataTable).add_columns("Name", "Joined")
            self.show(self.members)

    def show(self, members: list[Member]) -> None:
        self.members = members
        table = self.query_one("#roster-table", DataTable)
        table.clear()
        for member in members:
            joined = member.joined_on.isoformat() if member.joined_on else ""
            table.add_row(cell(member.name), joined, key=member.id)
        count = len(members)
        self.query_one("#roster-count", Static).update(
            "Nobody on the roster yet." if not count else f"{count} on the roster."
        )

    @on(Input.Submitted, "#roster-name")
    def request_add(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.post_message(MemberAddRequested(event.value))
            event.input.value = ""
