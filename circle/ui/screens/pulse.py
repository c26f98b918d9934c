"""The anonymous pulse at closing: the facilitator counts a show of hands for each answer, 1 to 5.

Only the five counts are recorded, through the meeting, like any other command: nobody's hand
is tied to them. A refusal (more hands than people, say) is shown here, in one plain line.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from circle.domain.errors import CircleError
from circle.domain.session import PULSE_SCALE
from circle.language import N_, _
from circle.ui.language import SaysKeysInTheFacilitatorsLanguage
from circle.ui.screens.meeting_host import MeetingHost
from circle.ui.text import plain

ANSWERS = range(1, PULSE_SCALE + 1)


class PulseDialog(SaysKeysInTheFacilitatorsLanguage, ModalScreen[bool]):
    """Dismissed with True once a tally is recorded, False when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel")),
        Binding("ctrl+s", "save", N_("Save")),
    ]
    AUTO_FOCUS = "#pulse-1"

    def __init__(self, host: MeetingHost) -> None:
        super().__init__()
        # The meeting is read through its screen, as the crisis card does: locking drops it there, key and all.
        self.host = host

    def compose(self) -> ComposeResult:
        meeting = self.host.meeting
        earlier = meeting.state.pulse  # recording again replaces it, so it is the starting point
        with Vertical(classes="dialog", id="pulse-dialog"):
            yield Static(plain(meeting.group.rules.pulse_question), classes="lead", id="pulse-question")
            yield Static(_("Count the hands for each answer. Nobody's name is kept."), classes="hint")
            with Horizontal(id="pulse-counts"):
                for answer in ANSWERS:
                    yield Label(f"{answer}:", classes="pulse-answer")
                    yield Input(
                        str(earlier[answer - 1] if earlier else 0),
                        id=f"pulse-{answer}",
                        type="integer",
                        max_length=4,
                        compact=True,
                        classes="pulse-count",
                    )
            yield Static("", id="pulse-problem", classes="message")
            yield Static(
                _("Enter: next answer (on 5: save)    Ctrl+S: save    Escape: cancel"), classes="hint"
            )

    def _counts(self) -> tuple[int, ...]:
        """What was typed; a box left empty counts nobody. The engine says whether the tally fits."""
        values = (self.query_one(f"#pulse-{answer}", Input).value.strip() for answer in ANSWERS)
        try:
            return tuple(int(value) if value else 0 for value in values)
        except ValueError:
            raise CircleError(_("Each answer's count is a whole number, 0 or more.")) from None

    @on(Input.Submitted, ".pulse-count")
    def next_or_save(self, event: Input.Submitted) -> None:
        """Enter moves on to the next answer, and on the last one records the tally."""
        if event.input.id == f"pulse-{PULSE_SCALE}":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        try:
            self.host.meeting.record_pulse(self._counts())
        except CircleError as error:
            self.query_one("#pulse-problem", Static).update(Content(str(error)))
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
