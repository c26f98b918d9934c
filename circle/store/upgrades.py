"""Bringing each group's records to the current format, when a facilitator who holds it unlocks.

The migrations in db.py change the tables and need no key. The steps here open and seal values, so they need
the group's key: each takes a group from one format to the next (`groups.format`), and every group the
unlocking facilitator holds is brought up in one transaction, so a vault is never left half in one format.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from circle.domain.notes import NoteKind
from circle.store.clear_values import clear_choice, clear_day, clear_moment, clear_moment_or_none
from circle.store.keys import seal_again
from circle.store.note_body import note_from, seal_body
from circle.store.records_upgrade import seal_meetings_and_members
from circle.store.repository import Repository
from circle.store.format_versions import CURRENT_GROUP_FORMAT
from circle.store.sealing import GroupSealer

if TYPE_CHECKING:
    from sqlite_utils import Database

# A step brings one group's rows from its format to the next, given the group's sealer.
Step = Callable[["Database", GroupSealer], None]


def pad_values(db: Database, sealer: GroupSealer) -> None:
    """Format 1 -> 2: every value sealed again, padded, under the same key."""
    seal_again(db, replace(sealer, unpadded_too=True), sealer)


def seal_note_records(db: Database, sealer: GroupSealer) -> None:
    """Format 2 -> 3: each note's kind and dates sealed into its body beside the rest; the clear columns NULL."""
    rows = db.execute(
        "SELECT id, session_id, kind, created_at, expires_on, resolved_at, body FROM notes WHERE group_id = ?",
        [sealer.group_id],
    ).fetchall()
    for note_id, session_id, kind, created_at, expires_on, resolved_at, sealed in rows:
        resolved = clear_moment_or_none(resolved_at, "notes.resolved_at")
        clear = {
            "kind": clear_choice(kind, NoteKind, "notes.kind").value,
            "created_at": clear_moment(created_at, "notes.created_at").isoformat(),
            "expires_on": clear_day(expires_on, "notes.expires_on").isoformat(),
            "resolved_at": resolved.isoformat() if resolved else None,
        }
        older = sealer.open_json("notes", "body", note_id, sealed)  # member_id, action, text
        note = note_from(note_id, sealer.group_id, session_id, {**older, **clear})
        db.execute(
            "UPDATE notes SET kind = NULL, created_at = NULL, expires_on = NULL, resolved_at = NULL, body = ?"
            " WHERE id = ?",
            [seal_body(sealer, note), note_id],
        )


# From each format, the steps to the next one.
STEPS: dict[int, tuple[Step, ...]] = {
    1: (pad_values,),
    2: (
        seal_note_records,
        seal_meetings_and_members,
    ),
}


def upgrade_groups(repository: Repository, sealers: list[GroupSealer], formats: dict[str, int]) -> None:
    """Bring each group up to CURRENT_GROUP_FORMAT from the format it is in, all of them in one transaction. The
    caller checkpoints once it commits, so that no copy of the older rows is left in the write-ahead log."""
    with repository.writing() as db:
        for sealer in sealers:
            for step_from in range(formats[sealer.group_id], CURRENT_GROUP_FORMAT):
                for step in STEPS[step_from]:
                    step(db, sealer)
            db["groups"].update(sealer.group_id, {"format": CURRENT_GROUP_FORMAT})
