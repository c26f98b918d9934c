"""Caring for a roster in the vault: rename, retire, merge two entries, and erase one person for real.

Erasure and merging remove rows and sealed values: `secure_delete` overwrites their cells, and the
write-ahead log is checkpointed and truncated afterwards, as the retention purge does (store/notes.py).
"""

from __future__ import annotations

from dataclasses import replace
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from circle.domain.clock import EARLIEST
from circle.domain.notes import Note
from circle.domain.records import AttendanceRecord, Presence
from circle.store.attendance import open_attendance, seal_attendance, to_records
from circle.store.member_rows import MemberDates, open_dates, sealed_details
from circle.store.note_body import seal_body
from circle.store.notes import NoteStore
from circle.store.repository import Repository
from circle.store.sealing import GroupSealer

if TYPE_CHECKING:
    from sqlite_utils import Database


class RosterCare:
    def __init__(self, repository: Repository) -> None:
        self._repo = repository
        self._notes = NoteStore(repository)

    def _dates(self, sealer: GroupSealer, member_id: str) -> MemberDates:
        [(details,)] = self._repo.rows(
            "SELECT details FROM members WHERE id = ? AND group_id = ?", [member_id, sealer.group_id]
        )
        return open_dates(sealer, member_id, details)

    def rename(self, sealer: GroupSealer, member_id: str, name: str) -> None:
        with self._repo.writing() as db:
            sealed = sealer.seal_text("members", "name", member_id, name)
            db.execute("UPDATE members SET name = ? WHERE id = ?", [sealed, member_id])
        self._repo.checkpoint()  # the old name leaves no copy in the write-ahead log

    def set_retired(self, sealer: GroupSealer, member_id: str, retired: bool) -> None:
        dates = replace(self._dates(sealer, member_id), retired=retired)
        with self._repo.writing() as db:
            db.execute(
                "UPDATE members SET details = ? WHERE id = ?", [sealed_details(sealer, member_id, dates), member_id]
            )

    def erase(self, sealer: GroupSealer, member_id: str) -> int:
        """Forget one person now: their name, join date and every note about them go; the row stays as an id
        that names no one, so the meetings they came to keep their counts. Returns how many notes went."""
        with self._repo.writing() as db:
            gone = erase_in(db, sealer, member_id, self._notes.notes(sealer))
        self._repo.checkpoint()
        return gone

    def merge(self, sealer: GroupSealer, keep_id: str, other_id: str) -> None:
        """OTHER's attendance and notes become KEEP's, and OTHER's row is deleted. At a meeting both were marked
        at, one entry stays (present wins) and the meeting's counts lose the double count."""
        rows = self._repo.rows(
            "SELECT id, summary, attendance FROM sessions WHERE group_id = ? AND attendance IS NOT NULL",
            [sealer.group_id],
        )
        notes = [note for note in self._notes.notes(sealer) if note.member_id == other_id]
        with self._repo.writing() as db:
            for meeting_id, summary, sealed in rows:
                value = open_attendance(sealer, meeting_id, sealed)
                if other_id in value["member_ids"]:
                    self._merge_meeting(db, sealer, meeting_id, summary, value, keep_id, other_id)
            for note in notes:
                self._repoint(db, sealer, note, keep_id)
            db.execute("DELETE FROM members WHERE id = ?", [other_id])
        self._repo.checkpoint()

    @staticmethod
    def _merge_meeting(
        db: Database, sealer: GroupSealer, meeting_id: str, sealed_summary: bytes, value: dict[str, Any],
        keep_id: str, other_id: str,
    ) -> None:
        entries = {row.member_id: row for row in to_records(meeting_id, value)}
        other = entries.pop(other_id)
        keep = entries.get(keep_id)
        merged = merged_entry(keep, other, keep_id)
        entries[keep_id] = merged
        counted = [row for row in (keep, other) if row is not None and row.presence is Presence.PRESENT]
        summary = sealer.open_json("sessions", "summary", meeting_id, sealed_summary)
        present_now = int(merged.presence is Presence.PRESENT)
        summary["headcount"] = max(0, summary["headcount"] - (len(counted) - present_now))
        newcomers_before = sum(row.newcomer for row in counted)
        summary["newcomers"] = max(0, summary["newcomers"] - (newcomers_before - int(present_now and merged.newcomer)))
        db.execute(
            "UPDATE sessions SET summary = ?, attendance = ? WHERE id = ?",
            [
                sealer.seal_json("sessions", "summary", meeting_id, summary),
                seal_attendance(sealer, meeting_id, entries.values()),
                meeting_id,
            ],
        )

    @staticmethod
    def _repoint(db: Database, sealer: GroupSealer, note: Note, member_id: str) -> None:
        body = seal_body(sealer, replace(note, member_id=member_id))
        db.execute("UPDATE notes SET body = ? WHERE id = ?", [body, note.id])


def merged_entry(keep: AttendanceRecord | None, other: AttendanceRecord, keep_id: str) -> AttendanceRecord:
    """One meeting's entry for the merged person: whichever of the two was present (KEEP's when both or
    neither were), a newcomer if either present entry was one."""
    if keep is None:
        return replace(other, member_id=keep_id)
    both = [row for row in (keep, other) if row.presence is Presence.PRESENT]
    winner = other if both == [other] else keep
    return replace(winner, member_id=keep_id, newcomer=any(row.newcomer for row in both) or winner.newcomer)


def erase_in(db: Database, sealer: GroupSealer, member_id: str, notes: Iterable[Note]) -> int:
    """Within a writing transaction: the person's name, join date and the `notes` about them go; their row stays
    as an id that names no one. Returns how many notes went. The caller checkpoints once it commits."""
    about = [note.id for note in notes if note.member_id == member_id]
    for note_id in about:
        db.execute("DELETE FROM notes WHERE id = ?", [note_id])
    # Not even when they were added is kept: it is most often the day they joined.
    anonymous = MemberDates(EARLIEST, None)
    db.execute(
        "UPDATE members SET name = NULL, details = ? WHERE id = ?", [sealed_details(sealer, member_id, anonymous), member_id]
    )
    return len(about)

