"""Each group's signing key in `groups.signing`, sealed under the group's key (docs/FORMAT.md 13.8).

NULL until the group first needs one: its first lead export, fingerprint or handoff makes it.
"""

from __future__ import annotations

import base64
import os
from datetime import datetime

from circle.domain.clock import stored_moment
from circle.domain.signing import SEED_BYTES, SigningKey
from circle.store.sealing import GroupSealer


def new_signing_key(now: datetime) -> SigningKey:
    return SigningKey(os.urandom(SEED_BYTES), now)


def seal_signing_key(sealer: GroupSealer, key: SigningKey) -> bytes:
    value = {"seed": base64.b64encode(key.seed).decode("ascii"), "made_at": key.made_at.isoformat()}
    return sealer.seal_json("groups", "signing", sealer.group_id, value)


def open_signing_key(sealer: GroupSealer, sealed: bytes) -> SigningKey:
    value = sealer.open_json("groups", "signing", sealer.group_id, sealed)
    return SigningKey(base64.b64decode(value["seed"]), stored_moment(value["made_at"]))
