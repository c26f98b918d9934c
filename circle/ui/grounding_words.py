"""The grounding pause as the facilitator's screen says it: their words around the pacer's step, which is read
aloud to the group and so is in the group's language."""

from __future__ import annotations

from datetime import datetime

from circle.domain.session.pacer import pacer
from circle.language import N_, Words, _

GROUNDING_HINT = N_("b ends the pause")


def grounding_line(since: datetime, now: datetime, group_words: Words) -> str:
    """'Grounding pause · Breathe in …   (b ends the pause)': the step from the clock, so it never flickers."""
    step = pacer(max(0.0, (now - since).total_seconds()), group_words)
    return _("Grounding pause · {step}   ({hint})").format(step=step, hint=_(GROUNDING_HINT))
