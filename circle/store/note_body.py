"""A note's sealed body in group format 3: everything about it but its id, group and meeting.

The body is JSON, sealed under the group's key as `notes.body`:
{"action", "created_at", "expires_on", "kind", "member_id", "resolved_at", "text"} (docs/FORMAT.md 3.9).
The clear columns `kind`, `created_at`, `expires_on` and `resolved_at` stay NULL.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from circle.domain.clock import stored_moment
from circle.domain.notes import Note, NoteKind, SafetyAction
from circle.store.clear_values import clear_id_or_none
from circle.store.sealing import GroupSealer


def body_of(note: Note) -> dict[str, Any]:
    return {
        "kind": str(note.kind),
        "created_at": note.created_at.isoformat(),
        "expires_on": note.expires_on.isoformat(),
        "resolved_at": note.resolved_at.isoformat() if note.resolved_at else None,
        "member_id": note.member_id,
        "action": str(note.action) if note.action else None,
        "text": note.text,
    }


def note_from(note_id: str, group_id: str, session_id: str | None, body: dict[str, Any]) -> Note:
    resolved = body.get("resolved_at")
    return Note(
        id=note_id,
        group_id=group_id,
        kind=NoteKind(body["kind"]),
        created_at=stored_moment(body["created_at"]),
        expires_on=date.fromisoformat(body["expires_on"]),
        session_id=session_id,
        member_id=body.get("member_id"),
        action=SafetyAction(body["action"]) if body.get("action") else None,
        text=body.get("text") or "",
        resolved_at=stored_moment(resolved) if resolved else None,
    )


def seal_body(sealer: GroupSealer, note: Note) -> bytes:
    return sealer.seal_json("notes", "body", note.id, body_of(note))


def open_note(sealer: GroupSealer, note_id: str, session_id: str | None, sealed: bytes) -> Note:
    session_id = clear_id_or_none(session_id, "notes.session_id")
    return note_from(note_id, sealer.group_id, session_id, sealer.open_json("notes", "body", note_id, sealed))
