"""What a valid value looks like in a command or an event: an opaque id, a finite number, a count, a tally.

`decide` uses these to refuse a command, and the event schema to refuse a damaged or foreign log.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date, datetime

from circle.domain.group import PhaseKind
from circle.domain.meeting_format import MAX_PARTS, MAX_TITLE, MAX_TOPIC, ROUND_KINDS
from circle.domain.records import PULSE_SCALE
from circle.domain.text import sanitise_line

# Ids are opaque tokens (uuid hex and the like): never a name, never free text.
_ID = re.compile(r"[A-Za-z0-9_.:-]{1,64}")

Check = Callable[[object], bool]


def is_id(value: object) -> bool:
    return isinstance(value, str) and _ID.fullmatch(value) is not None


def is_id_or_none(value: object) -> bool:
    return value is None or is_id(value)


MAX_IDS = 1000  # as many people as a headcount may hold: a longer order or queue is no meeting's


def is_ids(values: object) -> bool:
    return isinstance(values, (list, tuple)) and len(values) <= MAX_IDS and all(is_id(value) for value in values)


def is_flag(value: object) -> bool:
    return isinstance(value, bool)


def is_number(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    # Every int is finite, and math.isfinite cannot take one too large for a float.
    return isinstance(value, int) or math.isfinite(value)


def is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def number_from(low: float, high: float, *, above_low: bool = False) -> Check:
    """A check for a finite number from `low` (or just above it) to `high`; not a bool."""

    def check(value: object) -> bool:
        if not isinstance(value, (int, float)) or not is_number(value):
            return False
        return (low < value if above_low else low <= value) and value <= high

    return check


def whole_from(low: int, high: float) -> Check:
    """A check for a whole number from `low` to `high`; not a bool."""

    def check(value: object) -> bool:
        return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high

    return check


def one_of(*allowed: str) -> Check:
    return lambda value: isinstance(value, str) and value in allowed


# The bounds a command is held to when decided and its event when replayed, written once for both.
is_turn_length = number_from(30, 1800)  # a turn lasts 30 seconds to 30 minutes
is_extension = number_from(0, 1800, above_low=True)  # a turn is extended by up to 30 minutes
is_headcount = whole_from(0, 1000)


def is_tally(counts: object) -> bool:
    """A pulse: one count of hands for each answer, none below zero."""
    return (
        isinstance(counts, (tuple, list))
        and len(counts) == PULSE_SCALE
        and all(is_count(count) and count >= 0 for count in counts)
    )


def is_pulse(value: object) -> bool:
    """A tally with at least one hand in it: an empty show of hands is never recorded."""
    return is_tally(value) and sum(value) >= 1  # type: ignore[arg-type]


def _parts(values: object) -> bool:
    """A list with one item a part, checked for its length before any item is looked at."""
    return isinstance(values, (list, tuple)) and len(values) <= MAX_PARTS


def is_phase_kinds(values: object) -> bool:
    return _parts(values) and bool(values) and all(value in tuple(PhaseKind) for value in values)  # type: ignore[union-attr]


def is_phase_minutes(values: object) -> bool:
    return _parts(values) and all(whole_from(1, 240)(value) for value in values)  # type: ignore[union-attr]


def is_part_title(value: object) -> bool:
    """A part's own name: one clean line, short, or empty for a part called by its kind."""
    return isinstance(value, str) and len(value) <= MAX_TITLE and sanitise_line(value) == value


def is_topic(value: object) -> bool:
    """The meeting's topic or reading: one clean line from the group's list, or empty for none."""
    return isinstance(value, str) and len(value) <= MAX_TOPIC and sanitise_line(value) == value


def is_part_titles(values: object) -> bool:
    return _parts(values) and all(is_part_title(value) for value in values)  # type: ignore[union-attr]


def is_turn_or_none(value: object) -> bool:
    return value is None or is_turn_length(value)


def is_part_turns(values: object) -> bool:
    return _parts(values) and all(is_turn_or_none(value) for value in values)  # type: ignore[union-attr]


def is_part_plan(parts: object) -> bool:
    """The parts of a meeting as its opening snapshots them: each (kind, minutes, title, turn seconds or None),
    at most MAX_PARTS, a turn only in a round part."""
    if not isinstance(parts, (list, tuple)) or not 1 <= len(parts) <= MAX_PARTS:
        return False
    for part in parts:
        if not isinstance(part, (list, tuple)) or len(part) != 4:
            return False
        kind, minutes, title, turn = part
        if not is_phase_kinds([kind]) or not is_phase_minutes([minutes]) or not is_part_title(title):
            return False
        if not is_turn_or_none(turn) or (turn is not None and PhaseKind(kind) not in ROUND_KINDS):
            return False
        if PhaseKind(kind) is PhaseKind.OWN and not title:
            return False  # a part of the group's own is called by its name
    return True


def meeting_date(text: str) -> str:
    """A bare ISO date stays a date; a date with a time is kept to the minute, without a zone."""
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        return datetime.fromisoformat(text).replace(tzinfo=None).isoformat(timespec="minutes")


def is_meeting_date(value: object) -> bool:
    try:
        return isinstance(value, str) and meeting_date(value) == value
    except ValueError:
        return False
