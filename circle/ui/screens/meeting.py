"""The facilitator's screen during a meeting: who is here, who speaks, and how long is left.

Every key turns into one engine command. The command's events are committed to the vault
before the screen changes, and the screen only ever reads the state, a few times a second.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Footer, Input

from circle.domain.errors import CircleError
from circle.domain.group import PhaseKind
from circle.domain.session import (
    Arrive,
    Command,
    Dequeue,
    EndTurn,
    Enqueue,
    ExtendTurn,
    Leave,
    MoveInQueue,
    NextPhase,
    PassTurn,
    Pause,
    ReadAgreements,
    Resume,
    RoundOrderMode,
    SetHeadcount,
    SetNextMeeting,
    StartTurn,
    suggested_turn_seconds,
)
from circle.domain.timing import format_clock
from circle.meeting import Meeting
from circle.ui.screens.base import CircleScreen
from circle.ui.screens.dialogs import Ask, Confirm
from circle.ui.screens.keys_help import MEETING_KEYS
from circle.ui.screens.meeting_summary import MeetingSummaryScreen
from circle.ui.screens.read_aloud import ReadAloudScreen
from circle.ui.text import one_line, plain
from circle.ui.widgets.guidance import guidance
from circle.ui.widgets.line import Line, Paragraph
from circle.ui.widgets.people_table import PeopleTable
from circle.ui.widgets.timer_panel import TimerPanel

REFRESH_SECONDS = 0.25
_ORDER_MODES = list(RoundOrderMode)


class MeetingScreen(CircleScreen):
    KEYS_TITLE = "Keys during a meeting"
    KEYS_HELP = MEETING_KEYS
    BINDINGS = [
        Binding("space", "turn", "Turn", tooltip="Start the next turn, or end this one"),
        Binding("p", "pass_turn", "Pass", tooltip="Pass: passing is a way of taking part"),
        Binding("plus,equals_sign", "extend", "+1 min", tooltip="One more minute for this turn"),
        Binding("n", "next_phase", "Next", tooltip="On to the next part of the meeting"),
        Binding("z", "pause", "Pause", tooltip="Pause every timer, or resume them"),
        Binding("t", "toggle_here", "Here/not here", show=False),
        Binding("N", "newcomer", "Newcomer", tooltip="Add a newcomer"),
        Binding("e", "left_early", "Left early", show=False),
        Binding("a", "enqueue", "Queue", tooltip="Add the highlighted person to the sharing queue"),
        Binding("x", "dequeue", "Unqueue", show=False),
        Binding("left_square_bracket", "move(-1)", "Move up", show=False),
        Binding("right_square_bracket", "move(1)", "Move down", show=False),
        Binding("o", "round_order", "Order", show=False),
        Binding("r", "agreements_read", "Read", tooltip="The agreements have been read"),
        Binding("v", "read_aloud", "Read aloud", tooltip="The agreements, large, for reading aloud"),
        Binding("k", "headcount(1)", "Count +1", tooltip="One more in the room"),
        Binding("j", "headcount(-1)", "Count −1", tooltip="One fewer in the room"),
        Binding("d", "next_meeting", "Next date", show=False),
        Binding("slash", "filter", "Find", show=False),
        # The same key twice: shown in the footer during the closing part, and working, unshown, before it.
        Binding("c", "close_meeting", "Close", tooltip="Close the meeting and see its summary"),
        Binding("c", "close_meeting_early", "Close", show=False),
        Binding("escape", "leave_screen", "Groups", show=False),
    ]

    def __init__(self, meeting: Meeting) -> None:
        super().__init__()
        self.meeting = meeting
        self._last_offered: dict[str, bool] = {}

    def compose(self) -> ComposeResult:
        yield Line("", id="meeting-title")
        with Horizontal(id="timers"):
            yield TimerPanel("Speaker", id="speaker-timer")
            yield TimerPanel("This part", id="phase-timer")
            yield TimerPanel("Meeting", id="meeting-timer")
        with Horizontal(id="meeting-body"):
            with Vertical(id="people-side"):
                yield Input(placeholder="/ to find a name", id="people-filter", compact=True)
                yield PeopleTable(id="people")
            with VerticalScroll(id="guidance-scroll"):
                yield Paragraph("", id="guidance")
        # Compact and without the palette hint, so a meeting's keys fit in 80 columns.
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        if not self.meeting.group.rules.keeps_names:
            self.query_one("#people-side").display = False
        self.refresh_state()
        self.set_interval(REFRESH_SECONDS, self.refresh_timers)
        self.query_one(PeopleTable).focus()

    # reading --------------------------------------------------------------------
    def refresh_state(self) -> None:
        """Redraw everything from the state: after a command, and on resuming."""
        meeting = self.meeting
        state = meeting.state
        phase = state.phase
        part = "Attendance" if phase is None else phase.title
        where = "" if state.phase_index is None else f" ({state.phase_index + 1} of {len(state.phases)})"
        paused = "   ‖ PAUSED" if state.is_paused else ""
        self.query_one("#meeting-title", Line).show(
            Content.assemble(one_line(meeting.group.name), f" · {part}{where}{paused}")
        )
        if meeting.group.rules.keeps_names:
            self.query_one(PeopleTable).show(meeting.roster, state)
        self.query_one("#guidance", Paragraph).show(guidance(meeting, meeting.now()))
        self.refresh_timers()
        self._refresh_keys()

    def refresh_timers(self) -> None:
        if not self.is_attached:
            return  # the timer can tick once more while the app is closing
        meeting = self.meeting
        state = meeting.state
        now = meeting.now()
        paused = state.is_paused
        if state.phase is PhaseKind.BREAK:
            # The breathing pacer moves with the clock, so it is redrawn with the timers.
            self.query_one("#guidance", Paragraph).show(guidance(meeting, now))
        who: Content | str = plain(meeting.name(state.speaker)) if state.speaker else ""
        if state.in_turn and not state.speaker:
            who = "someone is sharing"
        if not state.in_turn and state.phase is not None:
            upcoming = suggested_turn_seconds(state, now)
            if upcoming is not None:
                who = f"next turn: {format_clock(upcoming)}"
        self.query_one("#speaker-timer", TimerPanel).show(state.speaker_timer, now, who=who, paused=paused)
        self.query_one("#phase-timer", TimerPanel).show(
            state.phase_timer, now, who=state.phase.title if state.phase else "", paused=paused
        )
        end = state.planned_end_at(now)
        ends = f"ends {end.astimezone():%H:%M}" if end else f"{state.planned_minutes} min planned"
        self.query_one("#meeting-timer", TimerPanel).show(state.meeting_timer, now, who=ends, paused=paused)

    def _refresh_keys(self) -> None:
        """Redraw the footer only when the keys on offer changed: rebuilding it is the costliest repaint."""
        offered = self._offered()
        if offered != self._last_offered:
            self._last_offered = offered
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer only what fits this moment; a key that does nothing here stays quiet."""
        return self._offered().get(action, super().check_action(action, parameters))

    def _offered(self) -> dict[str, bool]:
        state = self.meeting.state
        names = self.meeting.group.rules.keeps_names
        phase = state.phase
        in_round = phase in (PhaseKind.CHECK_IN, PhaseKind.SHARING, PhaseKind.CLOSING)
        return {
            "turn": in_round,
            "pass_turn": in_round,
            "extend": state.in_turn,
            "pause": state.is_started,
            "toggle_here": names,
            "newcomer": names,
            "left_early": names and state.is_started,
            "enqueue": names and phase is PhaseKind.SHARING,
            "dequeue": names and phase is PhaseKind.SHARING,
            "move": names and phase is PhaseKind.SHARING,
            "round_order": names and phase in (PhaseKind.CHECK_IN, PhaseKind.CLOSING),
            "agreements_read": phase is PhaseKind.OPENING,
            "read_aloud": phase is PhaseKind.OPENING,
            "headcount": not names,
            "next_meeting": phase is PhaseKind.CLOSING,
            "filter": names,
            "next_phase": state.phase_index is None or state.phase_index < len(state.phases) - 1,
            "close_meeting": phase is PhaseKind.CLOSING,
            "close_meeting_early": phase is not PhaseKind.CLOSING,
        }
        return offered

    # changing -------------------------------------------------------------------
    def command(self, command: Command) -> None:
        try:
            self.meeting.do(command)
        except CircleError as error:
            self.say(str(error), error=True)
        self.refresh_state()

    def _highlighted(self) -> str | None:
        return self.query_one(PeopleTable).highlighted_member

    def action_turn(self) -> None:
        self.command(EndTurn() if self.meeting.state.in_turn else StartTurn())

    def action_pass_turn(self) -> None:
        self.command(PassTurn())

    def action_extend(self) -> None:
        self.command(ExtendTurn(60))

    def action_next_phase(self) -> None:
        self.command(NextPhase())

    def action_pause(self) -> None:
        self.command(Resume() if self.meeting.state.is_paused else Pause())

    def action_agreements_read(self) -> None:
        self.command(ReadAgreements(full=self.meeting.state.full_agreements_due))

    def action_read_aloud(self) -> None:
        state = self.meeting.state
        screen = ReadAloudScreen(self.meeting.group.profile.agreements, newcomer_here=state.full_agreements_due)
        self.app.push_screen(screen, lambda read: read and self.action_agreements_read())

    def action_headcount(self, change: int) -> None:
        self.command(SetHeadcount(max(0, self.meeting.state.headcount + change)))

    @on(DataTable.RowSelected, "#people")
    def action_toggle_here(self) -> None:
        member = self._highlighted()
        if member is None:
            return
        self.command(Leave(member) if member in self.meeting.state.present else Arrive(member))

    def action_left_early(self) -> None:
        member = self._highlighted()
        if member is not None and member in self.meeting.state.present:
            self.command(Leave(member))

    def action_enqueue(self) -> None:
        member = self._highlighted()
        if member is not None:
            self.command(Enqueue(member))

    def action_dequeue(self) -> None:
        member = self._highlighted()
        if member is not None:
            self.command(Dequeue(member))

    def action_move(self, step: int) -> None:
        member = self._highlighted()
        queue = self.meeting.state.queue
        if member in queue:
            self.command(MoveInQueue(member, max(0, queue.index(member) + step)))

    def action_round_order(self) -> None:
        current = self.meeting.state.round_order_mode
        index = _ORDER_MODES.index(RoundOrderMode(current)) if current else -1
        try:
            self.meeting.order_round(_ORDER_MODES[(index + 1) % len(_ORDER_MODES)])
        except CircleError as error:
            self.say(str(error), error=True)
        self.refresh_state()

    def action_newcomer(self) -> None:
        self.app.push_screen(Ask("A newcomer's name (kept as the group's rules allow):"), self._add_newcomer)

    def _add_newcomer(self, typed: str | None) -> None:
        if not typed or not typed.strip():
            return
        try:
            member = self.workspace.add_member(self.meeting.group.id, typed)
            self.meeting.add_newcomer(member)
        except CircleError as error:
            self.say(str(error), error=True)
        self.refresh_state()

    def action_next_meeting(self) -> None:
        upcoming = self.meeting.group.profile.schedule.next_after(self.meeting.now().astimezone().date())
        self.app.push_screen(
            Ask("Next meeting (YYYY-MM-DD):", value=upcoming.isoformat() if upcoming else ""),
            lambda typed: typed and self.command(SetNextMeeting(typed.strip())),
        )

    def action_filter(self) -> None:
        self.query_one("#people-filter", Input).focus()

    @on(Input.Changed, "#people-filter")
    def _filter(self, event: Input.Changed) -> None:
        table = self.query_one(PeopleTable)
        table.filter_text = event.value
        table.show(self.meeting.roster, self.meeting.state)

    @on(Input.Submitted, "#people-filter")
    def _back_to_people(self) -> None:
        self.query_one(PeopleTable).focus()

    def action_close_meeting_early(self) -> None:
        self.action_close_meeting()

    def action_close_meeting(self) -> None:
        self.app.push_screen(Confirm("Close the meeting now? Its timings are then reduced to counts."), self._close)

    def _close(self, sure: bool | None) -> None:
        if not sure:
            return
        try:
            result = self.meeting.close()
        except CircleError as error:
            self.say(str(error), error=True)
            return
        self.app.switch_screen(MeetingSummaryScreen(self.meeting.group, result))

    def action_leave_screen(self) -> None:
        """The meeting stays open and can be picked up again from home."""
        self.dismiss()
