"""A facilitator's own sealed record (`facilitators.handle`): their handle, and what they last saw of each group.

For each group they hold it keeps the key version and the manifest's generation they last saw or wrote. It is
sealed under their personal key, so nobody else can write it, and it cannot be taken away: without it nobody
unlocks. So a group whose key or rows were put back from an older copy, or whose manifest or key slot was
removed, is noticed at their next unlock (unlock_checks.py), unless this record itself was put back from the
same copy. An older circle kept the handle alone, unpadded: that opens with nothing seen yet.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from circle.vault import crypto
from circle.vault.crypto import associated_data

# Group id -> (key version, manifest generation) last seen.
Seen = Mapping[str, tuple[int, int]]
RECORD_FLOOR = 256  # a handle and a few groups fill the first bucket


def _parts(facilitator_id: str) -> list[str | int]:
    return ["facilitators", "handle", facilitator_id]


def seal_record(personal_key: bytes, facilitator_id: str, handle: str, seen: Seen) -> bytes:
    plain = {"handle": handle, "groups": {group_id: list(pair) for group_id, pair in sorted(seen.items())}}
    text = json.dumps(plain, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return crypto.seal_padded(personal_key, text, _parts(facilitator_id), floor=RECORD_FLOOR)


def open_record(personal_key: bytes, facilitator_id: str, sealed: bytes) -> tuple[str, dict[str, tuple[int, int]]]:
    """The handle and what was seen, or SealBroken; an older circle's handle alone, with nothing seen."""
    where, parts = "facilitators.handle", _parts(facilitator_id)
    if crypto.seal_version(sealed) == crypto.SEAL_VERSION:
        return crypto.open_sealed(personal_key, sealed, associated_data(parts), where=where).decode("utf-8"), {}
    plain = json.loads(crypto.open_padded(personal_key, sealed, parts, floor=RECORD_FLOOR, where=where))
    seen = {str(group_id): (int(version), int(generation)) for group_id, (version, generation) in plain["groups"].items()}
    return str(plain["handle"]), seen
