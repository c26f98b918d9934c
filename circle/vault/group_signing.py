"""Signing with a group's key: what a lead checks a bundle's counts against (docs/FORMAT.md section 13.8).

The key itself is kept sealed with the group's records (circle.store.signing_keys) and travels to
co-facilitators in handoffs, so every copy of a group signs with the same key; it is made anew when a
facilitator is removed. A lead pins a group's public key at its first bundle and compares it at every one
after. Its fingerprint is short enough to read aloud over the phone: 30 digits in six groups of five.
"""

from __future__ import annotations

import hashlib

SIGNING_KEY_BYTES = 32
SIGNATURE_BYTES = 64
_FINGERPRINT_LABEL = b"circle/group-signing-fingerprint/v1"
FINGERPRINT_DIGITS = 30


def signer_public_key(seed: bytes) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes_raw()


def sign(seed: bytes, message: bytes) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.from_private_bytes(seed).sign(message)


def signed_by(public: bytes, signature: bytes, message: bytes) -> bool:
    """Whether `signature` is `public`'s over `message`; anything malformed is simply not."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    if len(public) != SIGNING_KEY_BYTES or len(signature) != SIGNATURE_BYTES:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def fingerprint_digits(public: bytes) -> str:
    """The key's fingerprint as 30 digits: about 100 bits of SHA-256, so no second key can be made to match."""
    number = int.from_bytes(hashlib.sha256(_FINGERPRINT_LABEL + public).digest()[:13], "big")
    return f"{number % 10**FINGERPRINT_DIGITS:0{FINGERPRINT_DIGITS}d}"


def fingerprint_text(public: bytes) -> str:
    """The fingerprint to read aloud: `12345 67890 …`, six groups of five digits."""
    digits = fingerprint_digits(public)
    return " ".join(digits[start : start + 5] for start in range(0, FINGERPRINT_DIGITS, 5))


def same_fingerprint(typed: str, public: bytes) -> bool:
    """Whether what a lead typed is this key's fingerprint, however it was spaced or dashed."""
    return typed.replace(" ", "").replace("-", "").strip() == fingerprint_digits(public)


__all__ = [
    "SIGNATURE_BYTES",
    "SIGNING_KEY_BYTES",
    "fingerprint_digits",
    "fingerprint_text",
    "same_fingerprint",
    "sign",
    "signed_by",
    "signer_public_key",
]
