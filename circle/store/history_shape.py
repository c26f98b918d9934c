"""A kept trend history as JSON (FORMAT.md 6.7), written and read back, and checked as it is read.

Only a holder of the group's key can seal one, but a value that does not hold together (a count that is not a
count, a member or meeting that is not there, a pulse of the wrong length, meetings out of order) would make
the engine fail or miscount: it is refused here (ValueError, store/kept_checks.py), and the history is worked
out again from the meetings.
"""

from __future__ import annotations

from datetime import date
from itertools import chain
from typing import Any

from circle.domain.records import PULSE_SCALE, MeetingStatus
from circle.domain.trends.facts import MeetingFacts
from circle.domain.trends.history import History
from circle.store.kept_checks import all_of, require, require_counts, require_places

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
    require(type(members) is list and all_of(members, str))
    require(type(present) is list and type(absent) is list and len(present) == len(absent) == len(closed))
    require(all((came is None) is (missed is None) for came, missed in zip(present, absent, strict=True)))
    require_counts([missed for missed in absent if missed is not None])
    require_places(list(chain.from_iterable(came for came in present if came is not None)), len(members))
    first, drops, last = value["first_visit"], value["drop_offs"], value["last_present"]
    require_places([member for member, *_ in chain(first, drops, last)], len(members))
    require_places([meeting for _, meeting, *_ in chain(first, drops, last)], len(closed))
    returned = [came_back for *_, came_back in first]
    require(not returned or (all_of(returned, int) and min(returned) >= 0 and max(returned) <= 1))
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
    require(set(statuses.values()) <= {status})
    meetings = [
        MeetingFacts(
            sid, group_id, fromisoformat(held_on), statuses[state], planned, actual, headcount, newcomers,
            shared, passed, None if pulse is None else tuple(pulse), guests,
        )
        for sid, held_on, state, planned, actual, headcount, newcomers, shared, passed, pulse, guests in kept
    ]
    require(all_of([meeting.id for meeting in meetings], str))
    order = [(meeting.held_on, meeting.id) for meeting in meetings]
    require(order == sorted(order))  # as they were worked out
    counts = [m.planned_minutes for m in meetings] + [m.guests for m in meetings]
    counts += chain.from_iterable(m[6:10] for m in meetings)  # headcount, newcomers, shared and passed turns
    counts += [m.actual_minutes for m in meetings if m.actual_minutes is not None]
    pulses = [m.pulse for m in meetings if m.pulse is not None]
    require(all(len(pulse) == PULSE_SCALE for pulse in pulses))
    require_counts(counts + list(chain.from_iterable(pulses)))
    return meetings
