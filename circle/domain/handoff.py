"""What a handoff carries, and how one merges into a vault that may already hold the group.

A snapshot is a group as one laptop knows it: its settings, facilitators' handles, members (as the rules
keep them), meetings (closed ones as counts and attendance, an open one as its log) and notes. Merging is
planned here, purely, and carried out by the store in one transaction. The rules, in order:

- **Settings.** The name and profile with the later `settings_changed_at` win. The confidentiality rules are
  never changed by a handoff into a group already here: a rule change can remove what is kept, so it is
  made deliberately on each laptop. What comes in is kept only as this vault's rules allow.
- **Members, handles and notes** merge by id. Someone forgotten here stays forgotten. A follow-up done on
  either side is done.
- **Meetings** merge by id. A closed (or cancelled) meeting is final: it replaces an open copy of itself.
  When both sides closed it differently, the earlier closing wins (then the smaller record, as canonical
  JSON), the same rule as for the log. When both are open, their logs merge by event id
  (`circle.domain.session.merge`).
- A different meeting of the group open on each side cannot be merged: the import is refused, untouched.

Importing the same snapshot twice plans nothing the second time.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from circle.domain.errors import CircleError, InvalidInput
from circle.domain.group import Group, GroupProfile, group_name
from circle.domain.notes import Note, NoteKind, SafetyAction
from circle.domain.records import AttendanceRecord, MeetingRecord, MeetingStatus, Presence
from circle.domain.rules import MEMBER_NAME_MAX, ConfidentialityRules, NotesPolicy
from circle.domain.session import Event, SessionLogError
from circle.domain.session.merge import merge_logs
from circle.domain.text import sanitise_line

PAYLOAD_VERSION = 1


class HandoffUnreadable(InvalidInput):
    message = "The handoff opened, but what it holds could not be read; nothing was imported."


class TwoMeetingsOpen(CircleError):
    message = "This group has a different meeting open here; close it before importing. Nothing was imported."


@dataclass(frozen=True)
class MemberEntry:
    id: str
    created_at: datetime
    joined_on: date | None
    name: str | None  # None once forgotten, and in groups that keep no names


@dataclass(frozen=True)
class MeetingEntry:
    record: MeetingRecord
    attendance: tuple[AttendanceRecord, ...] = ()
    events: tuple[Event, ...] = ()  # only while the meeting is open

    @property
    def is_open(self) -> bool:
        return self.record.status is MeetingStatus.OPEN


@dataclass(frozen=True)
class GroupSnapshot:
    group: Group
    settings_changed_at: datetime | None
    facilitators: Mapping[str, str]  # facilitator id -> handle
    members: tuple[MemberEntry, ...]
    meetings: tuple[MeetingEntry, ...]
    notes: tuple[Note, ...]

    def open_meeting(self) -> MeetingEntry | None:
        return next((meeting for meeting in self.meetings if meeting.is_open), None)


@dataclass(frozen=True)
class MergePlan:
    settings: Group | None = None  # the group to store (name, profile; and rules for a new group)
    settings_changed_at: datetime | None = None
    facilitators: Mapping[str, str] = field(default_factory=dict)
    members: tuple[MemberEntry, ...] = ()
    new_meetings: tuple[MeetingEntry, ...] = ()
    replaced_meetings: tuple[MeetingEntry, ...] = ()  # closed there: their record replaces ours
    merged_logs: tuple[MeetingEntry, ...] = ()  # both open: the merged log replaces ours
    notes: tuple[Note, ...] = ()
    resolved: Mapping[str, datetime] = field(default_factory=dict)  # note id -> when it was done
    events_added: int = 0
    set_aside: int = 0

    @property
    def changes_anything(self) -> bool:
        return any(
            (self.settings, self.facilitators, self.members, self.new_meetings, self.replaced_meetings,
             self.merged_logs, self.notes, self.resolved)
        )


# planning ------------------------------------------------------------------------------------------------


def plan_merge(ours: GroupSnapshot | None, theirs: GroupSnapshot) -> MergePlan:
    """What merging `theirs` into a vault that holds `ours` (None: not yet) changes there."""
    if ours is None:
        ours = GroupSnapshot(theirs.group, None, {}, (), (), ())
        settings: Group | None = theirs.group
    else:
        settings = _newer_settings(ours, theirs)
    rules = ours.group.rules
    members = _new_members(ours, theirs, rules)
    meetings = _meetings(ours, theirs)
    notes, resolved = _notes(ours, theirs, rules)
    return MergePlan(
        settings=settings,
        settings_changed_at=theirs.settings_changed_at if settings is not None else None,
        facilitators={fid: handle for fid, handle in theirs.facilitators.items() if fid not in ours.facilitators},
        members=members,
        notes=notes,
        resolved=resolved,
        **meetings,
    )


def _newer_settings(ours: GroupSnapshot, theirs: GroupSnapshot) -> Group | None:
    if theirs.settings_changed_at is None:
        return None
    if ours.settings_changed_at is not None and theirs.settings_changed_at <= ours.settings_changed_at:
        return None
    if (theirs.group.name, theirs.group.profile) == (ours.group.name, ours.group.profile):
        return None
    return replace(ours.group, name=theirs.group.name, profile=theirs.group.profile)


def _new_members(ours: GroupSnapshot, theirs: GroupSnapshot, rules: ConfidentialityRules) -> tuple[MemberEntry, ...]:
    known = {member.id for member in ours.members}
    return tuple(
        replace(member, name=_kept_name(member.name, rules))
        for member in theirs.members
        if member.id not in known
    )


def _kept_name(name: str | None, rules: ConfidentialityRules) -> str | None:
    if name is None or not rules.keeps_names:
        return None
    return rules.name_to_keep(name) or None


def _meetings(ours: GroupSnapshot, theirs: GroupSnapshot) -> dict[str, Any]:
    by_id = {meeting.record.id: meeting for meeting in ours.meetings}
    ours_open = ours.open_meeting()
    new, replaced, merged = [], [], []
    added = set_aside = 0
    for meeting in theirs.meetings:
        mine = by_id.get(meeting.record.id)
        if mine is None:
            if meeting.is_open and ours_open is not None:
                raise TwoMeetingsOpen()
            new.append(meeting)
            added += len(meeting.events)
        elif mine.is_open and not meeting.is_open:
            replaced.append(meeting)
        elif mine.is_open and meeting.is_open:
            result = merge_logs(mine.events, meeting.events)
            if [event.id for event in result.events] != [event.id for event in mine.events]:
                merged.append(replace(mine, events=result.events))
            added += result.added
            set_aside += result.set_aside
        elif not mine.is_open and not meeting.is_open and _closing_key(meeting) < _closing_key(mine):
            replaced.append(meeting)
    return {
        "new_meetings": tuple(new),
        "replaced_meetings": tuple(replaced),
        "merged_logs": tuple(merged),
        "events_added": added,
        "set_aside": set_aside,
    }


def _closing_key(meeting: MeetingEntry) -> tuple[str, str]:
    """Earlier closing first; then the smaller record, so both sides pick the same one."""
    ended = meeting.record.ended_at.isoformat() if meeting.record.ended_at else "~"  # "~" sorts after digits
    return ended, json.dumps(meeting_to_json(meeting), sort_keys=True)


def _notes(
    ours: GroupSnapshot, theirs: GroupSnapshot, rules: ConfidentialityRules
) -> tuple[tuple[Note, ...], dict[str, datetime]]:
    mine = {note.id: note for note in ours.notes}
    new, resolved = [], {}
    for note in theirs.notes:
        here = mine.get(note.id)
        if here is not None:
            if here.resolved_at is None and note.resolved_at is not None:
                resolved[note.id] = note.resolved_at
            continue
        kept = _kept_note(note, rules)
        if kept is not None:
            new.append(replace(kept, group_id=ours.group.id))
    return tuple(new), resolved


def _kept_note(note: Note, rules: ConfidentialityRules) -> Note | None:
    """The note as this vault's rules allow it: none at all, a flag without words, or words up to the cap."""
    if rules.notes is NotesPolicy.NONE:
        return None
    if rules.notes is NotesPolicy.FLAGS:
        return None if note.kind is NoteKind.DEBRIEF else replace(note, text="")
    return replace(note, text=note.text[: rules.brief_note_cap])


# to and from JSON ------------------------------------------------------------------------------------------


def _when(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def meeting_to_json(meeting: MeetingEntry) -> dict[str, Any]:
    record = meeting.record
    return {
        "id": record.id,
        "held_on": record.held_on.isoformat(),
        "status": str(record.status),
        "planned_minutes": record.planned_minutes,
        "started_at": _when(record.started_at),
        "ended_at": _when(record.ended_at),
        "actual_minutes": record.actual_minutes,
        "headcount": record.headcount,
        "newcomers": record.newcomers,
        "shared_turns": record.shared_turns,
        "passed_turns": record.passed_turns,
        "pulse": list(record.pulse) if record.pulse is not None else None,
        "attendance": [
            {
                "member_id": row.member_id,
                "presence": str(row.presence),
                "newcomer": row.newcomer,
                "late": row.late,
                "left_early": row.left_early,
            }
            for row in meeting.attendance
        ],
        "events": [event.to_dict() for event in meeting.events],
    }


def snapshot_to_json(snapshot: GroupSnapshot) -> dict[str, Any]:
    group = snapshot.group
    return {
        "circle_handoff": PAYLOAD_VERSION,
        "group": {
            "id": group.id,
            "name": group.name,
            "profile": group.profile.to_dict(),
            "rules": group.rules.to_dict(),
            "settings_changed_at": _when(snapshot.settings_changed_at),
        },
        "facilitators": dict(snapshot.facilitators),
        "members": [
            {"id": m.id, "created_at": m.created_at.isoformat(), "joined_on": _when(m.joined_on), "name": m.name}
            for m in snapshot.members
        ],
        "meetings": [meeting_to_json(meeting) for meeting in snapshot.meetings],
        "notes": [
            {
                "id": note.id,
                "session_id": note.session_id,
                "kind": str(note.kind),
                "created_at": note.created_at.isoformat(),
                "expires_on": note.expires_on.isoformat(),
                "resolved_at": _when(note.resolved_at),
                "member_id": note.member_id,
                "action": str(note.action) if note.action else None,
                "text": note.text,
            }
            for note in snapshot.notes
        ],
    }


def snapshot_from_json(raw: Any) -> GroupSnapshot:
    """A snapshot from a handoff's payload; anything missing, mistyped or inconsistent is HandoffUnreadable."""
    try:
        if raw.get("circle_handoff") != PAYLOAD_VERSION:
            raise ValueError("payload version")
        snapshot = _read_snapshot(raw)
    # InvalidInput: a profile, rules, name or event that the parsers of this vault refuse.
    except (AttributeError, KeyError, TypeError, ValueError, IndexError, InvalidInput) as error:
        raise HandoffUnreadable() from error
    _check_consistent(snapshot)
    return snapshot


def _id(value: Any) -> str:
    if not isinstance(value, str) or not value or len(value) > 64:
        raise ValueError("id")
    return value


def _optional(read: Any, value: Any) -> Any:
    return None if value is None else read(value)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("text")
    return value


def _name(value: Any) -> str:
    """A member's name as the sender's rules kept it: one clean line, as long as a kept name may be."""
    name = sanitise_line(_text(value))
    if not name or len(name) > MEMBER_NAME_MAX:
        raise ValueError("name")
    return name


def _count(value: Any) -> int:
    if type(value) is not int or value < 0:
        raise ValueError("count")
    return value


def _read_snapshot(raw: Mapping[str, Any]) -> GroupSnapshot:
    group_raw = raw["group"]
    group_id = _id(group_raw["id"])
    group = Group(
        id=group_id,
        name=group_name(_text(group_raw["name"])),
        profile=GroupProfile.from_dict(group_raw["profile"]),
        rules=ConfidentialityRules.from_dict(group_raw["rules"]),
    )
    # Text from another laptop is sanitised on the way in, as if it were typed here.
    facilitators = {_id(fid): sanitise_line(_text(handle)) for fid, handle in dict(raw["facilitators"]).items()}
    members = tuple(
        MemberEntry(
            id=_id(m["id"]),
            created_at=datetime.fromisoformat(m["created_at"]),
            joined_on=_optional(date.fromisoformat, m["joined_on"]),
            name=_optional(_name, m["name"]),
        )
        for m in raw["members"]
    )
    meetings = tuple(_read_meeting(group_id, m) for m in raw["meetings"])
    notes = tuple(_read_note(group_id, n) for n in raw["notes"])
    return GroupSnapshot(
        group=group,
        settings_changed_at=_optional(datetime.fromisoformat, group_raw["settings_changed_at"]),
        facilitators=facilitators,
        members=members,
        meetings=meetings,
        notes=notes,
    )


def _read_meeting(group_id: str, raw: Mapping[str, Any]) -> MeetingEntry:
    meeting_id = _id(raw["id"])
    pulse = raw["pulse"]
    record = MeetingRecord(
        id=meeting_id,
        group_id=group_id,
        held_on=date.fromisoformat(raw["held_on"]),
        status=MeetingStatus(raw["status"]),
        planned_minutes=_count(raw["planned_minutes"]),
        started_at=_optional(datetime.fromisoformat, raw["started_at"]),
        ended_at=_optional(datetime.fromisoformat, raw["ended_at"]),
        actual_minutes=_optional(_count, raw["actual_minutes"]),
        headcount=_count(raw["headcount"]),
        newcomers=_count(raw["newcomers"]),
        shared_turns=_count(raw["shared_turns"]),
        passed_turns=_count(raw["passed_turns"]),
        pulse=None if pulse is None else tuple(_count(count) for count in pulse),
    )
    attendance = tuple(
        AttendanceRecord(
            meeting_id=meeting_id,
            member_id=_id(row["member_id"]),
            presence=Presence(row["presence"]),
            newcomer=bool(row["newcomer"]),
            late=bool(row["late"]),
            left_early=bool(row["left_early"]),
        )
        for row in raw["attendance"]
    )
    events = tuple(Event.from_dict(event) for event in raw["events"])
    return MeetingEntry(record, attendance, events)


def _read_note(group_id: str, raw: Mapping[str, Any]) -> Note:
    return Note(
        id=_id(raw["id"]),
        group_id=group_id,
        kind=NoteKind(raw["kind"]),
        created_at=datetime.fromisoformat(raw["created_at"]),
        expires_on=date.fromisoformat(raw["expires_on"]),
        session_id=_optional(_id, raw["session_id"]),
        member_id=_optional(_id, raw["member_id"]),
        action=_optional(SafetyAction, raw["action"]),
        text=sanitise_line(_text(raw["text"])),
        resolved_at=_optional(datetime.fromisoformat, raw["resolved_at"]),
    )


def _check_consistent(snapshot: GroupSnapshot) -> None:
    """Every reference points inside the snapshot, and at most one meeting is open."""
    members = {member.id for member in snapshot.members}
    meetings = {meeting.record.id for meeting in snapshot.meetings}
    referenced = {row.member_id for meeting in snapshot.meetings for row in meeting.attendance}
    referenced |= {note.member_id for note in snapshot.notes if note.member_id}
    sessions = {note.session_id for note in snapshot.notes if note.session_id}
    open_meetings = [meeting for meeting in snapshot.meetings if meeting.is_open]
    if (
        not referenced <= members
        or not sessions <= meetings
        or len(open_meetings) > 1
        or len(meetings) != len(snapshot.meetings)
        or len(members) != len(snapshot.members)
        or any(meeting.events and not meeting.is_open for meeting in snapshot.meetings)
    ):
        raise HandoffUnreadable()
    # The meeting under way must replay here exactly as it is (merging it into nothing keeps every event
    # where it is), or nobody could pick it up after the import, and importing it twice would change it.
    for meeting in open_meetings:
        try:
            if merge_logs((), meeting.events).events != meeting.events:
                raise HandoffUnreadable()
        except SessionLogError:
            raise HandoffUnreadable() from None
