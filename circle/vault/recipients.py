"""Sealing to a public key: anyone may seal to a facilitator or a lead; only they can open it.

ECIES-style, over X25519: each seal makes a one-time key pair, agrees a shared secret with the
recipient's public key, and derives from it an AES-256-GCM key for a sealed value (crypto.py). The
one-time public key travels in front of the sealed value, so the recipient can agree the same secret.
A facilitator's X25519 key is derived from their personal key, so nothing new is kept secret.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from circle.domain.errors import InvalidInput
from circle.vault import crypto
from circle.vault.errors import SealBroken

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

PUBLIC_KEY_BYTES = 32
PRIVATE_KEY_BYTES = 32
_FACILITATOR_INFO = b"circle/x25519/facilitator/v1"
_WRAP_INFO = b"circle/sealed-to/v1"
# One-time public key, then the smallest sealed value (an empty plaintext).
_MIN_SEALED_BYTES = PUBLIC_KEY_BYTES + 1 + crypto.NONCE_BYTES + crypto.TAG_BYTES


def _hkdf(ikm: bytes, info: bytes, salt: bytes | None = None) -> bytes:
    from cryptography.hazmat.primitives.hashes import SHA256  # loaded on first use: quicker start
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=SHA256(), length=crypto.KEY_BYTES, salt=salt, info=info).derive(ikm)


def new_private_key() -> bytes:
    return os.urandom(PRIVATE_KEY_BYTES)


def facilitator_private_key(personal_key: bytes) -> bytes:
    """The facilitator's X25519 private key, derived from the personal key their passphrase unwraps."""
    return _hkdf(personal_key, _FACILITATOR_INFO)


def public_key(private_key: bytes) -> bytes:
    return _x25519(private_key).public_key().public_bytes_raw()


def _x25519(private_key: bytes) -> X25519PrivateKey:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    if len(private_key) != PRIVATE_KEY_BYTES:
        raise InvalidInput("An X25519 private key is 32 bytes long.")
    return X25519PrivateKey.from_private_bytes(private_key)


def _wrap_key(ours: X25519PrivateKey, their_public: bytes, ephemeral_public: bytes, recipient_public: bytes) -> bytes:
    """ECDH, then HKDF salted with both public keys, so the key belongs to this one pair.

    Raises ValueError when the shared secret is all zeros (a low-order public key).
    """
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

    shared = ours.exchange(X25519PublicKey.from_public_bytes(their_public))
    return _hkdf(shared, _WRAP_INFO, salt=ephemeral_public + recipient_public)


def seal_to(
    recipient_public_key: bytes,
    plaintext: bytes,
    aad: bytes,
    *,
    ephemeral_private_key: bytes | None = None,
    nonce: bytes | None = None,
) -> bytes:
    """One-time public key || sealed value. `ephemeral_private_key` and `nonce` are for test vectors only."""
    if not isinstance(recipient_public_key, bytes) or len(recipient_public_key) != PUBLIC_KEY_BYTES:
        raise InvalidInput("A public key to seal to is 32 bytes long.")
    ephemeral = _x25519(new_private_key() if ephemeral_private_key is None else ephemeral_private_key)
    ephemeral_public = ephemeral.public_key().public_bytes_raw()
    try:
        wrap_key = _wrap_key(ephemeral, recipient_public_key, ephemeral_public, recipient_public_key)
    except ValueError:
        raise InvalidInput("That public key cannot be sealed to; it is not a usable X25519 key.") from None
    return ephemeral_public + crypto.seal(wrap_key, plaintext, aad, nonce=nonce)


def open_with(private_key: bytes, sealed: bytes, aad: bytes, *, where: str = "a sealed value") -> bytes:
    """Open a value sealed to our public key, or raise SealBroken naming `where` (never the content)."""
    return opener(private_key)(sealed, aad, where)


def opener(private_key: bytes) -> Callable[[bytes, bytes, str], bytes]:
    """`open_with` this key, for many values: its X25519 forms are made once (an unlock opens a key slot for each
    group held)."""
    try:
        ours: X25519PrivateKey | None = _x25519(private_key)
        recipient_public = ours.public_key().public_bytes_raw()
    except (ValueError, InvalidInput):
        ours, recipient_public = None, b""  # no key: nothing opens

    def open_one(sealed: bytes, aad: bytes, where: str) -> bytes:
        if not isinstance(sealed, (bytes, bytearray, memoryview)) or len(sealed) < _MIN_SEALED_BYTES or ours is None:
            raise SealBroken(where)
        sealed = bytes(sealed)
        ephemeral_public, value = sealed[:PUBLIC_KEY_BYTES], sealed[PUBLIC_KEY_BYTES:]
        try:
            wrap_key = _wrap_key(ours, ephemeral_public, ephemeral_public, recipient_public)
        except ValueError:
            raise SealBroken(where) from None
        return crypto.open_sealed(wrap_key, value, aad, where=where)

    return open_one


__all__ = [
    "PRIVATE_KEY_BYTES",
    "PUBLIC_KEY_BYTES",
    "facilitator_private_key",
    "new_private_key",
    "open_with",
    "opener",
    "public_key",
    "seal_to",
]
