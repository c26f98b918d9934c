"""The facilitator's screen during a meeting: who is here, who speaks, and how long is left.

Every key turns into one engine command. The command's events are committed to the vault
before the screen changes, and the screen only ever reads the state, a few times a second.
"""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input

from circle.domain.errors import CircleError
from circle.language import N_, _
from circle.domain.group import has_placeholders
from circle.domain.notes import NoteDraft, NoteKind
from circle.domain.rules import NotesPolicy
from circle.domain.session import commands as cmd
from circle.domain.session import PartNotFinished, RoundOrderMode
from circle.domain.session.decide_meeting import TOPIC_TOO_LATE
from circle.domain.session.turn_bell import TurnBell, turn_under_way
from circle.workspace import Meeting
from circle.ui.screens.base import FAILED
from circle.ui.screens.dialogs import Ask, Choose, Confirm
from circle.ui.screens.meeting_keys import MEETING_BINDINGS, MEETING_HELP
from circle.ui.screens.meeting_offers import keys_offered, nobody_shared
from circle.ui.screens.meeting_people import PeopleKeys
from circle.ui.screens.meeting_words import CLOSE_QUESTION, PLACEHOLDERS_LINE, guests_line
from circle.ui.screens.privacy_cover import PrivacyCover, part_title, show_timers, timer_row
from circle.ui.text import one_line, plain
from circle.ui.widgets.meeting.find_box import FindBox
from circle.ui.widgets.meeting.footer import MeetingFooter
from circle.ui.widgets.meeting.grounding import GroundingLine
from circle.ui.widgets.meeting.guidance import PACED_PARTS, guidance
from circle.ui.widgets.line import Line
from circle.ui.widgets.meeting.people_table import PeopleTable
from circle.ui.widgets.meeting.steady_paragraph import SteadyParagraph
from circle.workspace import VaultLocked

REFRESH_SECONDS = 0.25
_ORDER_MODES = list(RoundOrderMode)
class MeetingScreen(PeopleKeys):
    KEYS_TITLE = N_("Keys during a meeting")
    KEYS_HELP = MEETING_HELP
    BINDINGS = MEETING_BINDINGS

    def __init__(self, meeting: Meeting) -> None:
        super().__init__()
        self._meeting: Meeting | None = meeting
        self.group_id = meeting.group.id
        self._last_offered: dict[str, bool | None] = {}
        self._offered_for: object = None  # the state `_last_offered` was worked out for
        self._bell = TurnBell()  # kept across a lock: the same turn never rings twice
        self._facilitating: str | None = None  # who, once known; named only in a group with co-facilitators
        self._guidance_moment: tuple[object, ...] | None = None  # the part and read state the guidance shows

    @property
    def meeting(self) -> Meeting:
        """The meeting on screen; there is none while the vault is locked, since it holds the group's key."""
        if self._meeting is None:
            raise VaultLocked()
        return self._meeting

    def vault_locked(self) -> None:
        """Let go of the meeting and its key. The sealed log on disk keeps its time meanwhile."""
        self._meeting = None
        self._facilitating = None

    def vault_unlocked(self) -> bool:
        """Replay the meeting from its log, so its timers show the time that passed while locked.

        A meeting closed in the meantime is not reopened: opening the group's meeting now would start a new one.
        """
        if self.group_id not in self.workspace.meetings_in_progress():
            self.say(_("That meeting was closed while circle was locked."))
            return False
        meeting = self.attempt(self.workspace.meeting, self.group_id)
        if meeting is FAILED:
            return False
        self._meeting = meeting
        self.refresh_state()
        return True

    def compose(self) -> ComposeResult:
        yield Line("", id="meeting-title")
        yield timer_row()
        yield GroundingLine(id="grounding")
        with Horizontal(id="meeting-body"):
            with Vertical(id="people-side"):
                yield FindBox(placeholder=_("/ to find a name"), id="people-filter", back_to="people")
                yield PeopleTable(id="people")
                yield Line("", id="guests")
            with VerticalScroll(id="guidance-scroll"):
                yield SteadyParagraph("", id="guidance")
        # Compact and without the palette hint, so a meeting's keys fit in 80 columns.
        yield MeetingFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        if not self.meeting.group.rules.keeps_names:
            self.query_one("#people-side").display = False
        self.refresh_state()
        self.set_interval(REFRESH_SECONDS, self.refresh_timers)
        self.query_one(PeopleTable).focus()
        if self.meeting.just_opened and has_placeholders(self.meeting.group.profile.crisis_resources):
            # Once, as the meeting begins: picking it up again says nothing. Long enough on screen to read.
            self.notify(_(PLACEHOLDERS_LINE), markup=False, timeout=12)

    # reading --------------------------------------------------------------------
    def refresh_state(self) -> None:
        """Redraw everything from the state: after a command, and on resuming."""
        meeting = self.meeting
        state = meeting.state
        self.query_one("#meeting-title", Line).show(
            Content.assemble(one_line(meeting.group.name), f" · {part_title(state)}", *self._who_facilitates())
        )
        if meeting.group.rules.keeps_names:
            self.query_one(PeopleTable).show(meeting.roster, state)
            self.query_one("#guests", Line).show(guests_line(state.guests))
        self.query_one("#guidance", SteadyParagraph).show(guidance(meeting, meeting.now()))
        self._guidance_from_the_top((state.phase_index, state.agreements_read))
        self.refresh_timers()
        self._refresh_keys()

    def _guidance_from_the_top(self, moment: tuple[object, ...]) -> None:
        """A new part, or the agreements just read: the guidance starts again at its first line, where the keys
        and what was done are, even if the facilitator had scrolled down to read the limits."""
        if moment != self._guidance_moment:
            self._guidance_moment = moment
            self.query_one("#guidance-scroll", VerticalScroll).scroll_home(animate=False)

    def _who_facilitates(self) -> list[Content]:
        """" · Robin facilitating" where the group has more than one facilitator: after a hand over, the room's
        laptop says whose meeting it now is. Looked up once per unlock: the handles are sealed."""
        if self._facilitating is None:
            several = len(self.workspace.facilitators(self.group_id)) > 1
            self._facilitating = self.workspace.facilitator_handle if several else ""
        # A handle is its facilitator's own words: shown literally, never as markup.
        if not self._facilitating:
            return []
        return [Content.assemble(" · ", one_line(_("{handle} facilitating").format(handle=self._facilitating)))]

    def refresh_timers(self) -> None:
        meeting = self._meeting
        if meeting is None or not self.is_attached:
            return  # locked (the meeting was let go), or the app is closing and the timer ticked once more
        now = meeting.now()
        if meeting.state.phase in PACED_PARTS:
            # The breathing pacer moves with the clock, so it is redrawn with the timers.
            self.query_one("#guidance", SteadyParagraph).show(guidance(meeting, now))
        show_timers(self, meeting, now, name_speaker=True)
        self.query_one(GroundingLine).show_since(meeting.grounding_since, now, meeting.group.profile.words)
        self._ring_if_time_is_up(meeting, now)

    def _ring_if_time_is_up(self, meeting: Meeting, now: datetime) -> None:
        """One bell as a turn reaches its time, where the settings ask for it."""
        timer = meeting.state.speaker_timer
        turn = turn_under_way(meeting.state, meeting.events)
        if self._bell.due(turn, 0.0 if timer is None else timer.remaining(now)):
            self.app.turn_reached_its_time()  # type: ignore[attr-defined]

    def _refresh_keys(self) -> None:
        """Redraw the footer only when the keys on offer changed: rebuilding it is the costliest repaint."""
        before = self._last_offered
        if self._keys_offered() != before:
            self.refresh_bindings()

    def _keys_offered(self) -> dict[str, bool | None]:
        """The keys on offer, worked out once for each state: Textual asks for every key after every key."""
        state = self.meeting.state
        if state is not self._offered_for:  # a state is never changed in place, only replaced
            self._last_offered, self._offered_for = keys_offered(self.meeting), state
        return self._last_offered

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer only what fits this moment; a key that does nothing here stays quiet."""
        if self._meeting is None:
            return False  # locked: nothing to do to a meeting that is not here
        offered = self._keys_offered()
        return offered[action] if action in offered else super().check_action(action, parameters)

    # changing -------------------------------------------------------------------
    @property
    def highlighted_member(self) -> str | None:
        return self._highlighted()

    def action_turn(self) -> None:
        self.command(cmd.EndTurn() if self.meeting.state.in_turn else cmd.StartTurn(self._volunteer()))

    def _volunteer(self) -> str | None:
        """With nobody lined up next, Space gives the turn to the highlighted person, if they can take it."""
        state = self.meeting.state
        member = self._highlighted()
        if state.next_up is not None or state.headcount_only or member not in state.present:
            return None
        return None if member in state.done_in_phase or member in state.stepped_out else member

    def action_pass_turn(self) -> None:
        self.command(cmd.PassTurn())

    def action_extend(self) -> None:
        self.command(cmd.ExtendTurn(60))

    def action_next_phase(self) -> None:
        self._begin_part(confirmed=False)

    def _begin_part(self, *, confirmed: bool) -> None:
        """On to the next part; if that leaves someone out (or the agreements unread), ask once first."""
        try:
            self.meeting.begin_part(confirmed=confirmed)
        except PartNotFinished as unfinished:
            state = self.meeting.state
            upcoming = state.phases[0 if state.phase_index is None else state.phase_index + 1].name_in(_)
            # The part's own name is the group's: Content keeps the whole question literal.
            question = plain(_("{unfinished} Go on to {part} anyway?").format(unfinished=unfinished, part=upcoming))
            self.app.push_screen(Confirm(question), lambda sure: sure and self._begin_part(confirmed=True))
            return
        except CircleError as error:
            self.say(str(error), error=True)
        self.refresh_state()

    def action_pause(self) -> None:
        self.command(cmd.Resume() if self.meeting.state.is_paused else cmd.Pause())

    def action_agreements_read(self) -> None:
        self.command(cmd.ReadAgreements(full=self.meeting.state.full_agreements_due))

    def action_read_aloud(self) -> None:
        from circle.ui.screens.read_aloud import ReadAloudScreen

        state = self.meeting.state
        screen = ReadAloudScreen(self.meeting.group.profile.agreements, newcomer_here=state.full_agreements_due)
        self.app.push_screen(screen, lambda read: read and self.action_agreements_read())

    def action_headcount(self, change: int) -> None:
        self.command(cmd.SetHeadcount(max(0, self.meeting.state.headcount + change)))

    def action_guest(self, change: int) -> None:
        self.command(cmd.AddGuest() if change > 0 else cmd.RemoveGuest())

    def action_round_order(self) -> None:
        current = self.meeting.state.round_order_mode
        index = _ORDER_MODES.index(RoundOrderMode(current)) if current else -1
        self.attempt(self.meeting.order_round, _ORDER_MODES[(index + 1) % len(_ORDER_MODES)])
        self.refresh_state()

    def action_another_topic(self) -> None:
        """The group's topics to choose from, this meeting's marked; the one chosen takes its place."""
        topics = self.meeting.group.profile.format.topics
        if not topics:
            self.say(_("This group keeps no topics; add them in its format tab."))
            return
        if not self.meeting.state.topic_may_change:
            self.say(_(TOPIC_TOO_LATE))
            return
        current = self.meeting.state.topic
        ours = _("{topic}  (this meeting's)")
        choices = [(one_line(ours.format(topic=topic) if topic == current else topic), str(index))
                   for index, topic in enumerate(topics)]
        self.app.push_screen(Choose(_("Which topic for this meeting?"), choices), self._topic_chosen)

    def _topic_chosen(self, index: str | None) -> None:
        if index is None:
            return
        self.attempt(self.meeting.choose_topic, self.meeting.group.profile.format.topics[int(index)])
        self.refresh_state()

    def action_newcomer(self) -> None:
        self.app.push_screen(Ask(_("A newcomer's name (kept as the group's rules allow):")), self._add_newcomer)

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
        upcoming = self.workspace.next_meeting_day(self.group_id, self.meeting.now().astimezone().date())
        self.app.push_screen(
            Ask(_("Next meeting (YYYY-MM-DD):"), value=upcoming.isoformat() if upcoming else ""),
            lambda typed: typed and self.command(cmd.SetNextMeeting(typed.strip())),
        )

    def action_pulse(self) -> None:
        from circle.ui.screens.pulse import PulseDialog

        self.app.push_screen(PulseDialog(self), lambda recorded: recorded and self._pulse_recorded())

    def action_pulse_unshown(self) -> None:
        self.action_pulse()

    def _pulse_recorded(self) -> None:
        self.say(_("Pulse counted. Only the counts are kept."))
        self.refresh_state()

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
        self.app.push_screen(Confirm(_(CLOSE_QUESTION)), self._close)

    def _close(self, sure: bool | None) -> None:
        if not sure:
            return
        result = self.attempt(self.meeting.close)
        if result is FAILED:
            return
        from circle.ui.screens.meeting_summary import MeetingSummaryScreen

        self.app.switch_screen(MeetingSummaryScreen(self.meeting.group, result, session_id=self.meeting.session_id))

    def action_discard_meeting(self) -> None:
        if not nobody_shared(self.meeting):
            return
        question = _("Discard this meeting, opened by mistake? Nothing of it is kept: no counts, no attendance.")
        self.app.push_screen(Confirm(question), self._discard)

    def _discard(self, sure: bool | None) -> None:
        if not sure:
            return
        meeting = self.meeting
        if self.attempt(self.workspace.discard_meeting, meeting.group.id, meeting.session_id) is FAILED:
            return
        self._meeting = None  # gone from the vault: nothing here may write to it again
        self.say(_("The meeting was discarded; nothing of it is kept."))
        self.dismiss()

    def action_grounding(self) -> None:
        meeting = self.meeting
        meeting.ground(meeting.grounding_since is None)
        self.refresh_timers()

    def action_crisis_card(self) -> None:
        from circle.ui.screens.crisis_card import CrisisCard

        self.app.push_screen(CrisisCard(self), lambda _: self.refresh_state())

    def action_follow_up(self) -> None:
        """A follow-up flag for the highlighted person, with a brief line where the rules allow one."""
        member_id = self._highlighted()
        if member_id is None:
            return
        rules = self.meeting.group.rules
        if rules.notes is not NotesPolicy.BRIEF:
            self._flag(member_id, "")
            return
        self.app.push_screen(
            Ask(
                plain(
                    _("Follow up {name}: a brief line if you want one. Enter keeps the flag; Escape cancels.").format(
                        name=self.meeting.name(member_id)
                    )
                ),
                placeholder=_("optional, up to {count} characters, nothing anyone said").format(
                    count=rules.brief_note_cap
                ),
            ),
            lambda typed: typed is not None and self._flag(member_id, typed),
        )

    def _flag(self, member_id: str, text: str) -> None:
        if self.attempt(self.meeting.note, NoteDraft(NoteKind.FOLLOW_UP, member_id=member_id, text=text)) is FAILED:
            return
        self.say(_("Follow-up flag kept; it shows on your groups until it is done."))

    def action_privacy_cover(self) -> None:
        self.app.push_screen(PrivacyCover(lambda: self._meeting))

    def action_leave_screen(self) -> None:
        """The meeting stays open and can be picked up again from home."""
        self.dismiss()
