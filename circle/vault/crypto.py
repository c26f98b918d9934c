"""AES-256-GCM sealing of single fields, bound to where they live by associated data.

A sealed value is: version byte || 12-byte nonce || ciphertext || 16-byte tag.
Version 0x01 seals the value as it is. Version 0x02 seals it padded to a bucket (padding.py), and
its associated data begins with a label of its own, so a value cannot be passed off as the other
version. The associated data names the table, column, row id, group and key version, so a
ciphertext copied into another row, column or group no longer opens.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from circle.vault.errors import SealBroken
from circle.vault.padding import pad, unpad

SEAL_VERSION = 1
PADDED_SEAL_VERSION = 2
KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
_HEADER = bytes([SEAL_VERSION])
_PADDED_HEADER = bytes([PADDED_SEAL_VERSION])
_AAD_LABEL = b"circle/field/v1"
_LONGEST_PART = 0xFFFF  # its length is two bytes
_PADDED_AAD_LABEL = b"circle/field/v2"


def new_key() -> bytes:
    return os.urandom(KEY_BYTES)


def associated_data(parts: Sequence[str | int], *, label: bytes = _AAD_LABEL) -> bytes:
    """Label, then each part as UTF-8 prefixed by its length (u16, big-endian)."""
    return label + encoded_parts(parts)


def encoded_parts(parts: Sequence[str | int]) -> bytes:
    """The parts as associated data holds them, without the label: one who opens many values may encode the
    parts they share once and join the rest to them."""
    out = bytearray()
    for part in parts:
        encoded = str(part).encode("utf-8")
        if len(encoded) > _LONGEST_PART:
            raise SealBroken("a row's id")  # circle seals with no part this long: one was written outside it
        out += len(encoded).to_bytes(2, "big") + encoded
    return bytes(out)


def padded_associated_data(encoded: bytes) -> bytes:
    """The associated data of a version 0x02 value whose parts are `encoded` (by encoded_parts)."""
    return _PADDED_AAD_LABEL + encoded


def cipher(key: bytes) -> Any:
    """AES-256-GCM under `key`, made once for one who opens many values with it."""
    if len(key) != KEY_BYTES:
        raise ValueError("AES-256-GCM needs a 32-byte key")
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key)


def seal(key: bytes, plaintext: bytes, aad: bytes, *, nonce: bytes | None = None) -> bytes:
    """Encrypt and authenticate. `nonce` is for test vectors only; leave it None."""
    if len(key) != KEY_BYTES:
        raise ValueError("AES-256-GCM needs a 32-byte key")
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # loaded on first use: quicker start

    nonce = os.urandom(NONCE_BYTES) if nonce is None else nonce
    if len(nonce) != NONCE_BYTES:
        raise ValueError("AES-GCM nonce must be 12 bytes")
    return _HEADER + nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def seal_padded(key: bytes, plaintext: bytes, parts: Sequence[str | int], *, floor: int,
                nonce: bytes | None = None) -> bytes:
    """Seal `plaintext` padded to its bucket, as version 0x02, bound to `parts`."""
    aad = associated_data(parts, label=_PADDED_AAD_LABEL)
    return _PADDED_HEADER + seal(key, pad(plaintext, floor), aad, nonce=nonce)[1:]


def seal_version(sealed: object) -> int | None:
    """The version byte of a sealed value, or None when it is not one."""
    if isinstance(sealed, (bytes, bytearray, memoryview)) and len(sealed) >= 1:
        return bytes(sealed[:1])[0]
    return None


def open_padded(key: bytes, sealed: bytes, parts: Sequence[str | int], *, floor: int,
                where: str = "a sealed value") -> bytes:
    """Open a version 0x02 value and check its padding, or raise SealBroken naming `where`."""
    return open_padded_with(cipher(key), sealed, associated_data(parts, label=_PADDED_AAD_LABEL), floor=floor,
                            where=where)


def open_padded_with(aead: Any, sealed: bytes, aad: bytes, *, floor: int, where: str = "a sealed value") -> bytes:
    """open_padded with the cipher (from `cipher`) and the whole associated data given: for opening many."""
    if seal_version(sealed) != PADDED_SEAL_VERSION:
        raise SealBroken(where)
    padded = _decrypt_with(aead, bytes(sealed), aad, where)
    value = unpad(padded, floor)
    if value is None:
        raise SealBroken(where)
    return value


def open_sealed(key: bytes, sealed: bytes, aad: bytes, *, where: str = "a sealed value") -> bytes:
    """Decrypt and verify a version 0x01 value, or raise SealBroken naming `where` (never the content)."""
    if seal_version(sealed) != SEAL_VERSION:
        raise SealBroken(where)
    return _decrypt(key, bytes(sealed), aad, where)


def _decrypt(key: bytes, sealed: bytes, aad: bytes, where: str) -> bytes:
    return _decrypt_with(cipher(key), sealed, aad, where)


def _decrypt_with(aead: Any, sealed: bytes, aad: bytes, where: str) -> bytes:
    from cryptography.exceptions import InvalidTag

    if len(sealed) < 1 + NONCE_BYTES + TAG_BYTES:
        raise SealBroken(where)
    nonce = sealed[1 : 1 + NONCE_BYTES]
    try:
        return aead.decrypt(nonce, sealed[1 + NONCE_BYTES :], aad)
    except InvalidTag:
        raise SealBroken(where) from None
