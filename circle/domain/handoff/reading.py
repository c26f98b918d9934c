"""A snapshot read back from a handoff's JSON payload, trusting nothing in it."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import Any

from circle.domain.errors import InvalidInput
from circle.domain.group import Group, GroupProfile, group_name
from circle.domain.handoff.snapshot import READABLE_PAYLOAD_VERSIONS, GroupSnapshot, HandoffUnreadable, MeetingEntry, MemberEntry
from circle.domain.json_fields import day, integer, moment, optional, text
from circle.domain.notes import Note, NoteKind, SafetyAction
from circle.domain.records import AttendanceRecord, CancelReason, MeetingRecord, MeetingStatus, Presence
from circle.domain.rules import MEMBER_NAME_MAX, ConfidentialityRules
from circle.domain.session import Event, SessionLogError
from circle.domain.records import PULSE_SCALE
from circle.domain.session.merge import merge_logs
from circle.domain.signing import SigningKey
from circle.domain.text import sanitise_line
from circle.domain.topics import kept_topic


def snapshot_from_json(raw: Any) -> GroupSnapshot:
    """A snapshot from a handoff's payload; anything missing, mistyped or inconsistent is HandoffUnreadable.

    Every time must carry its timezone (circle writes none without): a naive one cannot be compared with
    the times kept here, and stopped every later launch. Whether the times are plausible is for the merge.
    """
    try:
        version = raw.get("circle_handoff")
        if type(version) is not int or version not in READABLE_PAYLOAD_VERSIONS:
            raise ValueError("payload version")
        snapshot = _read_snapshot(raw)
    # InvalidInput: a profile, rules, name or event that the parsers of this vault refuse.
    except (AttributeError, KeyError, TypeError, ValueError, IndexError, InvalidInput) as error:
        raise HandoffUnreadable() from error
    _check_consistent(snapshot)
    return snapshot


def _id(value: Any) -> str:
    return text(value, min_len=1, max_len=64)


def _name(value: Any) -> str:
    """A member's name as the sender's rules kept it: one clean line, as long as a kept name may be."""
    return text(sanitise_line(text(value)), min_len=1, max_len=MEMBER_NAME_MAX)


def _read_snapshot(raw: Mapping[str, Any]) -> GroupSnapshot:
    group_raw = raw["group"]
    group_id = _id(group_raw["id"])
    group = Group(
        id=group_id,
        name=group_name(text(group_raw["name"])),
        profile=GroupProfile.from_dict(group_raw["profile"]),
        rules=ConfidentialityRules.from_dict(group_raw["rules"]),
    )
    # Text from another laptop is sanitised on the way in, as if it were typed here.
    facilitators = {_id(fid): sanitise_line(text(handle)) for fid, handle in dict(raw["facilitators"]).items()}
    members = tuple(
        MemberEntry(
            id=_id(m["id"]),
            created_at=moment(m["created_at"]),
            joined_on=optional(day, m["joined_on"]),
            name=optional(_name, m["name"]),
            forgotten=_flag(m.get("forgotten", False)),  # absent from a handoff made before it was sent
        )
        for m in raw["members"]
    )
    meetings = tuple(_read_meeting(group_id, m) for m in raw["meetings"])
    notes = tuple(_read_note(group_id, n) for n in raw["notes"])
    discarded = raw.get("discarded", {})  # absent from a handoff made before discarded meetings were remembered
    if type(discarded) is not dict:
        raise ValueError("discarded")
    return GroupSnapshot(
        group=group,
        settings_changed_at=optional(moment, group_raw["settings_changed_at"]),
        facilitators=facilitators,
        members=members,
        meetings=meetings,
        notes=notes,
        signing=optional(_signing, group_raw.get("signing")),  # absent from a handoff made before signing keys
        discarded={_id(meeting_id): MeetingStatus(status) for meeting_id, status in discarded.items()},
    )


def _flag(value: Any) -> bool:
    if type(value) is not bool:
        raise ValueError("not a boolean")
    return value


def _signing(raw: Any) -> SigningKey:
    return SigningKey(base64.b64decode(text(raw["seed"], max_len=64), validate=True), moment(raw["made_at"]))


def _pulse(raw: Any) -> tuple[int, ...]:
    """The closing's show of hands as the session records it: one count per answer, and at least one hand."""
    counts = tuple(integer(count) for count in raw)
    if len(counts) != PULSE_SCALE or not sum(counts):
        raise ValueError("pulse")
    return counts


def _read_meeting(group_id: str, raw: Mapping[str, Any]) -> MeetingEntry:
    meeting_id = _id(raw["id"])
    pulse = raw["pulse"]
    record = MeetingRecord(
        id=meeting_id,
        group_id=group_id,
        held_on=day(raw["held_on"]),
        status=MeetingStatus(raw["status"]),
        planned_minutes=integer(raw["planned_minutes"]),
        started_at=optional(moment, raw["started_at"]),
        ended_at=optional(moment, raw["ended_at"]),
        actual_minutes=optional(integer, raw["actual_minutes"]),
        headcount=integer(raw["headcount"]),
        newcomers=integer(raw["newcomers"]),
        shared_turns=integer(raw["shared_turns"]),
        passed_turns=integer(raw["passed_turns"]),
        pulse=None if pulse is None else _pulse(pulse),
        cancel_reason=optional(CancelReason, raw.get("cancel_reason")),
        corrected_at=optional(moment, raw.get("corrected_at")),
        guests=integer(raw.get("guests", 0)),  # absent from a handoff made before guests were counted
        topic=kept_topic(raw.get("topic", "")),  # absent for a meeting without one, and from before topics
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
        created_at=moment(raw["created_at"]),
        expires_on=day(raw["expires_on"]),
        session_id=optional(_id, raw["session_id"]),
        member_id=optional(_id, raw["member_id"]),
        action=optional(SafetyAction, raw["action"]),
        text=sanitise_line(text(raw["text"])),
        resolved_at=optional(moment, raw["resolved_at"]),
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
        or not meetings.isdisjoint(snapshot.discarded)  # no circle keeps a meeting it discarded
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
