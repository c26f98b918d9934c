"""A group's meetings, newest first: held, cancelled (and why) or in progress. From here a date is cancelled,
a meeting opened by mistake discarded, and a past meeting's attendance corrected."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import DataTable, Static

from circle.domain.errors import CircleError
from circle.domain.meeting_changes import typed_day
from circle.domain.records import CancelReason, MeetingRecord, MeetingStatus
from circle.language import N_, _, current
from circle.language.days import day_in
from circle.ui.keys import Key
from circle.ui.screens.base import FAILED, CircleScreen
from circle.ui.screens.dialogs import Ask, Choose, Confirm
from circle.ui.text import one_line
from circle.ui.widgets.footer import Footer


def status_words(meeting: MeetingRecord) -> str:
    if meeting.status is MeetingStatus.CANCELLED:
        if meeting.cancel_reason:
            return _("cancelled: {reason}").format(reason=_(meeting.cancel_reason.words))
        return _("cancelled")
    return _("held") if meeting.status is MeetingStatus.CLOSED else _("in progress")


def day_words(day: date) -> str:
    """"Tue 13 Jan 2026", "mar 13 ene 2026": the day in the facilitator's language, from Babel's data."""
    return day_in(current(), day, "EEE dd MMM yyyy")


def meeting_day(meeting: MeetingRecord) -> str:
    started = f" {meeting.started_at.astimezone():%H:%M}" if meeting.started_at else ""
    return f"{day_words(meeting.held_on)}{started}"


class MeetingsScreen(CircleScreen):
    KEYS_TITLE = N_("Keys on a group's meetings")
    KEYS_HELP = (
        ("↑ ↓", N_("choose a meeting")),
        "attendance",
        "cancel_date",
        "discard",
        "back",
        ("Ctrl+L", N_("lock circle")),
    )
    BINDINGS = [
        Key("enter", "attendance", N_("Attendance"), help=N_("correct who came to the highlighted meeting")),
        Key("c", "cancel_date", N_("Cancel a date"),
            help=N_("cancel a date the group does not (or did not) meet, and say why")),
        Key("x,delete", "discard", N_("Discard"), help_key="x or Delete",
            help=N_("discard the highlighted meeting, opened by mistake: its counts are deleted, after asking")),
        Key("escape", "back", N_("Back"), help=N_("back to the group")),
    ]

    def __init__(self, group_id: str) -> None:
        super().__init__()
        self.group_id = group_id
        self._meetings: dict[str, MeetingRecord] = {}

    def compose(self) -> ComposeResult:
        name = one_line(self.workspace.group(self.group_id).name)
        title = _("Meetings · {group}").format(group=name.plain)  # Content: the group's name stays literal
        yield Static(Content(title), id="meetings-title", classes="title")
        yield DataTable(id="meetings", cursor_type="row", zebra_stripes=True)
        yield Static("", id="meetings-hint", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(_("Date"), _("Status"), _("Here"))
        self.refresh_list()
        self.query_one(DataTable).focus()

    def vault_unlocked(self) -> bool:
        try:
            self.refresh_list()
        except CircleError:
            return False  # the group no longer opens for whoever unlocked
        return True

    def refresh_list(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        kept = list(reversed(self.workspace.kept_meetings(self.group_id)))
        self._meetings = {meeting.id: meeting for meeting in kept}
        for meeting in kept:
            here = str(meeting.headcount) if meeting.status is MeetingStatus.CLOSED else "—"
            table.add_row(meeting_day(meeting), status_words(meeting), here, key=meeting.id)
        self.query_one("#meetings-hint", Static).update(
            _("Enter corrects who came, c cancels a date, x discards a meeting opened by mistake.")
            if kept
            else _("No meetings yet. c cancels a date the group will not meet.")
        )

    def _highlighted(self) -> MeetingRecord | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        row_key, _column = table.coordinate_to_cell_key(table.cursor_coordinate)
        return self._meetings.get(str(row_key.value))

    # correcting ----------------------------------------------------------------------
    @on(DataTable.RowSelected, "#meetings")
    def action_attendance(self) -> None:
        from circle.ui.screens.attendance import AttendanceEditor

        meeting = self._highlighted()
        if meeting is None:
            return
        sheet = self.attempt(self.workspace.attendance_sheet, self.group_id, meeting.id)
        if sheet is FAILED:
            return
        self.app.push_screen(AttendanceEditor(self.group_id, meeting, sheet), self._corrected)

    def _corrected(self, headcount: int | None) -> None:
        if headcount is None:
            return
        self.refresh_list()
        self.say(_("Attendance corrected: {count} there. Trends count it so from now on.").format(count=headcount))

    # cancelling ----------------------------------------------------------------------
    def action_cancel_date(self) -> None:
        upcoming = next((group.next_meeting_on for group in self.workspace.groups() if group.id == self.group_id), None)
        self.app.push_screen(
            Ask(
                _("Which date does the group not meet? (YYYY-MM-DD: ahead of time, or a past date with no meeting)"),
                value=upcoming.isoformat() if upcoming else "",
            ),
            self._date_typed,
        )

    def _date_typed(self, typed: str | None) -> None:
        if not typed or not typed.strip():
            return
        day = self.attempt(typed_day, typed)
        if day is FAILED:
            return
        choices = [(Content(_(reason.words)), str(reason)) for reason in CancelReason]
        self.app.push_screen(
            Choose(_("Why is {day} cancelled?").format(day=day_words(day)), choices),
            lambda reason: reason is not None and self._cancel(day, CancelReason(reason)),
        )

    def _cancel(self, day: date, reason: CancelReason) -> None:
        if self.attempt(self.workspace.cancel_meeting, self.group_id, day, reason) is FAILED:
            return
        self.refresh_list()
        self.say(
            _("{day} is cancelled ({reason}). Trends count it as cancelled, not held.").format(
                day=day_words(day), reason=_(reason.words)
            )
        )

    # discarding ----------------------------------------------------------------------
    def action_discard(self) -> None:
        meeting = self._highlighted()
        if meeting is None:
            return
        question = _(
            "Discard the meeting of {day} ({status})? Its counts and attendance are deleted for good, and trends"
            " forget it."
        ).format(day=meeting_day(meeting), status=status_words(meeting))
        self.app.push_screen(Confirm(question), lambda sure: sure and self._discard(meeting))

    def _discard(self, meeting: MeetingRecord) -> None:
        if self.attempt(self.workspace.discard_meeting, self.group_id, meeting.id) is FAILED:
            return
        self.refresh_list()
        self.say(_("The meeting of {day} is discarded.").format(day=meeting_day(meeting)))

    def action_back(self) -> None:
        self.dismiss()
