"""The grounding pacer shown during a break: a slow breathing rhythm that changes every few seconds."""

from __future__ import annotations

# Each step of one breath and how many seconds it lasts; the rhythm repeats.
BREATH = (("Breathe in …", 4), ("Hold …", 2), ("Breathe out, slowly …", 6))
BREATH_SECONDS = sum(seconds for _, seconds in BREATH)


def pacer(seconds: float) -> str:
    """The step of the breath `seconds` into the break; it never flashes."""
    moment = int(seconds) % BREATH_SECONDS
    for words, length in BREATH:
        if moment < length:
            return words
        moment -= length
    raise AssertionError("the steps add up to BREATH_SECONDS")
