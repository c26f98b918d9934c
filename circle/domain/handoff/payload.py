"""A snapshot written as a handoff's JSON payload."""

from __future__ import annotations

import base64
from datetime import date, datetime
from typing import Any

from circle.domain.handoff.snapshot import PAYLOAD_VERSION, PAYLOAD_VERSION_WITH_LANGUAGE, GroupSnapshot, MeetingEntry
from circle.language import ENGLISH


def _when(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def meeting_to_json(meeting: MeetingEntry) -> dict[str, Any]:
    record = meeting.record
    # Only a cancelled meeting with a reason has one, as in its summary: other payloads stay as they were.
    reason = {} if record.cancel_reason is None else {"cancel_reason": str(record.cancel_reason)}
    corrected = {} if record.corrected_at is None else {"corrected_at": record.corrected_at.isoformat()}
    topic = {"topic": record.topic} if record.topic else {}
    return {
        **reason,
        **corrected,
        **topic,
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
        "guests": record.guests,
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


def _signing(snapshot: GroupSnapshot) -> dict[str, str] | None:
    key = snapshot.signing
    if key is None:
        return None
    return {"seed": base64.b64encode(key.seed).decode("ascii"), "made_at": key.made_at.isoformat()}


def payload_version(snapshot: GroupSnapshot) -> int:
    """3 only for a group that meets in another language than English: a reader of 2 refuses it rather than drop
    the language unseen (snapshot.py says why); every other payload stays readable by such a reader."""
    return PAYLOAD_VERSION if snapshot.group.profile.language == ENGLISH else PAYLOAD_VERSION_WITH_LANGUAGE


def snapshot_to_json(snapshot: GroupSnapshot) -> dict[str, Any]:
    group = snapshot.group
    return {
        "circle_handoff": payload_version(snapshot),
        "group": {
            "id": group.id,
            "name": group.name,
            "profile": group.profile.to_dict(),
            "rules": group.rules.to_dict(),
            "settings_changed_at": _when(snapshot.settings_changed_at),
            "signing": _signing(snapshot),
        },
        "facilitators": dict(snapshot.facilitators),
        "members": [
            {"id": m.id, "created_at": m.created_at.isoformat(), "joined_on": _when(m.joined_on), "name": m.name,
             "forgotten": m.forgotten}
            for m in snapshot.members
        ],
        "meetings": [meeting_to_json(meeting) for meeting in snapshot.meetings],
        "discarded": {meeting_id: str(status) for meeting_id, status in snapshot.discarded.items()},
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
