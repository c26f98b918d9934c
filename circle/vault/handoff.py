"""The handoff bundle container: bytes sealed under a one-time code that is read aloud.

A facilitator hands a group to a co-facilitator's laptop through whatever folder or mail they
already use. circle prints a one-time code; the sender reads it out and the receiver types it.
Argon2id stretches the code's 80 bits into a payload key and a check key. This module seals and
opens bytes only; what the payload holds is decided elsewhere.

The file carries two verifiers, so each refusal can say what went wrong:

- a SHA-256 **digest** of everything before it. It needs no code, so a truncated, padded or
  bit-flipped file is reported as damaged ("send it again") rather than as a wrong code, and it is
  checked before the costly key derivation.
- a 16-byte HMAC **check** value over everything in front of it, keyed by the code. It tells a
  mistyped code apart from a tampered payload, so the person is asked to check the code rather than
  told the file is broken. It gives an attacker nothing: anyone guessing codes could already test
  each guess against the sealed payload, at the same Argon2id cost per guess.

A forger can recompute the digest, so it proves nothing; the AEAD over the payload does, and its
associated data covers every byte in front of the payload.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import struct
from dataclasses import dataclass

from circle.domain.json_fields import load_json
from circle.vault import container, crypto
from circle.vault.container import DIGEST_BYTES
from circle.vault.errors import (
    HandoffCodeMalformed,
    HandoffDamaged,
    HandoffTooNew,
    NotAHandoff,
    SealBroken,
    UnsafeKdfParameters,
    WrongHandoffCode,
)
from circle.vault.keyring import SALT_BYTES, KdfParams, derive_kek, new_salt

MAGIC = b"CIRCLE-HANDOFF"
VERSION = 1
HANDOFF_KDF = KdfParams(memory_kib=64 * 1024, iterations=3, lanes=4)

CODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"  # RFC 4648 base32
CODE_BYTES = 10  # 80 bits: 16 base32 characters, no padding
CODE_LENGTH = 16
CODE_GROUP = 4
_SEPARATORS = str.maketrans("", "", " \t\r\n-_.")
_LOOK_ALIKES = str.maketrans("018", "OIB")  # neither 0, 1 nor 8 is in the alphabet

CHECK_BYTES = 16
_PAYLOAD_INFO = b"circle/handoff/v1/payload"
_CHECK_INFO = b"circle/handoff/v1/check"
_LEAD = struct.Struct(">BH")  # version, header_len: right after the magic
_SEALED_LEN = struct.Struct(">I")
_SMALLEST = len(MAGIC) + _LEAD.size + CHECK_BYTES + _SEALED_LEN.size + DIGEST_BYTES


def new_code() -> str:
    """A fresh one-time code such as K7QM-2XDA-MPRT-WB4C."""
    letters = base64.b32encode(os.urandom(CODE_BYTES)).decode("ascii")
    return "-".join(letters[i : i + CODE_GROUP] for i in range(0, CODE_LENGTH, CODE_GROUP))


def normalise_code(typed: str) -> str:
    """The 16 letters the key derivation sees, forgiving case, separators and look-alike digits."""
    if not isinstance(typed, str) or not typed.isascii():
        raise HandoffCodeMalformed()
    letters = typed.translate(_SEPARATORS).upper().translate(_LOOK_ALIKES)
    if len(letters) != CODE_LENGTH or any(char not in CODE_ALPHABET for char in letters):
        raise HandoffCodeMalformed()
    return letters


@dataclass(frozen=True)
class _Keys:
    payload: bytes
    check: bytes


def _derive_keys(code: str, salt: bytes, kdf: KdfParams) -> _Keys:
    from cryptography.hazmat.primitives.hashes import SHA256  # loaded on first use: quicker start
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    stretched = derive_kek(code, salt, kdf)

    def expand(info: bytes) -> bytes:
        return HKDF(algorithm=SHA256(), length=crypto.KEY_BYTES, salt=None, info=info).derive(stretched)

    return _Keys(payload=expand(_PAYLOAD_INFO), check=expand(_CHECK_INFO))


def _header(kdf: KdfParams, salt: bytes) -> bytes:
    """The one exact spelling of a header: sorted keys, no spaces."""
    salt_text = base64.b64encode(salt).decode("ascii")
    return container.header_bytes({"kdf": container.kdf_to_json(kdf), "salt": salt_text})


def _check_value(check_key: bytes, covered: bytes) -> bytes:
    return hmac.new(check_key, covered, hashlib.sha256).digest()[:CHECK_BYTES]


def seal_handoff(
    payload: bytes,
    code: str,
    *,
    kdf: KdfParams = HANDOFF_KDF,
    salt: bytes | None = None,
    nonce: bytes | None = None,
) -> bytes:
    """The bundle file's bytes. `salt` and `nonce` are for test vectors only; leave them None."""
    salt = new_salt() if salt is None else salt
    keys = _derive_keys(normalise_code(code), salt, kdf)
    header = _header(kdf, salt)
    front = MAGIC + _LEAD.pack(VERSION, len(header)) + header
    front += _check_value(keys.check, front)
    sealed = crypto.seal(keys.payload, payload, front, nonce=nonce)
    body = front + _SEALED_LEN.pack(len(sealed)) + sealed
    return container.with_digest(body)


@dataclass(frozen=True)
class _Parsed:
    covered: bytes  # magic .. header: what the check value covers
    check: bytes
    sealed: bytes
    kdf: KdfParams
    salt: bytes

    @property
    def aad(self) -> bytes:
        return self.covered + self.check


def _split(data: bytes) -> tuple[bytes, bytes, bytes, bytes]:
    """(covered, header, check, sealed) once every length adds up and the digest matches."""
    if len(data) < _SMALLEST:
        raise HandoffDamaged()
    _, header_len = _LEAD.unpack_from(data, len(MAGIC))
    header_end = len(MAGIC) + _LEAD.size + header_len
    check_end = header_end + CHECK_BYTES
    if check_end + _SEALED_LEN.size > len(data):
        raise HandoffDamaged()
    (sealed_len,) = _SEALED_LEN.unpack_from(data, check_end)
    sealed_start = check_end + _SEALED_LEN.size
    if sealed_start + sealed_len + DIGEST_BYTES != len(data):
        raise HandoffDamaged()
    if not container.digest_matches(data):
        raise HandoffDamaged()
    header = data[len(MAGIC) + _LEAD.size : header_end]
    return data[:header_end], header, data[header_end:check_end], data[sealed_start:-DIGEST_BYTES]


def _read_header(header: bytes) -> tuple[KdfParams, bytes]:
    """The KDF parameters and salt, if the header is exactly what a writer would write and safe to run."""
    try:
        value = load_json(header)
        params, salt = container.kdf_from_json(value["kdf"]), base64.b64decode(value["salt"], validate=True)
    except (ValueError, TypeError, KeyError, binascii.Error):
        raise HandoffDamaged() from None
    if len(salt) != SALT_BYTES or _header(params, salt) != header:
        raise HandoffDamaged()
    try:
        params.check()  # before any derivation: a tampered header must not make the import hang
    except UnsafeKdfParameters:
        raise HandoffDamaged() from None
    return params, salt


def _parse(data: bytes) -> _Parsed:
    container.check_version(
        data, MAGIC, VERSION, foreign=NotAHandoff, damaged=HandoffDamaged, too_new=HandoffTooNew
    )
    covered, header, check, sealed = _split(data)
    kdf, salt = _read_header(header)
    return _Parsed(covered=covered, check=check, sealed=sealed, kdf=kdf, salt=salt)


def open_handoff(data: bytes, code: str) -> bytes:
    """The payload, or one of the handoff errors, checked in the order docs/FORMAT.md gives."""
    parsed = _parse(bytes(data))
    keys = _derive_keys(normalise_code(code), parsed.salt, parsed.kdf)
    if not hmac.compare_digest(_check_value(keys.check, parsed.covered), parsed.check):
        raise WrongHandoffCode()
    try:
        return crypto.open_sealed(keys.payload, parsed.sealed, parsed.aad, where="the handoff")
    except SealBroken:
        raise HandoffDamaged() from None


__all__ = [
    "HANDOFF_KDF",
    "MAGIC",
    "VERSION",
    "new_code",
    "normalise_code",
    "open_handoff",
    "seal_handoff",
]
