"""A kept trend history as JSON (FORMAT.md 6.7), written and read back, and checked as it is read.

Only a holder of the group's key can seal one, but a value that does not hold together (a count that is not a
count, a member or meeting that is not there, a pulse of the wrong length, meetings out of order) would make
the engine fail or miscount: it is refused here (ValueError), and the history is worked out again from the
meetings. The checks are made in bulk, as a decade of a group's meetings is read at every count.
"""

from __future__ import annotations

from datetime import date
from itertools import chain
from typing import Any

from circle.domain.records import PULSE_SCALE, MeetingStatus
from circle.domain.trends.facts import MeetingFacts
from circle.domain.trends.history import History

SHAPE = 1  # a newer circle's shape is passed over and worked out again


def history_value(history: History, meetings: object) -> dict[str, Any]:
    return {
        "shape": SHAPE,
        "meetings": meetings,
        "closed": [_meeting(meeting) for meeting in history.closed],
        "cancelled": [_meeting(meeting) for meeting in history.cancelled],
        "members": history.members,
        "present": history.present_at,
        "absent": history.absent_at,
        "first_visit": [[member, index, int(returned)] for member, (index, returned) in history.first_visit.items()],
        "drop_offs": history.drop_offs,
        "last_present": list(history.last_present.items()),
        "keeps_names": history.keeps_names,
    }


def read_value(group_id: str, value: dict[str, Any]) -> History:
    """The history a value holds; ValueError (or TypeError, KeyError) if it does not hold together."""
    closed = _meetings(group_id, value["closed"], MeetingStatus.CLOSED)
    members, present, absent = value["members"], value["present"], value["absent"]
    _require(type(members) is list and _all_of(members, str))
    _require(type(present) is list and type(absent) is list and len(present) == len(absent) == len(closed))
    _require(all((came is None) is (missed is None) for came, missed in zip(present, absent, strict=True)))
    _require_counts([missed for missed in absent if missed is not None])
    _require_places(list(chain.from_iterable(came for came in present if came is not None)), len(members))
    first, drops, last = value["first_visit"], value["drop_offs"], value["last_present"]
    _require_places([member for member, *_ in chain(first, drops, last)], len(members))
    _require_places([meeting for _, meeting, *_ in chain(first, drops, last)], len(closed))
    returned = [came_back for *_, came_back in first]
    _require(not returned or (_all_of(returned, int) and min(returned) >= 0 and max(returned) <= 1))
    return History(
        closed=closed,
        cancelled=_meetings(group_id, value["cancelled"], MeetingStatus.CANCELLED),
        members=members,
        present_at=present,
        absent_at=absent,
        first_visit={member: (index, bool(came_back)) for member, index, came_back in first},
        drop_offs=[(member, index) for member, index in drops],
        last_present=dict(last),
        keeps_names=value["keeps_names"] is True,
    )


def _meeting(meeting: MeetingFacts) -> list[Any]:
    return [
        meeting.id, meeting.held_on.isoformat(), meeting.status.value, meeting.planned_minutes,
        meeting.actual_minutes, meeting.headcount, meeting.newcomers, meeting.shared_turns, meeting.passed_turns,
        None if meeting.pulse is None else list(meeting.pulse), meeting.guests,
    ]


def _meetings(group_id: str, kept: list[list[Any]], status: MeetingStatus) -> list[MeetingFacts]:
    fromisoformat = date.fromisoformat
    statuses = {state: MeetingStatus(state) for state in {row[2] for row in kept}}
    _require(set(statuses.values()) <= {status})
    meetings = [
        MeetingFacts(
            sid, group_id, fromisoformat(held_on), statuses[state], planned, actual, headcount, newcomers,
            shared, passed, None if pulse is None else tuple(pulse), guests,
        )
        for sid, held_on, state, planned, actual, headcount, newcomers, shared, passed, pulse, guests in kept
    ]
    _require(_all_of([meeting.id for meeting in meetings], str))
    order = [(meeting.held_on, meeting.id) for meeting in meetings]
    _require(order == sorted(order))  # as they were worked out
    counts = [m.planned_minutes for m in meetings] + [m.guests for m in meetings]
    counts += chain.from_iterable(m[6:10] for m in meetings)  # headcount, newcomers, shared and passed turns
    counts += [m.actual_minutes for m in meetings if m.actual_minutes is not None]
    pulses = [m.pulse for m in meetings if m.pulse is not None]
    _require(all(len(pulse) == PULSE_SCALE for pulse in pulses))
    _require_counts(counts + list(chain.from_iterable(pulses)))
    return meetings


def _all_of(values: list[Any], kind: type) -> bool:
    """Every value of exactly this type (so True is not an int here), checked at C speed: there are many."""
    return not values or set(map(type, values)) == {kind}


def _require_counts(values: list[Any]) -> None:
    _require(not values or (_all_of(values, int) and min(values) >= 0))


def _require_places(values: list[Any], size: int) -> None:
    """Each value a position in a list of `size`."""
    _require(not values or (_all_of(values, int) and min(values) >= 0 and max(values) < size))


def _require(holds: bool) -> None:
    if not holds:
        raise ValueError("a kept trend history that does not hold together")
