"""The crisis card: one key from anywhere in a meeting, with the group's resources and the steps.

It also records the two things worth keeping, and nothing of what was said: that the
co-facilitator stepped out with someone (with a follow-up flag, where notes are kept), and
the action taken. The meeting's timers run on underneath.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from circle.domain.errors import CircleError
from circle.domain.group import CrisisResource
from circle.domain.notes import NoteDraft, NoteKind, SafetyAction
from circle.domain.rules import NotesPolicy
from circle.domain.session import Pause, Resume
from circle.language import N_, _
from circle.ui.language import SaysKeysInTheFacilitatorsLanguage
from circle.ui.screens.dialogs import Choose
from circle.ui.screens.group_tabs import tab_key
from circle.ui.screens.meeting_host import MeetingHost
from circle.ui.text import plain
from circle.ui.widgets.footer import Footer

if TYPE_CHECKING:
    from circle.workspace import Meeting

NOT_BY_NAME = "-"

# Whole sentences, one per action, so that each language words them its own way.
RECORDED = {
    SafetyAction.CRISIS_LINE: N_("Recorded: referred to a crisis line."),
    SafetyAction.EMERGENCY_SERVICES: N_("Recorded: called emergency services."),
    SafetyAction.ONE_TO_ONE: N_("Recorded: supported one-to-one by the co-facilitator."),
}


def steps() -> Content:
    """What to do, in the facilitator's language: the card is for whoever facilitates; the resources are the group's."""
    return Content.assemble(
        (_("What to do"), "bold"),
        "\n",
        _("1. Stay calm and say so: “You are not in trouble. Your safety matters more than this meeting.”"),
        "\n",
        _(
            "2. Grounding: feet on the floor, name five things you can see, one slow breath out"
            " (b puts the breathing pacer here and on the room display)."
        ),
        "\n",
        _("3. Offer a break (z pauses the meeting), or to step out with the co-facilitator (s)."),
        "\n",
        _("4. If anyone is in immediate danger, call the emergency number now."),
    )


def resources_text(resources: tuple[CrisisResource, ...]) -> Content:
    """The group's resources, as the group wrote them, under the facilitator's headings."""
    crisis_tab = tab_key("crisis")
    heading = Content.styled(_("Crisis resources"), "bold")
    if not resources:
        none_set = _("None set for this group. Add local numbers in the group's settings (Crisis tab, {key}).")
        return Content.assemble(heading, "\n", none_set.format(key=crisis_tab))
    placeholder = _("⚠ placeholder: set the real number (group settings, Crisis tab, {key})").format(key=crisis_tab)
    lines = [heading]
    for resource in resources:
        line = Content.assemble("• ", plain(resource.name).stylize("bold"), "   ", plain(resource.contact))
        if resource.is_placeholder:
            line = Content.assemble(line, "   ", (placeholder, "bold"))
        if resource.when:
            line = Content.assemble(line, "\n  ", plain(resource.when).stylize("italic"))
        lines.append(line)
    return Content("\n").join(lines)


class CrisisCard(SaysKeysInTheFacilitatorsLanguage, ModalScreen[None]):
    BINDINGS = [
        Binding("s", "step_out", N_("Step out")),
        Binding("o", "step_out('hand over')", N_("Step out + hand over")),
        Binding("a", "safety_action", N_("Action taken")),
        Binding("z", "pause", N_("Pause")),
        Binding("b", "grounding", N_("Breathe")),
        Binding("escape,exclamation_mark", "close", N_("Back")),
    ]

    def __init__(self, host: MeetingHost) -> None:
        super().__init__()
        # The meeting is read through its screen each time: locking drops it there, and with it the key.
        self.host = host

    @property
    def meeting(self) -> Meeting:
        return self.host.meeting  # raises VaultLocked while locked

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A group that keeps no notes has no action to record: the key is not offered."""
        if action == "safety_action":
            return self.meeting.group.rules.notes is not NotesPolicy.NONE
        return True

    def compose(self) -> ComposeResult:
        rules = self.meeting.group.rules
        keeps = (
            _("This group keeps no notes: a step out is counted, and nothing more.")
            if rules.notes is NotesPolicy.NONE
            else _("s keeps a follow-up flag; a records the action taken. Never what was said.")
        )
        with Vertical(id="crisis-card", classes="dialog"):
            yield Static(_("Crisis card"), classes="title")
            with VerticalScroll(id="crisis-card-body"):
                yield Static(resources_text(self.meeting.group.profile.crisis_resources), id="crisis-resources")
                yield Static(steps(), id="crisis-steps")
            yield Static(keeps, classes="hint")
            yield Static("", id="crisis-message", classes="message")
        yield Footer(compact=True, show_command_palette=False)

    def _record(self, deed: Callable[[], str]) -> None:
        """Run one recorded step; its outcome, or the reason it was refused, is the card's message line."""
        try:
            message = deed()
        except CircleError as error:
            message = str(error)
        else:
            self.host.refresh_state()
        self.query_one("#crisis-message", Static).update(Content(message))

    # step out -----------------------------------------------------------------
    def action_step_out(self, then: str = "") -> None:
        """Record who stepped out; with "hand over", the facilitator is the one going, and hands over."""
        meeting = self.meeting
        hand_over = then == "hand over"
        after = partial(self._step_out, hand_over=hand_over)
        state = meeting.state
        # Those in the room now; the one highlighted on the meeting's list first, as the likeliest.
        here = [member for member in meeting.roster if member.id in state.present - state.stepped_out]
        here.sort(key=lambda member: member.id != self.host.highlighted_member)
        if not here:
            after(NOT_BY_NAME)
            return
        choices = [(plain(member.shown), member.id) for member in here]
        choices.append((Content(_("Not by name")), NOT_BY_NAME))
        who = _("Who is stepping out with you?") if hand_over else _("Who stepped out with the co-facilitator?")
        self.app.push_screen(Choose(who, choices), after)

    def _step_out(self, chosen: str | None, *, hand_over: bool = False) -> None:
        if chosen is None:
            return

        def step_out() -> str:
            named = chosen != NOT_BY_NAME
            flag = self.meeting.step_out(chosen if named else None)
            if not named:
                return _("Step out recorded, with a follow-up flag.") if flag else _("Step out counted.")
            if flag:
                return _("Step out recorded, with a follow-up flag. s on the meeting's list marks them back.")
            return _("Step out counted. s on the meeting's list marks them back.")

        self._record(step_out)
        if hand_over:
            self.dismiss()
            self.app.call_later(self.app.run_action, "hand_over")

    # the action taken ----------------------------------------------------------
    def action_safety_action(self) -> None:
        choices = [(Content(_(action.title)), str(action)) for action in SafetyAction]
        self.app.push_screen(Choose(_("What was done?"), choices), self._record_action)

    def _record_action(self, chosen: str | None) -> None:
        if chosen is None:
            return
        action = SafetyAction(chosen)

        def record() -> str:
            self.meeting.note(NoteDraft(NoteKind.SAFETY, action=action))
            return _(RECORDED[action])

        self._record(record)

    # a break ------------------------------------------------------------------------
    def action_pause(self) -> None:
        def pause_or_resume() -> str:
            paused = self.meeting.state.is_paused
            self.meeting.do(Resume() if paused else Pause())
            return _("Timers running again.") if paused else _("Every timer is paused.")

        self._record(pause_or_resume)

    def action_grounding(self) -> None:
        def begin_or_end() -> str:
            meeting = self.meeting
            meeting.ground(meeting.grounding_since is None)
            if meeting.grounding_since is None:
                return _("Grounding pause ended.")
            return _("Grounding pause: the pacer is on the room display.")

        self._record(begin_or_end)

    def action_close(self) -> None:
        self.dismiss()
