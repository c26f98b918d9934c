"""The group's own words in its format: how rounds line up, the check-in and closing prompts, and its topics."""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select, TextArea

from circle.domain.errors import InvalidInput
from circle.domain.meeting_format import (
    MAX_TOPIC,
    MAX_TOPICS,
    MeetingFormat,
    RoundOrderMode,
)
from circle.language import N_, _

_ORDERS = [
    (N_("Roster order"), RoundOrderMode.ROSTER),
    (N_("Random order"), RoundOrderMode.RANDOM),
    (N_("Volunteers, as ready"), RoundOrderMode.VOLUNTEERS),
]


class WordsEditor(Vertical):
    """Fields for the round order, the prompts and the topics; `read` puts them into a format."""

    def __init__(self, meeting: MeetingFormat) -> None:
        super().__init__(id="format-words")
        self.meeting = meeting

    def compose(self) -> ComposeResult:
        meeting = self.meeting
        with Horizontal(classes="field"):
            yield Label(_("Rounds go in"), classes="field-label")
            orders = [(_(title), order) for title, order in _ORDERS]
            yield Select(orders, value=meeting.round_order, allow_blank=False, id="round-order", compact=True)
        yield Label(_("Check-in prompt, read as the round begins"))
        yield Input(meeting.check_in_prompt, id="check-in-prompt")
        yield Label(_("Closing prompt"))
        yield Input(meeting.closing_prompt, id="closing-prompt")
        yield Label(
            _("Topics or readings, one a line (up to {most}): each meeting takes the next").format(most=MAX_TOPICS)
        )
        yield TextArea("\n".join(meeting.topics), id="format-topics", soft_wrap=True)

    def read(self, meeting: MeetingFormat) -> MeetingFormat:
        """`meeting` with these words; the format checks them (InvalidInput says what is wrong)."""
        order = self.query_one("#round-order", Select).value
        lines = self.query_one("#format-topics", TextArea).text.splitlines()
        topics = [line for line in lines if line.strip()]
        if len(topics) > MAX_TOPICS:  # before anything is built from a huge paste
            raise InvalidInput(_("A group keeps at most {most} topics.").format(most=MAX_TOPICS))
        for number, topic in enumerate(topics, 1):
            if len(topic.strip()) > MAX_TOPIC:
                raise InvalidInput(
                    _("Topic {number}: a topic may be at most {most} characters.").format(number=number, most=MAX_TOPIC)
                )
        return replace(
            meeting,
            round_order=RoundOrderMode(order),
            check_in_prompt=self.query_one("#check-in-prompt", Input).value,
            closing_prompt=self.query_one("#closing-prompt", Input).value,
            topics=tuple(topics),
        )
