"""The words the room sees for a part and a timer, in the group's language.

The room display and the room page speak the language the group meets in, which may not be the facilitator's, so
each of these takes the group's `Words`. The part kinds' names are the ones the group's settings use (PhaseKind's
titles); a part's own name is the group's and is never translated.
"""

from __future__ import annotations

from circle.domain.meeting_format import PhaseKind
from circle.domain.session.timing import TimerState
from circle.language import N_, Words

KIND_TITLES = {
    PhaseKind.OPENING: N_("Opening"),
    PhaseKind.GROUNDING: N_("Grounding"),
    PhaseKind.READING: N_("Reading"),
    PhaseKind.CHECK_IN: N_("Check-in"),
    PhaseKind.SHARING: N_("Sharing"),
    PhaseKind.BREAK: N_("Break"),
    PhaseKind.CLOSING: N_("Closing"),
    PhaseKind.OWN: N_("Own part"),
}
# A shape as well as a word for each state, so the screen never relies on colour alone.
STATE_SYMBOLS = {TimerState.ON_TIME: "○", TimerState.LAST_MINUTE: "◐", TimerState.OVER: "●"}
PAUSED_SYMBOL = "‖"
_STATE_WORDS = {
    TimerState.ON_TIME: N_("on time"),
    TimerState.LAST_MINUTE: N_("last minute"),
    TimerState.OVER: N_("over"),
}
PAUSED = N_("paused")


def part_title(kind: PhaseKind, own_title: str, words: Words) -> str:
    """The name the room sees for a part: the group's own for it, else its kind's in the group's language."""
    return own_title or words.gettext(KIND_TITLES[kind])


def state_word(state: TimerState, words: Words) -> str:
    return words.gettext(_STATE_WORDS[state])


def state_mark(state: TimerState, paused: bool, words: Words) -> str:
    """'○ on time', '◐ last minute', '● over', or '‖ paused', in the group's language."""
    if paused:
        return f"{PAUSED_SYMBOL} {words.gettext(PAUSED)}"
    return f"{STATE_SYMBOLS[state]} {state_word(state, words)}"
