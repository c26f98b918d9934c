"""The lead bundle container: bytes sealed to one group lead's public key.

Layout (docs/FORMAT.md section 13.3):

    magic "CIRCLE-LEAD-BUNDLE" | version 0x01 | recipient (16) | sealed_len u32 | sealed | digest (32)

`recipient` is the fingerprint of the lead's public key (lead_key.py), so a shared folder can hold
bundles for several leads and each lead's import can tell theirs apart without trying to open the
others. `sealed` is sealed to that key (recipients.py) with the magic, version and recipient as
associated data, so none of them can change without the bundle failing to open. The digest needs no
key: it tells a truncated or bit-flipped file apart from a bundle for another lead. A forger can
recompute it, so it proves nothing; the sealed value does.

This module seals and opens bytes only; what the payload holds is decided in circle.domain.trends.lead_bundle.
"""

from __future__ import annotations

import hmac
import struct

from circle.vault.errors import (
    LeadBundleDamaged,
    LeadBundleForAnotherLead,
    LeadBundleTooNew,
    NotALeadBundle,
    SealBroken,
)
from circle.vault.container import DIGEST_BYTES, check_version, digest_matches, with_digest
from circle.vault.lead_key import FINGERPRINT_BYTES, fingerprint
from circle.vault.recipients import open_with, public_key, seal_to

MAGIC = b"CIRCLE-LEAD-BUNDLE"
VERSION = 1
BUNDLE_SUFFIX = ".circlelead"  # how a bundle file is named: a lead's import takes these from a folder
_RECIPIENT_AT = len(MAGIC) + 1
_SEALED_LEN = struct.Struct(">I")
_SEALED_AT = _RECIPIENT_AT + FINGERPRINT_BYTES + _SEALED_LEN.size
_SMALLEST = _SEALED_AT + DIGEST_BYTES


def seal_lead_bundle(
    payload: bytes,
    recipient_public_key: bytes,
    *,
    ephemeral_private_key: bytes | None = None,
    nonce: bytes | None = None,
) -> bytes:
    """The bundle file's bytes. `ephemeral_private_key` and `nonce` are for test vectors only."""
    front = MAGIC + bytes([VERSION]) + fingerprint(recipient_public_key)
    sealed = seal_to(recipient_public_key, payload, front, ephemeral_private_key=ephemeral_private_key, nonce=nonce)
    body = front + _SEALED_LEN.pack(len(sealed)) + sealed
    return with_digest(body)


def _whole(data: bytes) -> None:
    if len(data) < _SMALLEST:
        raise LeadBundleDamaged()
    (sealed_len,) = _SEALED_LEN.unpack_from(data, _RECIPIENT_AT + FINGERPRINT_BYTES)
    if _SEALED_AT + sealed_len + DIGEST_BYTES != len(data):
        raise LeadBundleDamaged()
    if not digest_matches(data):
        raise LeadBundleDamaged()


def open_lead_bundle(data: bytes, private_key: bytes) -> bytes:
    """The payload, or one of the lead bundle errors, checked in the order docs/FORMAT.md gives."""
    data = bytes(data)
    check_version(data, MAGIC, VERSION, foreign=NotALeadBundle, damaged=LeadBundleDamaged, too_new=LeadBundleTooNew)
    _whole(data)
    recipient = data[_RECIPIENT_AT : _RECIPIENT_AT + FINGERPRINT_BYTES]
    if not hmac.compare_digest(recipient, fingerprint(public_key(private_key))):
        raise LeadBundleForAnotherLead()
    try:
        return open_with(private_key, data[_SEALED_AT:-DIGEST_BYTES], data[:_RECIPIENT_AT + FINGERPRINT_BYTES],
                         where="the lead bundle")
    except SealBroken:
        raise LeadBundleDamaged() from None


__all__ = ["BUNDLE_SUFFIX", "MAGIC", "VERSION", "open_lead_bundle", "seal_lead_bundle"]
