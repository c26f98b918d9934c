"""The grounding pacer shown during a break: a slow breathing rhythm that changes every few seconds."""

from __future__ import annotations

from circle.language import ENGLISH, N_, Words, words_for

# Each step of one breath and how many seconds it lasts; the rhythm repeats. The words are said in the group's
# language where they are shown (`pacer`, `breath_in`).
BREATH = ((N_("Breathe in …"), 4), (N_("Hold …"), 2), (N_("Breathe out, slowly …"), 6))
BREATH_SECONDS = sum(seconds for _, seconds in BREATH)


def breath_in(words: Words) -> tuple[tuple[str, int], ...]:
    """The breath's steps in `words`' language, each with its seconds."""
    return tuple((words.gettext(step), seconds) for step, seconds in BREATH)


def pacer(seconds: float, words: Words | None = None) -> str:
    """The step of the breath `seconds` into the break, in `words`' language (English if none); it never flashes."""
    moment = int(seconds) % BREATH_SECONDS
    for step, length in BREATH:
        if moment < length:
            return (words or words_for(ENGLISH)).gettext(step)
        moment -= length
    raise AssertionError("the steps add up to BREATH_SECONDS")
