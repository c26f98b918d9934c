"""The one table of what each kind of event holds: its data members, each with its type and range.

Nothing else is ever written, so a reviewer (or a test) can see at a glance that no name and no word
anyone said can end up in the log. `EVENT_DATA_KEYS`, the check `apply` makes on every event it
replays, and the docs/FORMAT.md test (section 3.7) all read this table. A new kind of event is a
member of `EventKind`, a row here, an applier (evolve.py) and, if a command leads to it, a decider.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from circle.domain.session import checks
from circle.domain.session.checks import Check
from circle.domain.group import RoundOrderMode


class EventKind(StrEnum):
    SESSION_OPENED = "session_opened"
    MEMBER_ARRIVED = "member_arrived"
    MEMBER_LEFT = "member_left"
    HEADCOUNT_SET = "headcount_set"
    GUEST_ADDED = "guest_added"
    GUEST_REMOVED = "guest_removed"
    AGREEMENTS_READ = "agreements_read"
    PHASE_STARTED = "phase_started"
    ROUND_ORDER_SET = "round_order_set"
    QUEUE_CHANGED = "queue_changed"
    TURN_STARTED = "turn_started"
    TURN_EXTENDED = "turn_extended"
    TURN_PASSED = "turn_passed"
    TURN_ENDED = "turn_ended"
    PAUSED = "paused"
    RESUMED = "resumed"
    FACILITATOR_CHANGED = "facilitator_changed"
    STEPPED_OUT = "stepped_out"
    STEPPED_BACK = "stepped_back"
    NEXT_MEETING_SET = "next_meeting_set"
    PULSE_RECORDED = "pulse_recorded"
    SESSION_CLOSED = "session_closed"
    TOPIC_CHOSEN = "topic_chosen"


@dataclass(frozen=True)
class DataField:
    """One member of an event's data: its name, and the check a stored value of it must pass.

    `since_older` marks a member an older release did not write: a log without it still replays, as it was.
    """

    name: str
    fits: Check
    since_older: bool = False


def an_id(name: str) -> DataField:
    return DataField(name, checks.is_id)


def an_id_or_none(name: str) -> DataField:
    """An id, or None for an anonymous turn in a headcount-only group."""
    return DataField(name, checks.is_id_or_none)


def ids(name: str) -> DataField:
    return DataField(name, checks.is_ids)


def flag(name: str) -> DataField:
    return DataField(name, checks.is_flag)


def number(name: str, low: float, high: float) -> DataField:
    return DataField(name, checks.number_from(low, high))


def whole(name: str, low: int, high: float) -> DataField:
    return DataField(name, checks.whole_from(low, high))


def one_of(name: str, *allowed: str) -> DataField:
    return DataField(name, checks.one_of(*allowed))


EVENT_SCHEMA: Mapping[EventKind, tuple[DataField, ...]] = MappingProxyType({
    EventKind.SESSION_OPENED: (
        an_id("group_id"),
        DataField("phase_kinds", checks.is_phase_kinds),
        DataField("phase_minutes", checks.is_phase_minutes),
        # The names the group gave its parts (its format's words, never anything said), and each part's turn.
        DataField("phase_titles", checks.is_part_titles, since_older=True),
        DataField("phase_turn_seconds", checks.is_part_turns, since_older=True),
        DataField("check_in_turn_seconds", checks.is_turn_length),
        DataField("sharing_turn_seconds", checks.is_turn_length),
        an_id("facilitator_id"),
        flag("headcount_only"),
        DataField("round_order", lambda value: value is None or value in tuple(RoundOrderMode), since_older=True),
        # The topic or reading the meeting takes from the group's list: the group's words, like its parts' names.
        DataField("topic", checks.is_topic, since_older=True),
    ),
    EventKind.MEMBER_ARRIVED: (an_id("member_id"), flag("newcomer")),
    EventKind.MEMBER_LEFT: (an_id("member_id"),),
    EventKind.HEADCOUNT_SET: (DataField("count", checks.is_headcount),),
    # One anonymous visitor more, or one fewer (counted by mistake): never who. Deltas rather than a
    # total, so that guests counted on two laptops during a handoff add up when the copies merge.
    EventKind.GUEST_ADDED: (),
    EventKind.GUEST_REMOVED: (),
    EventKind.AGREEMENTS_READ: (flag("full"),),
    EventKind.PHASE_STARTED: (whole("index", 0, math.inf),),  # and within the format: see its applier
    EventKind.ROUND_ORDER_SET: (one_of("mode", *RoundOrderMode), ids("member_ids")),
    EventKind.QUEUE_CHANGED: (one_of("action", "enqueue", "dequeue", "move"), an_id("member_id"), ids("queue")),
    EventKind.TURN_STARTED: (an_id_or_none("member_id"), number("budget_seconds", 0, 10**7)),
    EventKind.TURN_EXTENDED: (DataField("seconds", checks.is_extension),),
    EventKind.TURN_PASSED: (an_id_or_none("member_id"),),
    EventKind.TURN_ENDED: (an_id_or_none("member_id"),),
    EventKind.PAUSED: (),
    EventKind.RESUMED: (),
    EventKind.FACILITATOR_CHANGED: (an_id("facilitator_id"),),
    # Who stepped out, as an opaque id (null: not by name); an older release kept only the fact.
    EventKind.STEPPED_OUT: (DataField("member_id", checks.is_id_or_none, since_older=True),),
    EventKind.STEPPED_BACK: (an_id("member_id"),),
    EventKind.NEXT_MEETING_SET: (DataField("date", checks.is_meeting_date),),
    EventKind.PULSE_RECORDED: (DataField("counts", checks.is_pulse),),
    EventKind.SESSION_CLOSED: (),
    EventKind.TOPIC_CHOSEN: (DataField("topic", checks.is_topic),),  # the facilitator took another from the list
})

# The exact keys each kind of event carries.
EVENT_DATA_KEYS: Mapping[EventKind, frozenset[str]] = MappingProxyType({
    kind: frozenset(data_field.name for data_field in fields) for kind, fields in EVENT_SCHEMA.items()
})


def check_data(kind: EventKind, data: Mapping[str, Any]) -> None:
    """ValueError unless every member `kind` holds is in `data`, of its documented type and range.

    KeyError for a missing member; `apply` refuses the event either way.
    """
    for data_field in EVENT_SCHEMA[kind]:
        if data_field.since_older and data_field.name not in data:
            continue
        if not data_field.fits(data[data_field.name]):
            raise ValueError(f"{kind}.{data_field.name}")
