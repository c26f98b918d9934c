"""Each group's key directory: the public key the group trusts for each of its facilitators.

`facilitators.public_key` is clear, so anyone who can write the file could swap it. The trusted copy lives in
`group_facilitators.public_key`, sealed under the group's key with the facilitator's id, the group and the key
version in the associated data: only someone holding the group's key can write it, and an entry copied to
another facilitator, group or key version does not open. Before anything is sealed to a facilitator, the clear
key must be the trusted one.
"""

from __future__ import annotations

import base64

from circle.domain.errors import CircleError
from circle.language import N_
from circle.store.sealing import GroupSealer

TABLE, COLUMN = "group_facilitators", "public_key"


class KeyNotTrusted(CircleError):
    message = N_(
        "A co-facilitator's key in this vault is not the one this group trusts; the file may have been changed."
        " Nothing was sealed."
    )


class NotYetVouched(CircleError):
    message = N_("Someone still to unlock since circle was updated holds this group; ask them to unlock once first.")


def seal_trusted_key(sealer: GroupSealer, facilitator_id: str, public_key: bytes) -> bytes:
    """The directory entry: the public key as base64 text, sealed like any other field of the group."""
    return sealer.seal_text(TABLE, COLUMN, facilitator_id, base64.b64encode(public_key).decode("ascii"))


def open_trusted_key(sealer: GroupSealer, facilitator_id: str, sealed: bytes) -> bytes:
    return base64.b64decode(sealer.open_text(TABLE, COLUMN, facilitator_id, sealed), validate=True)


def checked_key(clear: bytes | None, trusted: bytes | None) -> bytes:
    """The key to seal to: the trusted one, once the clear column agrees with it; never the clear one alone."""
    if trusted is None:
        raise NotYetVouched()
    if clear != trusted:
        raise KeyNotTrusted()
    return trusted
