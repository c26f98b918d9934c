"""Notes in and out of the vault, and the retention purge carried out for real.

Everything about a note is sealed in its body (store/note_body.py): its kind, dates, person, action and
words. Only its id, group and meeting are plain, so nothing can be sorted, counted or purged without the
group's key: each is done on the opened notes. Removal is real: `secure_delete` is on, so deleted cells are
overwritten, and the write-ahead log is checkpointed and truncated afterwards so no old page lingers in it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from circle.domain.group import Group
from circle.domain.notes import Note
from circle.domain.retention import NoteFacts, RetentionPlan
from circle.domain.text import initials
from circle.store.note_body import open_note, seal_body
from circle.store.repository import Repository
from circle.store.sealing import GroupSealer

if TYPE_CHECKING:
    from sqlite_utils import Database


def _marks(values: Iterable[str]) -> tuple[str, list[str]]:
    wanted = list(values)
    return ",".join("?" * len(wanted)), wanted


class NoteStore:
    def __init__(self, repository: Repository) -> None:
        self._repo = repository
        self._counted: tuple[object, int] | None = None  # the last open count, and the state it was read in

    def add(self, sealer: GroupSealer, note: Note) -> None:
        with self._repo.writing() as db:
            row = {"id": note.id, "group_id": note.group_id, "session_id": note.session_id}
            db["notes"].insert({**row, "body": seal_body(sealer, note)})

    def notes(self, sealer: GroupSealer) -> list[Note]:
        """The group's notes, oldest first (by the time sealed in each: there is no clear one to sort by)."""
        rows = self._repo.rows(
            "SELECT id, session_id, body FROM notes WHERE group_id = ? ORDER BY rowid", [sealer.group_id]
        )
        opened = [open_note(sealer, note_id, session_id, sealed) for note_id, session_id, sealed in rows]
        return sorted(opened, key=lambda note: note.created_at)

    def resolve(self, sealer: GroupSealer, note_id: str, at: datetime) -> bool:
        """Mark an open note done, its body sealed again; False when it is already done or no longer kept."""
        with self._repo.writing() as db:
            return self.resolve_in(db, sealer, note_id, at)

    def resolve_in(self, db: Database, sealer: GroupSealer, note_id: str, at: datetime) -> bool:
        """`resolve` inside a transaction already open."""
        rows = db.execute(
            "SELECT session_id, body FROM notes WHERE id = ? AND group_id = ?", [note_id, sealer.group_id]
        ).fetchall()
        if not rows:
            return False
        note = open_note(sealer, note_id, *rows[0])
        if note.resolved_at is not None:
            return False
        body = seal_body(sealer, replace(note, resolved_at=at))
        db.execute("UPDATE notes SET body = ? WHERE id = ?", [body, note_id])
        return True

    # retention --------------------------------------------------------------------
    def note_facts(self, notes: Iterable[Note]) -> list[NoteFacts]:
        return [
            NoteFacts(note.id, note.kind, note.created_at.date(), len(note.text), note.member_id) for note in notes
        ]

    @staticmethod
    def dated_facts(notes: Iterable[Note]) -> list[NoteFacts]:
        """Each note's id, kind and date alone: enough to purge by age, and nothing about anyone."""
        return [NoteFacts(note.id, note.kind, note.created_at.date(), 0) for note in notes]

    def open_count(self, sealers: Iterable[GroupSealer]) -> int:
        """How many follow-ups and safety actions are still open in these groups.

        Counting opens every note, so the count is kept until the vault changes (here or in another
        connection): a screen that asks again on every repaint opens nothing more.
        """
        held = tuple(sealers)
        changes = (self._repo.conn.total_changes, self._repo.rows("PRAGMA data_version")[0][0])
        state = (tuple((sealer.group_id, sealer.key_version) for sealer in held), changes)
        if self._counted is None or self._counted[0] != state:
            count = sum(note.is_open for sealer in held for note in self.notes(sealer))
            self._counted = (state, count)
        return self._counted[1]

    def delete_expired(self, notes: list[Note], on: date) -> list[Note]:
        """Delete those of a group's opened `notes` past the expiry date sealed in them; the rest are returned."""
        due = [note.id for note in notes if note.expires_on <= on]
        if due:
            with self._repo.writing() as db:
                marks, ids = _marks(due)
                db.execute(f"DELETE FROM notes WHERE id IN ({marks})", ids)
        return [note for note in notes if note.expires_on > on]

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
                body = seal_body(sealer, replace(by_id[note_id], text=""))
                db.execute("UPDATE notes SET body = ? WHERE id = ?", [body, note_id])
            marks, ids = _marks(plan.forget_members)
            db.execute(f"UPDATE members SET name = NULL WHERE id IN ({marks})", ids)
            for member in self._repo.members(sealer):
                if member.id in plan.members_to_initials:
                    sealed = sealer.seal_text("members", "name", member.id, initials(member.name))
                    db.execute("UPDATE members SET name = ? WHERE id = ?", [sealed, member.id])
        if plan.removes_anything:
            self._repo.checkpoint()
