"""Who came to a meeting: one sealed value per meeting, `sessions.attendance`, written when it closes.

The value is a JSON list with one entry per rostered member, ordered by member id:
`[member_id, present, newcomer, late, left_early]`, the last four 1 or 0. Absences are entries too, so
rates mean something. A member forgotten since stays in older meetings as an id that names no one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from circle.domain.records import AttendanceRecord, Presence
from circle.store.sealing import GroupSealer

# One entry of the sealed list, by position.
MEMBER, PRESENT, NEWCOMER, LATE, LEFT_EARLY = range(5)


def attendance_entries(attendance: Iterable[AttendanceRecord]) -> list[list[Any]]:
    entries = [
        [row.member_id, int(row.presence is Presence.PRESENT), int(row.newcomer), int(row.late), int(row.left_early)]
        for row in attendance
    ]
    return sorted(entries)


def seal_attendance(sealer: GroupSealer, meeting_id: str, attendance: Iterable[AttendanceRecord]) -> bytes:
    return sealer.seal_json("sessions", "attendance", meeting_id, attendance_entries(attendance))


def open_entries(sealer: GroupSealer, meeting_id: str, sealed: bytes | None) -> list[list[Any]]:
    """The entries of one meeting; none for a meeting that holds no attendance (an open one)."""
    return [] if sealed is None else sealer.open_json("sessions", "attendance", meeting_id, sealed)


def to_records(meeting_id: str, entries: list[list[Any]]) -> list[AttendanceRecord]:
    return [
        AttendanceRecord(
            meeting_id,
            entry[MEMBER],
            Presence.PRESENT if entry[PRESENT] else Presence.ABSENT,
            bool(entry[NEWCOMER]),
            bool(entry[LATE]),
            bool(entry[LEFT_EARLY]),
        )
        for entry in entries
    ]


def present_in(entries: list[list[Any]]) -> Iterator[str]:
    return (entry[MEMBER] for entry in entries if entry[PRESENT])
