"""Handoffs a forger could make: a real export, opened with its code, one field changed, sealed again.

The forger needs nothing but the code, so these are sealed the real way and open without complaint;
what circle then does with what they hold is the test.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from circle.vault.handoff import open_handoff, seal_handoff
from circle.vault.keyring import FLOOR_KDF

Payload = dict[str, Any]


def crafted(data: bytes, code: str, edit: Callable[[Payload], object]) -> bytes:
    """The bundle `data` (opened with `code`) after `edit` changed its payload in place, sealed under the same code."""
    payload = json.loads(open_handoff(data, code))
    edit(payload)
    return seal_handoff(json.dumps(payload, ensure_ascii=False).encode("utf-8"), code, kdf=FLOOR_KDF)
