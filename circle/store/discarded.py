"""The meetings a group discarded, remembered in `groups.discarded` so that no copy of the group brings one back.

A discarded meeting (opened by mistake, or a record put right) is deleted for real
(`meeting_list.discard_meeting`), but a co-facilitator's laptop may still hold it. Its id stays here, sealed under
the group's key, and a handoff carries the ids both ways: a copy of the meeting that comes in later is left out,
and one held here is deleted when the other laptop says it was discarded there (docs/FORMAT.md 3.3 and 9.2;
circle/domain/handoff/discards.py weighs the two). Only the ids are kept, each with the status its copy had
(open, closed or cancelled): never when, by whom, or why.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from circle.domain.records import MeetingStatus
from circle.store.repository import Repository
from circle.store.sealing import GroupSealer

if TYPE_CHECKING:
    from sqlite_utils import Database

# What a discarded meeting leaves behind: nothing. Its log goes first, because the manifest's triggers find a
# logged event's group through its meeting's row; `secure_delete` overwrites the cells, and the caller's
# checkpoint truncates the write-ahead log, which would otherwise keep a copy.
_DELETE_MEETING = (
    "DELETE FROM session_events WHERE session_id IN (SELECT id FROM sessions WHERE id = ?1 AND group_id = ?2)",
    "DELETE FROM attendance WHERE session_id IN (SELECT id FROM sessions WHERE id = ?1 AND group_id = ?2)",
    "DELETE FROM sessions WHERE id = ?1 AND group_id = ?2",  # never another group's meeting
)


def discarded_meetings(repository: Repository, sealer: GroupSealer) -> dict[str, MeetingStatus]:
    """Each discarded meeting's id, and the status its copy had when it was discarded."""
    rows = repository.rows("SELECT discarded FROM groups WHERE id = ?", [sealer.group_id])
    if not rows or rows[0][0] is None:
        return {}
    kept = sealer.open_json("groups", "discarded", sealer.group_id, rows[0][0])
    return {meeting_id: MeetingStatus(status) for meeting_id, status in kept.items()}


def discard_in(
    db: Database, sealer: GroupSealer, meeting_ids: Iterable[str], remembered: Mapping[str, MeetingStatus]
) -> None:
    """Delete these meetings of the group, whatever is left of them here, and keep `remembered` as its discarded
    meetings: all in the caller's transaction."""
    for meeting_id in sorted(meeting_ids):
        for statement in _DELETE_MEETING:
            db.execute(statement, [meeting_id, sealer.group_id])
    value = {meeting_id: str(status) for meeting_id, status in remembered.items()}
    sealed = sealer.seal_json("groups", "discarded", sealer.group_id, value)
    db.execute("UPDATE groups SET discarded = ? WHERE id = ?", [sealed, sealer.group_id])
