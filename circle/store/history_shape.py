"""A kept trend history as JSON (FORMAT.md 6.7), written and read back, and checked as it is read.

Only a holder of the group's key can seal one, but a value that does not hold together (a count that is not a
count, a member or meeting that is not there, a pulse of the wrong length, meetings out of order) would make
the engine fail or miscount: it is refused here (ValueError), and the history is worked out again from the
meetings. The checks are made in bulk, as a decade of a group's meetings is read at every count.
"""

from __future__ import annotations

from datetime import date
from itertools import chain, pairwise
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
    _require(type(members) is list and all(type(member) is str for member in members))
    _require(type(present) is list and type(absent) is list and len(present) == len(absent) == len(closed))
    _require(all((came is None) == (missed is None) for came, missed in zip(present, absent, strict=True)))
    _require_counts(missed for missed in absent if missed is not None)
    _require_places(chain.from_iterable(came for came in present if came is not None), len(members))
    first_visit = {member: (index, returned) for member, index, returned in value["first_visit"]}
    drop_offs = [(member, index) for member, index in value["drop_offs"]]
    last_present = dict(value["last_present"])
    for member, meeting in chain(((m, i) for m, (i, _) in first_visit.items()), drop_offs, last_present.items()):
        _require_places((member,), len(members))
        _require_places((meeting,), len(closed))
    _require(all(returned in (0, 1) for _, returned in first_visit.values()))
    return History(
        closed=closed,
        cancelled=_meetings(group_id, value["cancelled"], MeetingStatus.CANCELLED),
        members=members,
        present_at=present,
        absent_at=absent,
        first_visit={member: (index, bool(returned)) for member, (index, returned) in first_visit.items()},
        drop_offs=drop_offs,
        last_present=last_present,
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
    meetings = [
        MeetingFacts(
            sid, group_id, fromisoformat(held_on), MeetingStatus(state), planned, actual, headcount, newcomers,
            shared, passed, None if pulse is None else tuple(pulse), guests,
        )
        for sid, held_on, state, planned, actual, headcount, newcomers, shared, passed, pulse, guests in kept
    ]
    _require(all(meeting.status is status and type(meeting.id) is str for meeting in meetings))
    _require(all((a.held_on, a.id) <= (b.held_on, b.id) for a, b in pairwise(meetings)))  # as worked out
    _require_counts(chain.from_iterable(
        (m.planned_minutes, m.headcount, m.newcomers, m.shared_turns, m.passed_turns, m.guests) for m in meetings
    ))
    _require_counts(m.actual_minutes for m in meetings if m.actual_minutes is not None)
    pulses = [m.pulse for m in meetings if m.pulse is not None]
    _require(all(len(pulse) == PULSE_SCALE for pulse in pulses))
    _require_counts(chain.from_iterable(pulses))
    return meetings


def _require_counts(values: Any) -> None:
    _require(all(type(value) is int and value >= 0 for value in values))


def _require_places(values: Any, size: int) -> None:
    """Each value an index into a list of `size` (bool and negative numbers are not)."""
    _require(all(type(value) is int and 0 <= value < size for value in values))


def _require(holds: bool) -> None:
    if not holds:
        raise ValueError("a kept trend history that does not hold together")
