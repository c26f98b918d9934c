"""The grounding pause on the facilitator's screen: the pacer's step, the same as the room sees."""

from __future__ import annotations

from datetime import datetime

from circle.language import Words
from circle.ui.grounding_words import grounding_line
from circle.ui.widgets.line import Line


class GroundingLine(Line):
    """Hidden until a grounding pause begins; the step comes from the clock, so it never flickers."""

    DEFAULT_CSS = "GroundingLine { height: 1; display: none; }"

    def show_since(self, since: datetime | None, now: datetime, group_words: Words) -> None:
        """The pacer's step is read aloud, so it is in the group's language (`group_words`); the rest is the
        facilitator's."""
        self.display = since is not None
        if since is not None:
            self.show(grounding_line(since, now, group_words))
