"""Each group's trend history, kept sealed, so that trends need not open years of meetings every time.

Trends are counted from a group's history (domain/trends/history.py): its meetings in order, who was at each,
newcomers' first visits and drop-offs. Working it out opens every meeting's sealed summary and attendance, which
on a vault of years is most of what `circle trends` does. So a history, once worked out, is kept in
`trend_history`, a row per group, sealed under the group's key like everything else about the group, together
with the digest of the meetings it was worked out from: the "meetings" entry of the group's manifest
(store/integrity.py), which the unlock checked against the rows, and which every change circle makes to them
writes again in the same transaction.

It is derived, never a record:
- a kept history is used only while that digest is the digest of the group's meetings now. A meeting closed or
  corrected since, rows put back from an older copy, a history of another group or sealed under another key,
  anything that does not open: each is passed over, and the history is worked out from the meetings again;
- any change to a group's meetings deletes its kept history in the same statement (the triggers of migration
  m010), so nothing a purge or a correction took from the meetings stays behind in it;
- it is in no manifest, handoff or lead bundle.

A kept history holds what the meetings it came from hold, and no more: counts, days, and members by id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from circle.domain.records import MeetingStatus
from circle.domain.trends.facts import MeetingFacts
from circle.domain.trends.history import History
from circle.store.repository import Repository
from circle.store.sealing import GroupSealer
from circle.domain.errors import CircleError

TABLE, COLUMN = "trend_history", "history"
MEETINGS = "meetings"  # the manifest's entry for the group's meetings (store/integrity.py PARTS)
_STATUSES = {status.value: status for status in MeetingStatus}
# Which shape of history a row holds: a newer circle's shape is passed over and worked out again.
SHAPE = 1


# The group's manifest and kept history, read in one statement so that both are of the same moment.
_READ = f"SELECT g.manifest, t.{COLUMN} FROM groups g LEFT JOIN {TABLE} t ON t.group_id = g.id WHERE g.id = ?"


def meetings_digest(repository: Repository, sealer: GroupSealer) -> object:
    """The digest of the group's meetings (which, in which state, sealed as what); None without a manifest."""
    rows = repository.rows(_READ, [sealer.group_id])
    return _manifest_entry(sealer, rows[0][0]) if rows else None


def read_history(repository: Repository, sealer: GroupSealer) -> tuple[object, History | None]:
    """The digest of the group's meetings, and its kept history if it was worked out from exactly those."""
    rows = repository.rows(_READ, [sealer.group_id])
    if not rows:
        return None, None
    manifest, kept = rows[0]
    meetings = _manifest_entry(sealer, manifest)
    if meetings is None or kept is None:
        return meetings, None
    try:
        value = sealer.open_json(TABLE, COLUMN, sealer.group_id, kept)
        if value.get("shape") != SHAPE or value.get("meetings") != meetings:
            return meetings, None
        return meetings, _history(sealer.group_id, value)
    except (CircleError, ValueError, TypeError, KeyError, AttributeError, IndexError):
        return meetings, None  # a history no circle of this shape wrote: work it out again


def _manifest_entry(sealer: GroupSealer, manifest: bytes | None) -> object:
    if manifest is None:
        return None
    return sealer.open_json("groups", "manifest", sealer.group_id, manifest).get(MEETINGS)


@dataclass(frozen=True)
class SealedHistory:
    """A history sealed to be kept, with the digest of the meetings it was worked out from."""

    sealer: GroupSealer
    meetings: object
    sealed: bytes


def seal_history(sealer: GroupSealer, meetings: object, history: History) -> SealedHistory:
    """Pure work, for any thread: a decade of a group's meetings takes a moment to write out and seal."""
    return SealedHistory(sealer, meetings, sealer.seal_json(TABLE, COLUMN, sealer.group_id, _value(history, meetings)))


def keep_history(repository: Repository, kept: SealedHistory) -> None:
    """Keep a group's history in place of any kept before; not if its meetings have changed since it was worked
    out (a purge, say, must not find what it removed kept here again)."""
    if kept.meetings is None:
        return
    with repository.writing() as db:
        if meetings_digest(repository, kept.sealer) != kept.meetings:
            return
        db.execute(f"INSERT OR REPLACE INTO {TABLE} (group_id, {COLUMN}) VALUES (?, ?)",
                   [kept.sealer.group_id, kept.sealed])


def _value(history: History, meetings: object) -> dict[str, Any]:
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


def _meeting(meeting: MeetingFacts) -> list[Any]:
    return [
        meeting.id, meeting.held_on.isoformat(), meeting.status.value, meeting.planned_minutes,
        meeting.actual_minutes, meeting.headcount, meeting.newcomers, meeting.shared_turns, meeting.passed_turns,
        None if meeting.pulse is None else list(meeting.pulse), meeting.guests,
    ]


def _meetings(group_id: str, kept: list[list[Any]]) -> list[MeetingFacts]:
    fromisoformat = date.fromisoformat
    return [
        MeetingFacts(
            sid, group_id, fromisoformat(held_on), _STATUSES[status], planned, actual, headcount, newcomers,
            shared, passed, None if pulse is None else tuple(pulse), guests,
        )
        for sid, held_on, status, planned, actual, headcount, newcomers, shared, passed, pulse, guests in kept
    ]


def _history(group_id: str, value: dict[str, Any]) -> History:
    closed = _meetings(group_id, value["closed"])
    present, absent = value["present"], value["absent"]
    if len(present) != len(closed) or len(absent) != len(closed):
        raise ValueError("a kept history's meetings and attendance differ in number")
    return History(
        closed=closed,
        cancelled=_meetings(group_id, value["cancelled"]),
        members=value["members"],
        present_at=present,
        absent_at=absent,
        first_visit={member: (index, bool(returned)) for member, index, returned in value["first_visit"]},
        drop_offs=[(member, index) for member, index in value["drop_offs"]],
        last_present=dict(value["last_present"]),
        keeps_names=bool(value["keeps_names"]),
    )
