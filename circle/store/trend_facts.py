"""What trends are computed from: each meeting's opened summary, and the opened attendance of closed ones."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from circle.domain.records import MeetingStatus
from circle.domain.trends.compute import Attendance, MeetingFacts, collector_paused
from circle.store.attendance import open_attendance
from circle.store.meeting_rows import SUMMARY_COLUMNS, row_to_facts
from circle.store.repository import Repository
from circle.store.sealing import GroupSealer

_MEETINGS = f"SELECT {SUMMARY_COLUMNS}, attendance FROM sessions WHERE status != 'open' AND group_id = ?"
_CLOSED = str(MeetingStatus.CLOSED)

# A group's closed and cancelled meetings as stored: clear columns, sealed summary, sealed attendance.
SealedMeetings = list[tuple]


def sealed_meetings(repository: Repository, group_id: str) -> SealedMeetings:
    """The vault read, apart from the opening (which needs no vault and may run anywhere)."""
    return repository.rows(_MEETINGS, [group_id])


def open_meetings(sealer: GroupSealer, rows: SealedMeetings) -> tuple[list[MeetingFacts], list[Attendance]]:
    """The group's meetings and every attendance entry of its closed ones, absences included.

    Attendance stays plain tuples in Attendance's field order, with 1 and 0 for the booleans: the engine
    unpacks them by position, and making a named tuple of each would cost as much as the opening.
    """
    meetings, attendance = [], []
    for *row, sealed in rows:
        meetings.append(row_to_facts(sealer, tuple(row)))
        sid, status = row[0], row[3]
        if status == _CLOSED and sealed is not None:
            came = open_attendance(sealer, sid, sealed)
            attendance.extend([(sid, member, present, new) for member, present, new
                               in zip(came["member_ids"], came["present"], came["newcomer"], strict=True)])
    return meetings, attendance  # type: ignore[return-value]


@dataclass(frozen=True)
class SealedFacts:
    """Several groups' meetings as read from the vault, with the sealers that open them.

    Opening touches no vault, so it may run on a thread of its own while the vault is left to its reader.
    """

    groups: tuple[tuple[GroupSealer, SealedMeetings], ...]

    def __add__(self, other: SealedFacts) -> SealedFacts:
        """Both groups' facts, read one after the other."""
        return SealedFacts(self.groups + other.groups)

    def opened(self) -> tuple[list[MeetingFacts], list[Attendance]]:
        meetings: list[MeetingFacts] = []
        attendance: list[Attendance] = []
        # Hundreds of thousands of small tuples and no cycles: the cycle collector, which would walk them again
        # and again while they are made, holding every other thread (the app's event loop among them), waits.
        with collector_paused():
            for sealer, rows in self.groups:
                more_meetings, more_attendance = open_meetings(sealer, rows)
                meetings += more_meetings
                attendance += more_attendance
        return meetings, attendance


def read_sealed(repository: Repository, sealers: Iterable[GroupSealer]) -> SealedFacts:
    """The vault read trends need, nothing opened yet."""
    return SealedFacts(tuple((sealer, sealed_meetings(repository, sealer.group_id)) for sealer in sealers))


def trend_facts(
    repository: Repository, sealers: Iterable[GroupSealer]
) -> tuple[list[MeetingFacts], list[Attendance]]:
    """The meetings and attendance of these groups, opened."""
    return read_sealed(repository, sealers).opened()
