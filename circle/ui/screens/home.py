"""Home: the facilitator's groups, with when each last met and meets next."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import DataTable, Static

from circle.language import N_, _, current, ngettext
from circle.language.days import day_in
from circle.ui.screens.base import FAILED, CircleScreen
from circle.ui.screens.dialogs import Confirm
from circle.ui.screens.purge_report import report_purge
from circle.ui.keys import Key
from circle.ui.screens.meeting import MeetingScreen
from circle.ui.days import day_words
from circle.ui.text import CELL_WIDTH, cell, one_line
from circle.ui.widgets.footer import Footer
from circle.ui.widgets.plain_table import PlainTable
from circle.workspace import GroupOverview

# The group screens (their editors and tabs) load when one is first opened, not under a meeting shown at unlock.
if TYPE_CHECKING:
    from circle.workspace import HandoffImported


OPEN_MARK = N_("● meeting open")


def _when(day: date | None, today: date, *, empty: str) -> str:
    return empty if day is None else day_words(day, today)


def _next(overview: GroupOverview, today: date) -> str:
    """The next meeting's date, and under it, if the date before it was cancelled, that it was and why: a
    facilitator sees both when the group meets and that the cancellation holds; two lines, to fit 80 columns."""
    when = _when(overview.next_meeting_on, today, empty=_("not set"))
    cancelled = overview.next_cancelled
    if cancelled is None:
        return when
    day = day_in(current(), cancelled.held_on, "dd MMM")
    if cancelled.cancel_reason:
        # The reason is the facilitator's own words: data, put in as it is.
        return when + "\n" + _("{day} cancelled ({reason})").format(day=day, reason=cancelled.cancel_reason)
    return when + "\n" + _("{day} cancelled").format(day=day)


def _name(overview: GroupOverview, open_meetings: set[str]) -> Text:
    """The group's name, and under it that its meeting is open, so that it is plain which `m` goes back to."""
    name = cell(overview.name)
    if overview.id in open_meetings:
        name.append("\n" + _(OPEN_MARK), style="bold")
    return name


class HomeScreen(CircleScreen):
    KEYS_TITLE = N_("Keys on your groups")
    KEYS_HELP = (
        ("↑ ↓", N_("choose a group")),
        "meeting",
        "open_group",
        "new_group",
        "follow_ups",
        "trends",
        "hand_off",
        "import_handoff",
        "change_passphrase",
        ("Ctrl+P", N_("every action by name")),
        ("Ctrl+L", N_("lock circle; unlocking comes back here")),
        ("Ctrl+Q", N_("quit")),
    )
    BINDINGS = [
        Key("enter", "open_group", N_("Open group"), show=True,
            help=N_("the group's roster, format, agreements, rules, crisis resources and facilitators")),
        Key("m", "meeting", N_("Run meeting"),
            help=N_("run the highlighted group's meeting (or go back to the one in progress); asks first while"
                    " another is open")),
        Key("n", "new_group", N_("New group"), help=N_("add a new group")),
        Key("f", "follow_ups", N_("Follow-ups"), help=N_("follow-ups due from past meetings; mark them done")),
        Key("t", "trends", N_("Trends"), tooltip=N_("Attendance trends of your groups"),
            help=N_("attendance trends: is the group growing, do newcomers come back, who stopped coming")),
        # Rarely wanted, so out of the footer; the palette finds it by its tooltip, and `?` lists it.
        Key("p", "change_passphrase", N_("Passphrase"), show=False, tooltip=N_("Change my passphrase"),
            help=N_("change your passphrase")),
        Key("x", "hand_off", N_("Hand off"), show=False, tooltip=N_("Hand off the highlighted group to another laptop"),
            help=N_("hand off the highlighted group to another laptop: a file and a code to read aloud")),
        Key("i", "import_handoff", N_("Import"), show=False, tooltip=N_("Import a handoff from another laptop"),
            help=N_("import a handoff from another laptop, or one handed back to you")),
    ]

    def __init__(self, *, purge_reported: bool = False) -> None:
        super().__init__()
        # Made when a meeting that unlocking went back to is left: what the purge removed was said then.
        self._purge_reported = purge_reported

    def compose(self) -> ComposeResult:
        yield Static(self._greeting(), id="home-title", classes="title")
        yield PlainTable(id="groups", cursor_type="row", zebra_stripes=True)
        yield Static("", id="home-follow-ups", classes="lead")
        yield Static("", id="home-empty", classes="hint")
        yield Footer()

    def _greeting(self) -> Content:
        # The handle is user text: literal, and cut so that a very long one cannot fill the screen.
        handle = one_line(self.workspace.facilitator_handle, width=CELL_WIDTH)
        return Content.assemble(_("Your groups · signed in as "), handle)

    def on_mount(self) -> None:
        table = self.query_one("#groups", DataTable)
        table.add_columns(_("Group"), _("Next meeting"), _("Last met"), _("Members"), _("Meetings"))
        # The rows are filled when the screen comes up, which follows at once (on_screen_resume): filling them
        # here as well listed every group twice at each unlock.
        if not self._purge_reported:
            report_purge(self)

    def on_screen_resume(self) -> None:
        # A home closed under a newer one (unlocking again) is resumed on its way out: it lists nothing.
        if self.app.screen is self:
            self.refresh_groups()

    def refresh_groups(self) -> None:
        table = self.query_one("#groups", DataTable)
        # Back from a group or a meeting, the cursor stays on the group it was on: `m` then runs that one.
        highlighted = self._highlighted_group()
        table.clear()
        today = self.workspace.clock.now().astimezone().date()
        overviews: list[GroupOverview] = self.workspace.groups()
        open_meetings = set(self.workspace.meetings_in_progress())
        for overview in overviews:
            name, upcoming = _name(overview, open_meetings), _next(overview, today)
            table.add_row(
                name,
                upcoming,
                # No "(yesterday)" here: the table then fits in 80 columns with the member count.
                day_words(overview.last_held_on) if overview.last_held_on else _("not yet"),
                str(overview.members),
                str(overview.meetings_held),
                key=overview.id,
                # Two lines for a next meeting cancelled, or a meeting open. Said, not measured: measuring every
                # cell of every row was a good part of painting home.
                height=2 if "\n" in name.plain or "\n" in upcoming else 1,
            )
        if highlighted is not None and highlighted in table.rows:
            table.move_cursor(row=table.get_row_index(highlighted))
        self.query_one("#home-empty", Static).update(
            _("Enter opens the highlighted group, m runs its meeting, n creates a new group.")
            if overviews
            else _("No groups yet. Press n to create one from a template.")
        )
        due = self.workspace.follow_ups_due()
        # A count only: the names wait one key away, out of sight of anyone passing.
        self.query_one("#home-follow-ups", Static).update(
            ngettext("{count} follow-up due · f to see it", "{count} follow-ups due · f to see them", due).format(
                count=due
            )
            if due
            else ""
        )
        self.query_one("#home-follow-ups").display = bool(due)

    @on(DataTable.RowSelected, "#groups")
    def action_open_group(self) -> None:
        group_id = self._highlighted_group()
        if group_id is not None:
            from circle.ui.screens.group import GroupScreen

            self.app.push_screen(GroupScreen(group_id))

    def action_meeting(self) -> None:
        """Start a meeting for the highlighted group, or go back to the one in progress."""
        group_id = self._highlighted_group()
        if group_id is None:
            return
        open_elsewhere = [other for other in self.workspace.meetings_in_progress() if other != group_id]
        if open_elsewhere and group_id not in self.workspace.meetings_in_progress():
            self._ask_before_another(group_id, open_elsewhere[0])
            return
        self._run_meeting(group_id)

    def _ask_before_another(self, group_id: str, open_id: str) -> None:
        """Another group's meeting is open: one key must not start a second meeting by mistake."""
        open_name = one_line(self.workspace.group(open_id).name, width=CELL_WIDTH).plain
        name = one_line(self.workspace.group(group_id).name, width=CELL_WIDTH).plain
        # Content of a plain string: the groups' names are shown literally, never read as markup.
        question = Content(
            _("The meeting of {open} is still open; m on {open} goes back to it. Start a meeting of {group} as well?")
            .format(open=open_name, group=name)
        )
        self.app.push_screen(Confirm(question), lambda sure: sure and self._run_meeting(group_id))

    def _run_meeting(self, group_id: str) -> None:
        meeting = self.attempt(self.workspace.meeting, group_id)
        if meeting is FAILED:
            return
        self.app.push_screen(MeetingScreen(meeting))

    def _highlighted_group(self) -> str | None:
        table = self.query_one("#groups", DataTable)
        if table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return row_key.value

    def action_follow_ups(self) -> None:
        from circle.ui.screens.follow_ups import FollowUpsScreen

        self.app.push_screen(FollowUpsScreen())

    def action_trends(self) -> None:
        from circle.ui.screens.trends import TrendsScreen

        self.app.push_screen(TrendsScreen(self._highlighted_group()))

    def action_change_passphrase(self) -> None:
        from circle.ui.screens.change_passphrase import ChangePassphraseDialog

        self.app.push_screen(ChangePassphraseDialog(), self._passphrase_changed)

    def _passphrase_changed(self, changed: bool | None) -> None:
        if changed:
            self.say(_("Passphrase changed. It cannot be recovered: keep it somewhere safe."))

    def action_hand_off(self) -> None:
        from circle.ui.screens.handoff import HandoffExportDialog

        group_id = self._highlighted_group()
        if group_id is not None:
            name = self.workspace.group(group_id).name
            self.app.push_screen(HandoffExportDialog(self.workspace, group_id, name))

    def action_import_handoff(self) -> None:
        from circle.ui.screens.handoff import HandoffImportDialog

        def done(result: HandoffImported | None) -> None:
            if result is None:
                return
            self.say(" ".join(result.lines(one_line(result.group_name, width=CELL_WIDTH).plain)))
            # Home again, with the group in the list and its meeting in progress (if any) open where it was.
            self.app.show_home(prefer=result.group_id)  # type: ignore[attr-defined]

        self.app.push_screen(HandoffImportDialog(self.workspace), done)

    def action_new_group(self) -> None:
        from circle.ui.screens.new_group import NewGroupScreen

        self.app.push_screen(NewGroupScreen(), self._created)

    def _created(self, group_id: str | None) -> None:
        if group_id:
            from circle.ui.screens.group import GroupScreen

            self.refresh_groups()
            self.app.push_screen(GroupScreen(group_id, tab="agreements"))
