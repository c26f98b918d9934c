"""Notes in and out of the vault, and the retention purge carried out for real.

A note's words, its person and its action are sealed together; only its id, kind and dates
are plain. Removal is real: `secure_delete` is on, so deleted cells are overwritten, and the
write-ahead log is checkpointed and truncated afterwards so no old page lingers in it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from circle.domain.group import Group
from circle.domain.notes import Note, NoteKind, SafetyAction
from circle.domain.retention import NoteFacts, RetentionPlan
from circle.domain.text import initials
from circle.store.repository import Repository
from circle.store.sealing import GroupSealer


def _marks(values: Iterable[str]) -> tuple[str, list[str]]:
    wanted = list(values)
    return ",".join("?" * len(wanted)), wanted


class NoteStore:
    def __init__(self, repository: Repository) -> None:
        self._repo = repository

    def add(self, sealer: GroupSealer, note: Note) -> None:
        with self._repo.writing() as db:
            db["notes"].insert(
                {
                    "id": note.id,
                    "group_id": note.group_id,
                    "session_id": note.session_id,
                    "kind": str(note.kind),
                    "created_at": note.created_at.isoformat(),
                    "expires_on": note.expires_on.isoformat(),
                    "resolved_at": note.resolved_at.isoformat() if note.resolved_at else None,
                    "body": self._seal_body(sealer, note.id, note.member_id, note.action, note.text),
                }
            )

    @staticmethod
    def _seal_body(
        sealer: GroupSealer, note_id: str, member_id: str | None, action: SafetyAction | None, text: str
    ) -> bytes:
        body = {"member_id": member_id, "action": str(action) if action else None, "text": text}
        return sealer.seal_json("notes", "body", note_id, body)

    def notes(self, sealer: GroupSealer) -> list[Note]:
        """The group's notes, oldest first."""
        rows = self._repo.rows(
            "SELECT id, session_id, kind, created_at, expires_on, resolved_at, body FROM notes"
            " WHERE group_id = ? ORDER BY created_at, rowid",
            [sealer.group_id],
        )
        notes = []
        for note_id, session_id, kind, created, expires, resolved, sealed in rows:
            body = sealer.open_json("notes", "body", note_id, sealed)
            notes.append(
                Note(
                    id=note_id,
                    group_id=sealer.group_id,
                    kind=NoteKind(kind),
                    created_at=datetime.fromisoformat(created),
                    expires_on=date.fromisoformat(expires),
                    session_id=session_id,
                    member_id=body.get("member_id"),
                    action=SafetyAction(body["action"]) if body.get("action") else None,
                    text=body.get("text") or "",
                    resolved_at=datetime.fromisoformat(resolved) if resolved else None,
                )
            )
        return notes

    def resolve(self, group_id: str, note_id: str, at: datetime) -> bool:
        with self._repo.writing() as db:
            cursor = db.execute(
                "UPDATE notes SET resolved_at = ? WHERE id = ? AND group_id = ? AND resolved_at IS NULL",
                [at.isoformat(), note_id, group_id],
            )
            return cursor.rowcount == 1

    # retention --------------------------------------------------------------------
    def note_facts(self, notes: Iterable[Note]) -> list[NoteFacts]:
        return [
            NoteFacts(note.id, note.kind, note.created_at.date(), len(note.text), note.member_id) for note in notes
        ]

    def dated_facts(self, group_id: str) -> list[NoteFacts]:
        """Each note's id, kind and date, from the plain columns: enough to purge by age without opening any."""
        rows = self._repo.rows("SELECT id, kind, created_at FROM notes WHERE group_id = ?", [group_id])
        return [NoteFacts(note_id, NoteKind(kind), datetime.fromisoformat(at).date(), 0) for note_id, kind, at in rows]

    def open_count(self, group_ids: list[str]) -> int:
        """How many follow-ups and safety actions are still open, from the plain columns alone."""
        marks = ",".join("?" * len(group_ids))
        sql = f"SELECT count(*) FROM notes WHERE kind != 'debrief' AND resolved_at IS NULL AND group_id IN ({marks})"
        return self._repo.rows(sql, group_ids)[0][0]

    def delete_expired(self, on: date) -> int:
        """Notes past the expiry date written on them, in every group: no key is needed for this."""
        due = self._repo.rows("SELECT count(*) FROM notes WHERE expires_on <= ?", [on.isoformat()])[0][0]
        if not due:
            return 0  # the usual case at unlock: nothing to write, nothing more to load
        with self._repo.writing() as db:
            return db.execute("DELETE FROM notes WHERE expires_on <= ?", [on.isoformat()]).rowcount

    def carry_out(
        self, sealer: GroupSealer, plan: RetentionPlan, notes: list[Note], *, new_rules_for: Group | None = None
    ) -> None:
        """The whole plan in one transaction (with the group's new rules, when they are the reason)."""
        by_id = {note.id: note for note in notes}
        with self._repo.writing() as db:
            if new_rules_for is not None:
                db["groups"].update(new_rules_for.id, self._repo.sealed_group_fields(sealer, new_rules_for))
            marks, ids = _marks(plan.delete_notes)
            db.execute(f"DELETE FROM notes WHERE id IN ({marks})", ids)
            for note_id in plan.strip_note_words:
                note = by_id[note_id]
                body = self._seal_body(sealer, note.id, note.member_id, note.action, "")
                db.execute("UPDATE notes SET body = ? WHERE id = ?", [body, note.id])
            marks, ids = _marks(plan.forget_members)
            db.execute(f"UPDATE members SET name = NULL WHERE id IN ({marks})", ids)
            for member in self._repo.members(sealer):
                if member.id in plan.members_to_initials:
                    sealed = sealer.seal_text("members", "name", member.id, initials(member.name))
                    db.execute("UPDATE members SET name = ? WHERE id = ?", [sealed, member.id])
        if plan.removes_anything:
            self._repo.checkpoint()
