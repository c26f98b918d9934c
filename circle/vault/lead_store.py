"""The lead's store container: what they imported, sealed under a key derived from their private key.

Layout (docs/FORMAT.md section 13.5):

    magic "CIRCLE-LEAD-STORE" | version 0x01 | sealed

`sealed` is a sealed value (crypto.py) under the store key, with the magic, the version and the lead's
public key as associated data: a store copied beside another lead's key does not open. Nothing new is
kept secret: the store key is derived from the private key the lead's passphrase opens.
"""

from __future__ import annotations

from circle.vault import crypto
from circle.vault.errors import LeadStoreDamaged, LeadStoreTooNew, SealBroken
from circle.vault.recipients import public_key

MAGIC = b"CIRCLE-LEAD-STORE"
VERSION = 1
_STORE_INFO = b"circle/lead/store/v1"


def store_key(private_key: bytes) -> bytes:
    from cryptography.hazmat.primitives.hashes import SHA256  # loaded on first use: quicker start
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=SHA256(), length=crypto.KEY_BYTES, salt=None, info=_STORE_INFO).derive(private_key)


def _front(private_key: bytes) -> tuple[bytes, bytes]:
    """(the bytes in front of the sealed value, its associated data)."""
    front = MAGIC + bytes([VERSION])
    return front, front + public_key(private_key)


def seal_store(contents: bytes, private_key: bytes, *, nonce: bytes | None = None) -> bytes:
    """The store file's bytes. `nonce` is for test vectors only."""
    front, aad = _front(private_key)
    return front + crypto.seal(store_key(private_key), contents, aad, nonce=nonce)


def open_store(data: bytes, private_key: bytes) -> bytes:
    data = bytes(data)
    front, aad = _front(private_key)
    if data[: len(MAGIC)] != MAGIC or len(data) <= len(MAGIC):
        raise LeadStoreDamaged()
    if data[len(MAGIC)] > VERSION:
        raise LeadStoreTooNew()
    if data[: len(front)] != front:
        raise LeadStoreDamaged()
    try:
        return crypto.open_sealed(store_key(private_key), data[len(front) :], aad, where="the lead store")
    except SealBroken:
        raise LeadStoreDamaged() from None


__all__ = ["MAGIC", "VERSION", "open_store", "seal_store", "store_key"]
