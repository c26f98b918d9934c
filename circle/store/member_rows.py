"""A member's row in `members`: clear id and group, sealed name, and the dates sealed in `details`.

`details` is the JSON object {"created_at": ISO moment, "joined_on": ISO day or null, "retired": true or absent}.
"retired" (no longer coming) is absent in rows written before it existed, and means false. The clear `created_at`
(NOT NULL since the first schema) holds '' and the clear `joined_on` NULL, so neither says when anyone came.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from circle.domain.clock import stored_moment
from circle.store.sealing import GroupSealer

# The clear value of members.created_at in format 3: the column cannot be NULL, and '' is no date.
NO_CLEAR_DATE = ""


@dataclass(frozen=True)
class MemberDates:
    created_at: datetime
    joined_on: date | None
    retired: bool = False


def member_row(
    sealer: GroupSealer,
    member_id: str,
    name: str | None,
    created_at: datetime,
    joined_on: date | None,
    *,
    retired: bool = False,
) -> dict[str, object]:
    return {
        "id": member_id,
        "group_id": sealer.group_id,
        "created_at": NO_CLEAR_DATE,
        "joined_on": None,
        "name": sealer.seal_text("members", "name", member_id, name) if name is not None else None,
        "details": sealed_details(sealer, member_id, MemberDates(created_at, joined_on, retired)),
    }


def sealed_details(sealer: GroupSealer, member_id: str, dates: MemberDates) -> bytes:
    details: dict[str, object] = {
        "created_at": dates.created_at.isoformat(),
        "joined_on": dates.joined_on.isoformat() if dates.joined_on else None,
    }
    if dates.retired:
        details["retired"] = True
    return sealer.seal_json("members", "details", member_id, details)


def open_dates(sealer: GroupSealer, member_id: str, sealed: bytes) -> MemberDates:
    details = sealer.open_json("members", "details", member_id, sealed)
    joined = details.get("joined_on")
    return MemberDates(
        stored_moment(details["created_at"]),
        date.fromisoformat(joined) if joined else None,
        details.get("retired") is True,
    )
