"""Which of a group's topics a meeting takes: each in turn, none again until the list is used up."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from circle.domain.meeting_format import MAX_TOPIC
from circle.domain.text import sanitise_line


def kept_topic(value: object) -> str:
    """A meeting's topic as read back from a summary or a handoff: one clean short line, else ValueError."""
    if not isinstance(value, str) or len(value) > MAX_TOPIC or sanitise_line(value) != value:
        raise ValueError("not a topic")
    return value


def next_topic(topics: Sequence[str], held: Iterable[str]) -> str:
    """The topic for the next meeting, '' if the group keeps none.

    `held` are the topics of the meetings already held, oldest first ('' for a meeting without one). A topic
    counts as used whether it came in turn or the facilitator chose it; one no longer on the list is forgotten.
    Once every topic has been used, the rotation starts over from the top of the list.
    """
    if not topics:
        return ""
    listed = {topic.casefold() for topic in topics}
    used: set[str] = set()
    for topic in held:
        key = topic.casefold()
        if key not in listed:
            continue
        if used >= listed:  # the list was used up before this meeting: it began a new round
            used = set()
        used.add(key)
    if used >= listed:
        used = set()
    return next(topic for topic in topics if topic.casefold() not in used)
