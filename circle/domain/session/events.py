"""One thing that happened in a session, and its plain-JSON form for the store.

An event records what happened and when, never what was said: its data holds only opaque ids,
kinds, numbers, flags and dates, as the schema (schema.py) lists them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from circle.domain.errors import InvalidInput
from circle.domain.session.frozen_map import FrozenMap
from circle.domain.session.schema import EventKind


def as_utc(moment: datetime) -> datetime:
    """`moment` in UTC; a naive time is refused, since its zone would be a guess."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("Session times must be timezone-aware.")
    return moment.astimezone(UTC)


@dataclass(frozen=True)
class Event:
    """One thing that happened in a session. `seq` is its place in the log, from 0."""

    id: str
    seq: int
    kind: EventKind
    at: datetime
    data: Mapping[str, Any] = field(default_factory=FrozenMap)

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", EventKind(self.kind))
        object.__setattr__(self, "at", as_utc(self.at))
        if not isinstance(self.data, FrozenMap):
            object.__setattr__(self, "data", FrozenMap(self.data))

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values: `at` as an ISO string, lists as lists."""
        return {
            "id": self.id,
            "seq": self.seq,
            "kind": str(self.kind),
            "at": self.at.isoformat(),
            "data": {key: list(v) if isinstance(v, tuple) else v for key, v in self.data.items()},
        }

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Event:
        try:
            seq = raw["seq"]
            if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0 or not isinstance(raw["id"], str):
                raise ValueError("bad id or seq")
            return cls(
                id=raw["id"],
                seq=seq,
                kind=EventKind(raw["kind"]),
                at=datetime.fromisoformat(raw["at"]),
                data=FrozenMap(raw.get("data") or {}),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise InvalidInput("A session event could not be read.") from error

