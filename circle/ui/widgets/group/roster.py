"""The roster: who belongs to the group, kept as the group's names rule allows, and caring for it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Label, Static

from circle.domain.group import Member
from circle.language import N_, _, ngettext
from circle.ui.text import cell
from circle.ui.widgets.group.messages import MemberAddRequested, MemberCareRequested

RETIRED = N_("no longer coming")
CARE_HINT = N_(
    "On the list: r rename · n no longer coming (or back again) · m merge another entry into this one · e erase"
)


def counted(count: int, retired: int) -> str:
    """"12 on the roster, 2 no longer coming.", counted in the facilitator's language."""
    if not count:
        return _("Nobody on the roster yet.")
    if not retired:
        return ngettext("{count} on the roster.", "{count} on the roster.", count).format(count=count)
    return ngettext(
        "{count} on the roster, {retired} no longer coming.",
        "{count} on the roster, {retired} no longer coming.",
        count,
    ).format(count=count, retired=retired)


class RosterEditor(Vertical):
    BINDINGS = [
        # They act on the highlighted row, so they work while the list has the focus.
        Binding("r", "care('rename')", N_("Rename"), tooltip=N_("Rename the highlighted member")),
        Binding("n", "care('retire')", N_("Not coming"),
                tooltip=N_("Mark the highlighted member as no longer coming, or back")),
        Binding("m", "care('merge')", N_("Merge"), tooltip=N_("Merge another entry for the same person into this one")),
        Binding("e", "care('erase')", N_("Erase"), tooltip=N_("Forget the highlighted member now, on their request")),
    ]

    def __init__(self, members: list[Member], *, keeps_names: bool, id: str | None = None) -> None:
        super().__init__(id=id, classes="editor")
        self.members = members
        self.keeps_names = keeps_names

    def compose(self) -> ComposeResult:
        if not self.keeps_names:
            yield Static(
                _("This group counts heads only, so it keeps no roster. Attendance is a number."),
                classes="meaning",
            )
            return
        yield Label(_("Add a member: type a name and press Enter (kept as the group's rules allow)"))
        yield Input(placeholder=_("Name"), id="roster-name")
        yield Static("", id="roster-count", classes="hint")
        yield DataTable(id="roster-table", cursor_type="row", zebra_stripes=True)
        yield Static(_(CARE_HINT), id="roster-care", classes="hint")

    def on_mount(self) -> None:
        if self.keeps_names:
            self.query_one("#roster-table", DataTable).add_columns(_("Name"), _("Joined"), "")
            self.show(self.members)

    def show(self, members: list[Member], *, highlight: str | None = None) -> None:
        self.members = members
        table = self.query_one("#roster-table", DataTable)
        table.clear()
        for member in members:
            joined = member.joined_on.isoformat() if member.joined_on else ""
            table.add_row(cell(member.shown), joined, _(RETIRED) if member.retired else "", key=member.id)
        if highlight in table.rows:
            table.move_cursor(row=table.get_row_index(highlight))
        self.query_one("#roster-count", Static).update(
            counted(len(members), sum(member.retired for member in members))
        )

    def action_care(self, action: str) -> None:
        if not self.keeps_names:
            return
        table = self.query_one("#roster-table", DataTable)
        if not table.has_focus or not self.members:
            return
        self.post_message(MemberCareRequested(action, self.members[table.cursor_row]))

    @on(Input.Submitted, "#roster-name")
    def request_add(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.post_message(MemberAddRequested(event.value))
            event.input.value = ""
