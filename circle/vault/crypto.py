"""AES-256-GCM sealing of single fields, bound to where they live by associated data.

A sealed value is: version byte 0x01 || 12-byte nonce || ciphertext || 16-byte tag.
The associated data names the table, column, row id, group and key version, so a
ciphertext copied into another row, column or group no longer opens.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from circle.vault.errors import SealBroken

SEAL_VERSION = 1
KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
_HEADER = bytes([SEAL_VERSION])
_AAD_LABEL = b"circle/field/v1"


def new_key() -> bytes:
    return os.urandom(KEY_BYTES)


def associated_data(parts: Sequence[str | int]) -> bytes:
    """Label, then each part as UTF-8 prefixed by its length (u16, big-endian)."""
    out = bytearray(_AAD_LABEL)
    for part in parts:
        encoded = str(part).encode("utf-8")
        out += len(encoded).to_bytes(2, "big") + encoded
    return bytes(out)


def seal(key: bytes, plaintext: bytes, aad: bytes, *, nonce: bytes | None = None) -> bytes:
    """Encrypt and authenticate. `nonce` is for test vectors only; leave it None."""
    if len(key) != KEY_BYTES:
        raise ValueError("AES-256-GCM needs a 32-byte key")
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # loaded on first use: quicker start

    nonce = os.urandom(NONCE_BYTES) if nonce is None else nonce
    if len(nonce) != NONCE_BYTES:
        raise ValueError("AES-GCM nonce must be 12 bytes")
    return _HEADER + nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def open_sealed(key: bytes, sealed: bytes, aad: bytes, *, where: str = "a sealed value") -> bytes:
    """Decrypt and verify, or raise SealBroken naming `where` (never the content)."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not isinstance(sealed, (bytes, bytearray, memoryview)):
        raise SealBroken(where)
    sealed = bytes(sealed)
    if len(sealed) < 1 + NONCE_BYTES + TAG_BYTES or sealed[:1] != _HEADER:
        raise SealBroken(where)
    nonce = sealed[1 : 1 + NONCE_BYTES]
    try:
        return AESGCM(key).decrypt(nonce, sealed[1 + NONCE_BYTES :], aad)
    except InvalidTag:
        raise SealBroken(where) from None
