"""Who came to a meeting: one sealed value per meeting, `sessions.attendance`, written when it closes.

The value is a JSON object of five arrays of the same length, one item per rostered member, ordered by member
id: `member_ids`, and `present`, `newcomer`, `late` and `left_early`, each 1 or 0. Absences are items too, so
rates mean something. Arrays side by side rather than one array per member: opening a vault's years of
meetings makes one list per meeting, not one per person per meeting, which is what keeps trends quick. A member
forgotten since stays in older meetings as an id that names no one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from circle.domain.records import AttendanceRecord, Presence
from circle.store.sealing import GroupSealer
from circle.vault.errors import SealBroken

FLAGS = ("present", "newcomer", "late", "left_early")
NOBODY: dict[str, list[Any]] = {"member_ids": [], **{flag: [] for flag in FLAGS}}


def attendance_value(attendance: Iterable[AttendanceRecord]) -> dict[str, list[Any]]:
    rows = sorted(attendance, key=lambda row: row.member_id)
    return {
        "member_ids": [row.member_id for row in rows],
        "present": [int(row.presence is Presence.PRESENT) for row in rows],
        "newcomer": [int(row.newcomer) for row in rows],
        "late": [int(row.late) for row in rows],
        "left_early": [int(row.left_early) for row in rows],
    }


def seal_attendance(sealer: GroupSealer, meeting_id: str, attendance: Iterable[AttendanceRecord]) -> bytes:
    return sealer.seal_json("sessions", "attendance", meeting_id, attendance_value(attendance))


def open_attendance(sealer: GroupSealer, meeting_id: str, sealed: bytes | None) -> dict[str, list[Any]]:
    """One meeting's attendance; nobody for a meeting that holds none (an open one)."""
    if sealed is None:
        return NOBODY
    value = sealer.open_json("sessions", "attendance", meeting_id, sealed)
    if len({len(value["member_ids"]), *(len(value[flag]) for flag in FLAGS)}) != 1:
        raise SealBroken("sessions.attendance")  # written by no circle: as damaged as a tag that fails
    return value


def to_records(meeting_id: str, value: dict[str, list[Any]]) -> list[AttendanceRecord]:
    return [
        AttendanceRecord(
            meeting_id, member_id, Presence.PRESENT if present else Presence.ABSENT, bool(new), bool(late), bool(left)
        )
        for member_id, present, new, late, left in zip(value["member_ids"], *(value[flag] for flag in FLAGS),
                                                        strict=True)
    ]


def present_in(value: dict[str, list[Any]]) -> Iterator[str]:
    return (member_id for member_id, present in zip(value["member_ids"], value["present"], strict=True) if present)
