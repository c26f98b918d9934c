"""Passphrases to keys: Argon2id key-encryption keys and the key slots they open.

Each facilitator has a random personal key, wrapped under Argon2id(passphrase), and an
X25519 key pair derived from it. Each group has a random data key, sealed in a key slot to
the public key of every facilitator who may open it: so any facilitator of a group can give
it to a new co-facilitator, or to everyone who remains after a removal, without knowing their
passphrases. A wrong passphrase fails to unwrap; no hash of a passphrase is stored. Changing
a passphrase re-wraps one personal key only.

Vaults from before public keys wrapped slots under the personal key itself
(`unwrap_group_key`); such slots are sealed again the newer way at their holder's next unlock.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from circle.domain.errors import InvalidInput
from circle.vault.crypto import KEY_BYTES, associated_data, new_key, open_sealed, seal
from circle.vault.errors import SealBroken, UnsafeKdfParameters, WrongPassphrase

SALT_BYTES = 16
# OWASP's floor for Argon2id, and a cap near what circle itself writes (128 MiB, 3 passes, 4 lanes): a file made
# by someone else, a handoff or a row of decoy facilitators, can cost at most a few ordinary unlocks, not minutes
# and gigabytes.
MIN_MEMORY_KIB = 19 * 1024
MAX_MEMORY_KIB = 256 * 1024
MIN_ITERATIONS = 2
MAX_ITERATIONS = 6
MAX_LANES = 8


@dataclass(frozen=True)
class KdfParams:
    memory_kib: int = 128 * 1024
    iterations: int = 3
    lanes: int = 4

    def check(self) -> None:
        """Refuse unsafe or absurd parameters before any work is done."""
        if not _whole_between(self.memory_kib, MIN_MEMORY_KIB, MAX_MEMORY_KIB):
            raise UnsafeKdfParameters(
                f"Key derivation memory must be {MIN_MEMORY_KIB} to {MAX_MEMORY_KIB} KiB."
            )
        if not _whole_between(self.iterations, MIN_ITERATIONS, MAX_ITERATIONS):
            raise UnsafeKdfParameters(
                f"Key derivation passes must be {MIN_ITERATIONS} to {MAX_ITERATIONS}."
            )
        if not _whole_between(self.lanes, 1, MAX_LANES):
            raise UnsafeKdfParameters(f"Key derivation lanes must be 1 to {MAX_LANES}.")


def _whole_between(value: object, lowest: int, highest: int) -> bool:
    """Read from a file anyone may have written: a float, text or bytes is as likely as a number."""
    return type(value) is int and lowest <= value <= highest


# The cheapest parameters the vault accepts; tests use them to stay quick.
FLOOR_KDF = KdfParams(memory_kib=MIN_MEMORY_KIB, iterations=MIN_ITERATIONS, lanes=1)


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def derive_kek(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    params.check()
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id  # loaded on first use: quicker start

    if type(salt) is not bytes or len(salt) != SALT_BYTES:
        raise UnsafeKdfParameters("The key derivation salt has the wrong length.")
    kdf = Argon2id(
        salt=salt,
        length=KEY_BYTES,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    try:
        secret = passphrase.encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate: what Python makes of bytes that are not UTF-8 (in an environment variable, say).
        raise InvalidInput("That passphrase holds something that is not text; type it again.") from None
    return kdf.derive(secret)


def _personal_aad(facilitator_id: str) -> bytes:
    return associated_data(["facilitators", "wrapped_key", facilitator_id])


def wrap_personal_key(kek: bytes, personal_key: bytes, facilitator_id: str) -> bytes:
    return seal(kek, personal_key, _personal_aad(facilitator_id))


def unwrap_personal_key(kek: bytes, wrapped: bytes, facilitator_id: str) -> bytes:
    try:
        return open_sealed(kek, wrapped, _personal_aad(facilitator_id))
    except SealBroken:
        raise WrongPassphrase() from None


def _slot_aad(facilitator_id: str, group_id: str, key_version: int) -> bytes:
    return associated_data(["key_slots", "wrapped_key", facilitator_id, group_id, key_version])


def wrap_group_key(
    personal_key: bytes, group_key: bytes, facilitator_id: str, group_id: str, key_version: int
) -> bytes:
    return seal(personal_key, group_key, _slot_aad(facilitator_id, group_id, key_version))


def unwrap_group_key(
    personal_key: bytes, wrapped: bytes, facilitator_id: str, group_id: str, key_version: int
) -> bytes:
    return open_sealed(
        personal_key, wrapped, _slot_aad(facilitator_id, group_id, key_version), where="a key slot"
    )


def seal_group_key(
    public_key: bytes, group_key: bytes, facilitator_id: str, group_id: str, key_version: int
) -> bytes:
    """A key slot: the group's data key sealed to one facilitator's public key."""
    from circle.vault.recipients import seal_to

    return seal_to(public_key, group_key, _slot_aad(facilitator_id, group_id, key_version))


def open_group_key(
    personal_key: bytes, sealed: bytes, facilitator_id: str, group_id: str, key_version: int
) -> bytes:
    return group_key_opener(personal_key)(sealed, facilitator_id, group_id, key_version)


def group_key_opener(personal_key: bytes) -> Callable[[bytes, str, str, int], bytes]:
    """`open_group_key` for each of a facilitator's key slots, their X25519 key made once: an unlock opens a slot
    for each group they hold."""
    from circle.vault.recipients import facilitator_private_key, opener

    open_sealed = opener(facilitator_private_key(personal_key))

    def open_slot(sealed: bytes, facilitator_id: str, group_id: str, key_version: int) -> bytes:
        return open_sealed(sealed, _slot_aad(facilitator_id, group_id, key_version), "a key slot")

    return open_slot


def facilitator_public_key(personal_key: bytes) -> bytes:
    from circle.vault.recipients import facilitator_private_key, public_key

    return public_key(facilitator_private_key(personal_key))


__all__ = [
    "FLOOR_KDF",
    "KdfParams",
    "derive_kek",
    "facilitator_public_key",
    "group_key_opener",
    "open_group_key",
    "seal_group_key",
    "new_key",
    "new_salt",
    "unwrap_group_key",
    "unwrap_personal_key",
    "wrap_group_key",
    "wrap_personal_key",
]
