"""A facilitator's own sealed record (`facilitators.handle`): their handle, what they last saw of each group, the
key of each group they hold, and their public key.

For each group they hold it keeps the key version and the manifest's generation they last saw or wrote. It is
sealed under their personal key, so nobody else can write it, and it cannot be taken away: without it nobody
unlocks. So a group whose key or rows were put back from an older copy, or whose manifest or key slot was
removed, is noticed at their next unlock (unlock_checks.py), unless this record itself was put back from the
same copy.

It also keeps each held group's key, at its key version, with a digest of the key slot it was last found in, and
their own X25519 public key: an unlock then opens their groups and checks the public key beside their row without
X25519, which opening a key slot needs (a slot is sealed to them by whoever gave them the group). A slot is opened
only when it is not the one the record names: a group given since, a key changed since, or a slot changed in
place, which then does not open and stops the unlock as before. The keys are as secret as the slots: only the
personal key opens either.

Older records hold less, and open with it missing: an older circle kept the handle alone, unpadded; one before
the keys, the handle and what was seen. circle reads and writes no other field; a reader that knows only the
older fields takes the record as it was, and writes it back without the keys.
"""

from __future__ import annotations

import hashlib
import json
from base64 import b64decode, b64encode
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from circle.store.sealing import GroupSealer
from circle.vault import crypto
from circle.vault.crypto import KEY_BYTES, associated_data
from circle.vault.errors import SealBroken

# Group id -> (key version, manifest generation) last seen.
Seen = Mapping[str, tuple[int, int]]
RECORD_FLOOR = 256  # a handle and a group fill the first bucket
SLOT_DIGEST_BYTES = 16
_WHERE = "facilitators.handle"


class HeldKey(NamedTuple):
    """A group's key at its key version, and the digest of the key slot it was last found in (slot_digest)."""

    version: int
    key: bytes
    slot: bytes


# Group id -> its key, as their own record keeps it.
HeldKeys = Mapping[str, HeldKey]


def slot_digest(wrapped_key: object) -> bytes | None:
    """Of the whole sealed slot: a slot changed anywhere, or sealed again, has another. None for a value that is
    not bytes (whatever was written into the file), which matches no record."""
    if not isinstance(wrapped_key, bytes):
        return None
    return hashlib.sha256(wrapped_key).digest()[:SLOT_DIGEST_BYTES]


@dataclass(frozen=True)
class OwnRecord:
    """A facilitator's record as opened. `keys` and `public_key` are empty in a record from before them."""

    handle: str
    seen: Seen = field(default_factory=dict)
    keys: HeldKeys = field(default_factory=dict)
    public_key: bytes | None = None


def held_keys(sealers: Iterable[GroupSealer], slots: Mapping[str, bytes]) -> dict[str, HeldKey]:
    """Each group's key with the digest of its slot (group id -> sealed slot); a group whose slot is not known
    is left out, and its slot opened at the next unlock."""
    digests = {group_id: slot_digest(slot) for group_id, slot in slots.items()}
    return {
        sealer.group_id: HeldKey(sealer.key_version, sealer.key, digest)
        for sealer in sealers
        if (digest := digests.get(sealer.group_id)) is not None
    }


def _parts(facilitator_id: str) -> list[str | int]:
    return ["facilitators", "handle", facilitator_id]


def _text(key: bytes) -> str:
    return b64encode(key).decode("ascii")


def _bytes(text: object, size: int = KEY_BYTES) -> bytes:
    """`size` bytes from their standard base64, or ValueError."""
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    value = b64decode(text.encode("ascii"), validate=True)
    if len(value) != size:
        raise ValueError("not as long as it should be")
    return value


def _held(version: object, key: object, slot: object) -> HeldKey:
    return HeldKey(int(version), _bytes(key), _bytes(slot, SLOT_DIGEST_BYTES))  # type: ignore[call-overload]


def seal_record(
    personal_key: bytes, facilitator_id: str, handle: str, seen: Seen, keys: HeldKeys, public_key: bytes
) -> bytes:
    plain = {
        "groups": {group_id: list(pair) for group_id, pair in sorted(seen.items())},
        "handle": handle,
        "keys": {
            group_id: [held.version, _text(held.key), _text(held.slot)] for group_id, held in sorted(keys.items())
        },
        "public_key": _text(public_key),
    }
    text = json.dumps(plain, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return crypto.seal_padded(personal_key, text, _parts(facilitator_id), floor=RECORD_FLOOR)


def open_record(personal_key: bytes, facilitator_id: str, sealed: bytes) -> OwnRecord:
    """The record, or SealBroken: one that opens under the personal key but is not a record (which only a
    writer of another kind could seal) is as broken as one that does not open."""
    parts = _parts(facilitator_id)
    if crypto.seal_version(sealed) == crypto.SEAL_VERSION:
        return OwnRecord(crypto.open_sealed(personal_key, sealed, associated_data(parts), where=_WHERE).decode("utf-8"))
    text = crypto.open_padded(personal_key, sealed, parts, floor=RECORD_FLOOR, where=_WHERE)
    try:
        plain = json.loads(text)
        seen = {str(group_id): (int(version), int(generation)) for group_id, (version, generation) in
                plain["groups"].items()}
        keys = {str(group_id): _held(*held) for group_id, held in plain.get("keys", {}).items()}
        public_key = _bytes(plain["public_key"]) if "public_key" in plain else None
        return OwnRecord(str(plain["handle"]), seen, keys, public_key)
    except (KeyError, TypeError, ValueError, AttributeError):
        raise SealBroken(_WHERE) from None
