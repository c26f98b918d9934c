"""What trends are computed from: each meeting's opened summary, and the opened attendance of closed ones."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from circle.domain.records import MeetingStatus
from circle.domain.trends.compute import Attendance, MeetingFacts, collector_paused
from circle.domain.trends.history import History, histories
from circle.store.attendance import open_attendance
from circle.store.meeting_rows import SUMMARY_COLUMNS, row_to_facts
from circle.store.repository import Repository
from circle.store.sealing import GroupSealer
from circle.store.trend_history import (
    SealedHistory,
    keep_history,
    meetings_digest,
    read_history,
    seal_history,
)

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
class GroupFacts:
    """One group as read for trends: its kept history when that was worked out from its meetings as they are now
    (store/trend_history.py), else the meetings as stored, with their digest to keep what is worked out from them."""

    sealer: GroupSealer
    meetings_digest: object
    kept: History | None
    rows: SealedMeetings

    def history(self) -> History | None:
        """None for a group that has held no meeting yet."""
        if self.kept is not None:
            return self.kept
        return histories(*open_meetings(self.sealer, self.rows)).get(self.sealer.group_id)


@dataclass(frozen=True)
class SealedFacts:
    """Several groups as read from the vault, with the sealers that open them.

    Opening touches no vault, so it may run on a thread of its own while the vault is left to its reader.
    """

    groups: tuple[GroupFacts, ...]

    def __add__(self, other: SealedFacts) -> SealedFacts:
        """Both groups' facts, read one after the other."""
        return SealedFacts(self.groups + other.groups)

    def opened(self) -> tuple[list[MeetingFacts], list[Attendance]]:
        """Every meeting and attendance entry, opened from the meetings as read (`read_sealed(..., kept=False)`
        reads every group's)."""
        assert all(group.kept is None for group in self.groups), "read with kept=False: a kept history has no rows"
        meetings: list[MeetingFacts] = []
        attendance: list[Attendance] = []
        # Hundreds of thousands of small tuples and no cycles: the cycle collector, which would walk them again
        # and again while they are made, holding every other thread (the app's event loop among them), waits.
        with collector_paused():
            for group in self.groups:
                more_meetings, more_attendance = open_meetings(group.sealer, group.rows)
                meetings += more_meetings
                attendance += more_attendance
        return meetings, attendance

    def histories(self) -> dict[str, History]:
        """Each group's history, kept or worked out; a group that has held no meeting has none."""
        made = {}
        with collector_paused():
            for group in self.groups:
                history = group.history()
                if history is not None:
                    made[group.sealer.group_id] = history
        return made

    def to_keep(self, made: dict[str, History]) -> list[SealedHistory]:
        """The histories worked out from meetings (not kept ones), sealed for next time: pure work, any thread."""
        return [
            seal_history(group.sealer, group.meetings_digest, made[group.sealer.group_id])
            for group in self.worked_out()
            if group.meetings_digest is not None and group.sealer.group_id in made
        ]

    def worked_out(self) -> list[GroupFacts]:
        """The groups whose history was worked out from their meetings, not kept: worth keeping for next time."""
        return [group for group in self.groups if group.kept is None]


def read_sealed(repository: Repository, sealers: Iterable[GroupSealer], *, kept: bool = True) -> SealedFacts:
    """The vault read trends need, nothing opened yet but a kept history. `kept=False`: the meetings always."""
    with collector_paused():  # a kept history is made of many small lists and tuples, as the opened facts are
        return SealedFacts(tuple(_read_group(repository, sealer, kept) for sealer in sealers))


def _read_group(repository: Repository, sealer: GroupSealer, kept: bool) -> GroupFacts:
    meetings, history = read_history(repository, sealer) if kept else (meetings_digest(repository, sealer), None)
    rows = [] if history is not None else sealed_meetings(repository, sealer.group_id)
    return GroupFacts(sealer, meetings, history, rows)


def trend_facts(
    repository: Repository, sealers: Iterable[GroupSealer]
) -> tuple[list[MeetingFacts], list[Attendance]]:
    """The meetings and attendance of these groups, opened."""
    return read_sealed(repository, sealers, kept=False).opened()


def keep(repository: Repository, histories: Iterable[SealedHistory]) -> None:
    """Keep each history, where its meetings are still those it was worked out from."""
    for history in histories:
        keep_history(repository, history)


def bring_history_up_to_date(repository: Repository, sealer: GroupSealer) -> None:
    """Work the group's history out from its meetings and keep it, unless the one kept is theirs already."""
    facts = read_sealed(repository, [sealer])
    keep(repository, facts.to_keep(facts.histories()))
