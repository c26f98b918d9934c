"""The grounding pause on the facilitator's screen: the pacer's step, the same as the room sees."""

from __future__ import annotations

from datetime import datetime

from circle.domain.session.pacer import pacer
from circle.ui.widgets.line import Line

GROUNDING_HINT = "b ends the pause"


class GroundingLine(Line):
    """Hidden until a grounding pause begins; the step comes from the clock, so it never flickers."""

    DEFAULT_CSS = "GroundingLine { height: 1; display: none; }"

    def show_since(self, since: datetime | None, now: datetime) -> None:
        self.display = since is not None
        if since is not None:
            step = pacer(max(0.0, (now - since).total_seconds()))
            self.show(f"Grounding pause · {step}   ({GROUNDING_HINT})")
