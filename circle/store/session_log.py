"""A live session's log on disk: one sealed row per event, committed before anyone sees it.

When the session closes, the log is reduced to its summary counts and attendance and
the event rows are deleted (secure_delete is on), so per-person speaking times are not kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from circle.domain.errors import InvalidInput
from circle.domain.records import AttendanceRecord, MeetingRecord, MeetingStatus
from circle.store.meeting_rows import meeting_row
from circle.store.repository import Repository
from circle.store.sealing import GroupSealer
from circle.store.transaction import insert_rows
from circle.vault.errors import SealBroken

if TYPE_CHECKING:
    from circle.domain.session import Event


class SessionLog:
    def __init__(self, repository: Repository) -> None:
        self._repo = repository
        self._beginning: dict[str, dict[str, object]] = {}  # session id -> its row, until its first event

    def begin(self, sealer: GroupSealer, session_id: str, held_on: date, planned_minutes: int) -> None:
        """A new session. Its row is written with its first event, in one transaction: a crash between
        the two would otherwise leave an open session with no opening, which could never be resumed."""
        opening = MeetingRecord(session_id, sealer.group_id, held_on, MeetingStatus.OPEN, planned_minutes)
        self._beginning[session_id] = meeting_row(sealer, opening)

    def open_sessions(self) -> dict[str, str]:
        """Group id -> id of its session still open (at most one per group).

        A session with no event never began (an older circle stopped between the two writes): it is passed over,
        so that the group can meet again. Read from the events, which only meetings still open have: scanning
        `sessions`, whose rows carry their sealed summary and attendance, would read years of meetings.
        """
        rows = self._repo.rows(
            "SELECT s.group_id, s.id FROM (SELECT DISTINCT session_id FROM session_events) AS e"
            " CROSS JOIN sessions s ON s.id = e.session_id WHERE s.status = 'open' ORDER BY s.held_on"
        )
        return dict(rows)

    def append(self, sealer: GroupSealer, session_id: str, events: Iterable[Event]) -> None:
        """All the events of one command, in one transaction: they are on disk when this returns."""
        steps = [
            {
                "id": event.id,
                "session_id": session_id,
                "seq": event.seq,
                "data": sealer.seal_json("session_events", "data", event.id, event.to_dict()),
            }
            for event in events
        ]
        with self._repo.writing() as db:  # plain SQL: a meeting's steps never load sqlite-utils
            if session_id in self._beginning:
                insert_rows(db.conn, "sessions", [self._beginning[session_id]])
            insert_rows(db.conn, "session_events", steps)
        self._beginning.pop(session_id, None)

    def events(self, sealer: GroupSealer, session_id: str) -> list[Event]:
        # The session engine loads with the first meeting, not at start-up.
        from circle.domain.session import Event

        rows = self._repo.rows(
            "SELECT id, seq, data FROM session_events WHERE session_id = ? ORDER BY seq", [session_id]
        )
        events = []
        for event_id, seq, sealed in rows:
            event = Event.from_dict(sealer.open_json("session_events", "data", event_id, sealed))
            if (event.id, event.seq) != (event_id, seq):
                raise SealBroken("session_events.data")
            events.append(event)
        if [event.seq for event in events] != list(range(len(events))):
            raise InvalidInput("The session's log has a gap; it cannot be replayed safely.")
        return events

    def close(
        self,
        sealer: GroupSealer,
        record: MeetingRecord,
        attendance: list[AttendanceRecord],
        next_meeting_on: date | None,
    ) -> None:
        """Keep the summary and attendance, sealed, and forget the detailed log."""
        with self._repo.writing() as db:
            db["sessions"].update(record.id, meeting_row(sealer, record, attendance))
            db.execute("DELETE FROM session_events WHERE session_id = ?", [record.id])
            # The group met after all on a date it had cancelled: the meeting held replaces the cancellation.
            db.execute(
                "DELETE FROM sessions WHERE group_id = ? AND held_on = ? AND status = 'cancelled'",
                [record.group_id, record.held_on.isoformat()],
            )
            if next_meeting_on is not None:
                db["groups"].update(record.group_id, {"next_meeting_on": next_meeting_on.isoformat()})
        self._repo.checkpoint()
