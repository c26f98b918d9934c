"""Who came to a past meeting, put right: each rostered member marked here or not, kept only when saved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import DataTable, Static

from circle.domain.errors import CircleError
from circle.domain.records import MeetingRecord
from circle.language import N_, _, current
from circle.language.days import day_in
from circle.ui.keys import Key
from circle.ui.screens.base import FAILED, CircleScreen
from circle.ui.text import cell
from circle.ui.widgets.footer import Footer

if TYPE_CHECKING:
    from circle.workspace import AttendanceLine

HERE, NOT_HERE = N_("here"), "—"


class AttendanceEditor(CircleScreen):
    """Dismissed with the meeting's new headcount once saved, None when left without saving."""

    BINDINGS = [
        Key(
            "space", "toggle", N_("Here/not here"), help_key="Space or Enter",
            help=N_("mark the highlighted person here, or not here"),
        ),
        Key("ctrl+s", "save", N_("Save"), help=N_("keep the corrected attendance; the meeting's counts follow")),
        Key("escape", "leave", N_("Cancel"), help=N_("leave without changing anything")),
    ]

    def __init__(self, group_id: str, meeting: MeetingRecord, sheet: list[AttendanceLine]) -> None:
        super().__init__()
        self.group_id = group_id
        self.meeting = meeting
        self.names = {line.member.id: line.member.shown for line in sheet}  # namesakes told apart
        self.present = {line.member.id for line in sheet if line.present}

    def compose(self) -> ComposeResult:
        held_on = day_in(current(), self.meeting.held_on, "EEE dd MMM yyyy")
        yield Static(_("Who came on {day}").format(day=held_on), classes="title")
        yield DataTable(id="attendance", cursor_type="row", zebra_stripes=True)
        yield Static("", id="attendance-count", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(_("Name"), _("Here"))
        for member_id, name in self.names.items():
            table.add_row(cell(name), self._mark(member_id), key=member_id)
        self._count()
        table.focus()

    def vault_unlocked(self) -> bool:
        """Back to the marks as they were, unsaved ones too, if whoever unlocked holds the group."""
        try:
            self.workspace.group(self.group_id)
        except CircleError:
            return False
        return True

    def _mark(self, member_id: str) -> str:
        return _(HERE) if member_id in self.present else NOT_HERE

    def _count(self) -> None:
        there = len(self.present)
        self.query_one("#attendance-count", Static).update(
            Content(
                _("{there} of {count} marked here. Space or Enter marks; Ctrl+S saves; Escape leaves.").format(
                    there=there, count=len(self.names)
                )
            )
        )

    @on(DataTable.RowSelected, "#attendance")
    def action_toggle(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return
        row_key, _column = table.coordinate_to_cell_key(table.cursor_coordinate)
        member_id = str(row_key.value)
        self.present ^= {member_id}
        table.update_cell(row_key, table.ordered_columns[1].key, self._mark(member_id))
        self._count()

    def action_save(self) -> None:
        saved = self.attempt(self.workspace.correct_attendance, self.group_id, self.meeting.id, set(self.present))
        if saved is not FAILED:
            self.dismiss(saved.headcount)

    def action_leave(self) -> None:
        self.say(_("Nothing was changed."))
        self.dismiss(None)
