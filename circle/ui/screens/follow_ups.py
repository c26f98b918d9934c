"""Follow-ups due: the flags and safety actions from past meetings, until someone has followed them up."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from circle.language import N_, _, current
from circle.language.days import day_in
from circle.ui.keys import Key
from circle.ui.screens.base import FAILED, CircleScreen
from circle.ui.text import cell
from circle.ui.widgets.footer import Footer
from circle.workspace import FollowUp

# The last column is the one that says what to do: wider than a name's cell, so an action's title is never cut
# ("Supported one-to-one by the co-facilitator") and a flag's brief line mostly fits. A narrow screen scrolls sideways.
WHAT_WIDTH = 64


def what(item: FollowUp) -> str:
    """What to do, in the facilitator's words; a brief line a facilitator wrote stays as written."""
    note = item.note
    if note.action is not None:
        return _(note.action.title)
    return note.text or (_("after a step out") if note.member_id is None else _("follow up"))


class FollowUpsScreen(CircleScreen):
    KEYS_TITLE = N_("Keys on the follow-ups")
    KEYS_HELP = (
        ("↑ ↓", N_("choose a follow-up")),
        "done",
        "back",
        ("Ctrl+L", N_("lock circle")),
    )
    BINDINGS = [
        Key("d", "done", N_("Done"), help=N_("it has been followed up: mark it done")),
        Key("escape", "back", N_("Groups"), help=N_("back to your groups")),
    ]

    def compose(self) -> ComposeResult:
        yield Static(_("Follow-ups due"), classes="title")
        yield DataTable(id="follow-ups", cursor_type="row", zebra_stripes=True)
        yield Static("", id="follow-ups-hint", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(_("Written"), _("Group"), _("Who"), _("What"))
        self.refresh_list()

    def refresh_list(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        due = self.workspace.follow_ups()
        for item in due:
            written = item.note.created_at.astimezone()
            table.add_row(
                day_in(current(), written.date()),
                cell(item.group_name),
                cell(item.member_name or "—"),
                cell(what(item), width=WHAT_WIDTH),
                key=f"{item.group_id}:{item.note.id}",
            )
        self.query_one("#follow-ups-hint", Static).update(
            _("d marks the highlighted one done. Notes are deleted when the group's rules say.")
            if due
            else _("Nothing to follow up. Flags from meetings appear here until they are done.")
        )

    def action_done(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return
        row_key, _column = table.coordinate_to_cell_key(table.cursor_coordinate)
        group_id, note_id = str(row_key.value).split(":")
        if self.attempt(self.workspace.resolve_note, group_id, note_id) is not FAILED:
            self.say(_("Marked done."))
        self.refresh_list()

    def action_back(self) -> None:
        self.dismiss()
