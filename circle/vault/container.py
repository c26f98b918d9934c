"""What circle's three sealed files (handoff, lead key, lead bundle) share around their own layout.

Each starts with a magic and a version byte and ends with a SHA-256 digest of everything before it. The
digest needs no key: it tells a truncated or bit-flipped file apart from a wrong code or key, and a forger
can recompute it, so it proves nothing. A JSON header, where there is one, has exactly one spelling.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from circle.domain.json_fields import integer
from circle.vault.keyring import KdfParams

DIGEST_BYTES = 32


def with_digest(body: bytes) -> bytes:
    return body + hashlib.sha256(body).digest()


def digest_matches(data: bytes) -> bool:
    """Whether the last DIGEST_BYTES of `data` are the digest of the rest."""
    return len(data) >= DIGEST_BYTES and hmac.compare_digest(
        hashlib.sha256(data[:-DIGEST_BYTES]).digest(), data[-DIGEST_BYTES:]
    )


def check_version(
    data: bytes,
    magic: bytes,
    version: int,
    *,
    foreign: type[Exception],
    damaged: type[Exception],
    too_new: type[Exception],
) -> None:
    """The magic, then the version byte: read before the rest, as a newer version may lay it out differently."""
    if data[: len(magic)] != magic:
        raise foreign()
    if len(data) <= len(magic):
        raise damaged()
    found = data[len(magic)]
    if found > version:
        raise too_new()
    if found != version:
        raise damaged()


def header_bytes(value: dict[str, Any]) -> bytes:
    """The one exact spelling of a header: sorted keys, no spaces."""
    return json.dumps(value, sort_keys=True, separators=(",", ":")).encode("ascii")


def kdf_to_json(kdf: KdfParams) -> dict[str, int]:
    return {"iterations": kdf.iterations, "lanes": kdf.lanes, "memory_kib": kdf.memory_kib}


def kdf_from_json(value: Any) -> KdfParams:
    """The parameters as written; KeyError, TypeError or ValueError (FieldError) for anything else.

    Whether they are safe to run is KdfParams.check's to say, before any derivation.
    """
    numbers = {key: integer(value[key], low=None) for key in ("memory_kib", "iterations", "lanes")}
    return KdfParams(**numbers)
