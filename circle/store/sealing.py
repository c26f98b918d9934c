"""Sealing at the store's boundary: each field bound to its table, column, row, group and key version.

Every value is padded to a bucket (vault/padding.py). A column's first bucket is big enough for its
ordinary values, so that a name, a note or a step of the meeting says nothing by its length: all safety
actions, all follow-ups and all names of an ordinary length look alike.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from circle.vault.crypto import (
    PADDED_SEAL_VERSION,
    SEAL_VERSION,
    associated_data,
    cipher,
    encoded_parts,
    open_padded_with,
    open_sealed,
    padded_associated_data,
    seal_padded,
    seal_version,
)
from circle.vault.errors import SealBroken

DEFAULT_BUCKET_FLOOR = 64  # names, handles and other short text: up to 63 bytes look alike
BUCKET_FLOORS = {
    ("notes", "body"): 512,  # a note's kind, dates, person, action and longest brief text (280 ASCII)
    ("session_events", "data"): 256,  # every step of a meeting, names aside
    ("sessions", "summary"): 256,  # a meeting's counts, times and pulse
    ("sessions", "attendance"): 512,  # who came: its bucket says roughly how long the roster is, no more
    ("members", "details"): 128,  # when someone was added and joined
    ("groups", "manifest"): 1024,  # a count and a digest of each part of the group
    ("groups", "signing"): 128,  # the group's signing key and when it was made
    ("groups", "discarded"): 128,  # the ids of its discarded meetings: roughly how many, no more
    ("trend_history", "history"): 4096,  # a group's meetings and who came, as trends count them
    # A group's counts for each of its weeks, months or quarters: how many periods it spans, roughly, no more.
    ("trend_history", "week"): 1024,
    ("trend_history", "month"): 1024,
    ("trend_history", "quarter"): 1024,
}


def bucket_floor(table: str, column: str) -> int:
    return BUCKET_FLOORS.get((table, column), DEFAULT_BUCKET_FLOOR)


@dataclass(frozen=True)
class GroupSealer:
    """Seals and opens the fields of one group with its current data key.

    `unpadded_too` opens values written before padding as well: true only for a group still in
    format 1, until a facilitator who holds it unlocks and its values are sealed again.
    """

    group_id: str
    key: bytes
    key_version: int
    unpadded_too: bool = False

    def _parts(self, table: str, column: str, row_id: str) -> list[str | int]:
        return [table, column, row_id, self.group_id, self.key_version]

    def seal_bytes(self, table: str, column: str, row_id: str, value: bytes) -> bytes:
        return seal_padded(self.key, value, self._parts(table, column, row_id), floor=bucket_floor(table, column))

    def open_bytes(self, table: str, column: str, row_id: str, sealed: bytes) -> bytes:
        where = f"{table}.{column}"
        version = seal_version(sealed)
        if version == SEAL_VERSION and self.unpadded_too:
            return open_sealed(self.key, sealed, associated_data(self._parts(table, column, row_id)), where=where)
        if version != PADDED_SEAL_VERSION:
            raise SealBroken(where)
        # The same associated data as `_parts` makes, from parts encoded once: trends open tens of thousands.
        aad = padded_associated_data(self._encoded_place(table, column) + encoded_parts((row_id,)) + self._encoded_group)
        return open_padded_with(self._cipher, sealed, aad, floor=bucket_floor(table, column), where=where)

    # Made once per sealer: a vault of years opens many values with one group's key.
    @cached_property
    def _cipher(self) -> Any:
        return cipher(self.key)

    @cached_property
    def _encoded_group(self) -> bytes:
        return encoded_parts((self.group_id, self.key_version))

    @cached_property
    def _encoded_places(self) -> dict[tuple[str, str], bytes]:
        return {}

    def _encoded_place(self, table: str, column: str) -> bytes:
        found = self._encoded_places.get((table, column))
        if found is None:
            found = self._encoded_places[table, column] = encoded_parts((table, column))
        return found

    def seal_text(self, table: str, column: str, row_id: str, text: str) -> bytes:
        return self.seal_bytes(table, column, row_id, text.encode("utf-8"))

    def open_text(self, table: str, column: str, row_id: str, sealed: bytes) -> str:
        return self.open_bytes(table, column, row_id, sealed).decode("utf-8")

    def seal_json(self, table: str, column: str, row_id: str, value: Any) -> bytes:
        return self.seal_text(table, column, row_id, json.dumps(value, ensure_ascii=False, sort_keys=True))

    def open_json(self, table: str, column: str, row_id: str, sealed: bytes) -> Any:
        return json.loads(self.open_text(table, column, row_id, sealed))
