"""A group's signing key, as the records keep it: the key's secret half, and when it was made.

One key per group, shared by every copy of the group (a handoff carries it to a co-facilitator's laptop),
so that a lead sees one key for the group whoever exported. It is made anew when a facilitator is removed;
of two copies, the one made later is the group's key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

SEED_BYTES = 32


@dataclass(frozen=True)
class SigningKey:
    seed: bytes  # the Ed25519 private key
    made_at: datetime

    def __post_init__(self) -> None:
        if len(self.seed) != SEED_BYTES:
            raise ValueError("an Ed25519 private key is 32 bytes")

    def __repr__(self) -> str:  # never the seed, in a log or a traceback
        return f"SigningKey(made_at={self.made_at.isoformat()})"


def later(ours: SigningKey | None, theirs: SigningKey | None) -> SigningKey | None:
    """The group's key once `theirs` arrives: the one made later (ours when they are the same moment)."""
    if theirs is None or (ours is not None and theirs.made_at <= ours.made_at):
        return ours
    return theirs
