"""Sealing at the store's boundary: each field bound to its table, column, row, group and key version."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from circle.vault.crypto import associated_data, open_sealed, seal


@dataclass(frozen=True)
class GroupSealer:
    """Seals and opens the fields of one group with its current data key."""

    group_id: str
    key: bytes
    key_version: int

    def _aad(self, table: str, column: str, row_id: str) -> bytes:
        return associated_data([table, column, row_id, self.group_id, self.key_version])

    def seal_text(self, table: str, column: str, row_id: str, text: str) -> bytes:
        return seal(self.key, text.encode("utf-8"), self._aad(table, column, row_id))

    def open_text(self, table: str, column: str, row_id: str, sealed: bytes) -> str:
        where = f"{table}.{column}"
        return open_sealed(self.key, sealed, self._aad(table, column, row_id), where=where).decode("utf-8")

    def seal_json(self, table: str, column: str, row_id: str, value: Any) -> bytes:
        return self.seal_text(table, column, row_id, json.dumps(value, ensure_ascii=False, sort_keys=True))

    def open_json(self, table: str, column: str, row_id: str, sealed: bytes) -> Any:
        return json.loads(self.open_text(table, column, row_id, sealed))
