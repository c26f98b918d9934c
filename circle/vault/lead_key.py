"""A group lead's key: an X25519 key pair whose private half is sealed under the lead's own passphrase.

Facilitators seal lead bundles to the public half, which travels as a short line of text with two
check bytes, so a mistyped key is refused at once instead of sealing a bundle nobody can open. The key
file keeps the public key in clear in its header, so it can be printed again without the passphrase.

Key file layout (docs/FORMAT.md section 13.1):

    magic "CIRCLE-LEAD-KEY" | version 0x01 | header_len u16 | header (JSON) | sealed (61 bytes) | digest (32)

`sealed` is the 32-byte private key sealed (crypto.py) under Argon2id(passphrase), with every byte in
front of it as associated data. The digest (SHA-256 of everything before it) tells a damaged file apart
from a wrong passphrase; it proves nothing, the sealed value does.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import struct

from circle.domain.json_fields import load_json
from circle.vault import container, crypto
from circle.vault.container import DIGEST_BYTES
from circle.vault.errors import (
    LeadKeyDamaged,
    LeadKeyMistyped,
    LeadKeyTooNew,
    SealBroken,
    UnsafeKdfParameters,
    WrongLeadPassphrase,
)
from circle.vault.keyring import SALT_BYTES, KdfParams, derive_kek, new_salt
from circle.vault.recipients import PRIVATE_KEY_BYTES, PUBLIC_KEY_BYTES, new_private_key, public_key

MAGIC = b"CIRCLE-LEAD-KEY"
VERSION = 1
KEY_TEXT_PREFIX = "circle-lead-"
KEY_CHECK_BYTES = 2
FINGERPRINT_BYTES = 16
_CHECK_LABEL = b"circle/lead-key/check/v1"
_FINGERPRINT_LABEL = b"circle/lead-key/fingerprint/v1"
_LEAD = struct.Struct(">BH")  # version, header_len: right after the magic
_SEALED_BYTES = 1 + crypto.NONCE_BYTES + PRIVATE_KEY_BYTES + crypto.TAG_BYTES
_BASE32 = frozenset("abcdefghijklmnopqrstuvwxyz234567")


# ---- the public key as text --------------------------------------------------------------------------------


def _key_check(public: bytes) -> bytes:
    return hashlib.sha256(_CHECK_LABEL + public).digest()[:KEY_CHECK_BYTES]


def key_text(public: bytes) -> str:
    """`circle-lead-` and the lowercase base32 of the key and its two check bytes, without padding."""
    letters = base64.b32encode(public + _key_check(public)).decode("ascii").rstrip("=").lower()
    return KEY_TEXT_PREFIX + letters


def parse_key_text(text: str) -> bytes:
    """The 32-byte public key in a typed or pasted key; LeadKeyMistyped for anything else."""
    if not isinstance(text, str) or not text.isascii():
        raise LeadKeyMistyped()
    compact = "".join(text.split()).lower()  # a key wrapped by a mail program still reads
    if not compact.startswith(KEY_TEXT_PREFIX):
        raise LeadKeyMistyped()
    letters = compact[len(KEY_TEXT_PREFIX) :]
    if not letters or not set(letters) <= _BASE32:
        raise LeadKeyMistyped()
    try:
        raw = base64.b32decode(letters.upper() + "=" * (-len(letters) % 8))
    except binascii.Error:
        raise LeadKeyMistyped() from None
    public, check = raw[:PUBLIC_KEY_BYTES], raw[PUBLIC_KEY_BYTES:]
    if len(raw) != PUBLIC_KEY_BYTES + KEY_CHECK_BYTES or not hmac.compare_digest(check, _key_check(public)):
        raise LeadKeyMistyped()
    if key_text(public) != compact:
        raise LeadKeyMistyped()  # stray bits in the last letter: only one spelling of a key is accepted
    return public


def fingerprint(public: bytes) -> bytes:
    """What a bundle names its recipient by: enough to tell leads apart, nothing to seal with."""
    return hashlib.sha256(_FINGERPRINT_LABEL + public).digest()[:FINGERPRINT_BYTES]


# ---- the key file ------------------------------------------------------------------------------------------


def _header(kdf: KdfParams, salt: bytes, public: bytes) -> bytes:
    """The one exact spelling of a header: sorted keys, no spaces."""
    return container.header_bytes({
        "kdf": container.kdf_to_json(kdf),
        "public_key": base64.b64encode(public).decode("ascii"),
        "salt": base64.b64encode(salt).decode("ascii"),
    })


def new_key_file(
    passphrase: str,
    *,
    kdf: KdfParams | None = None,
    private_key: bytes | None = None,
    salt: bytes | None = None,
    nonce: bytes | None = None,
) -> bytes:
    """A new key file's bytes. `private_key`, `salt` and `nonce` are for test vectors only; leave them None."""
    kdf = kdf or KdfParams()
    private = new_private_key() if private_key is None else private_key
    salt = new_salt() if salt is None else salt
    header = _header(kdf, salt, public_key(private))
    front = MAGIC + _LEAD.pack(VERSION, len(header)) + header
    body = front + crypto.seal(derive_kek(passphrase, salt, kdf), private, front, nonce=nonce)
    return container.with_digest(body)


def new_key_pair(passphrase: str, *, kdf: KdfParams | None = None) -> tuple[bytes, bytes]:
    """(a new key file's bytes, its private key): for a change of passphrase, which seals the store under it."""
    private = new_private_key()
    return new_key_file(passphrase, kdf=kdf, private_key=private), private


def _parse(data: bytes) -> tuple[bytes, bytes, KdfParams, bytes, bytes]:
    """(front, sealed, kdf, salt, public key) of a whole key file, checked in the order of section 13.1."""
    container.check_version(
        data, MAGIC, VERSION, foreign=LeadKeyDamaged, damaged=LeadKeyDamaged, too_new=LeadKeyTooNew
    )
    if len(data) < len(MAGIC) + _LEAD.size:
        raise LeadKeyDamaged()
    _, header_len = _LEAD.unpack_from(data, len(MAGIC))
    front_end = len(MAGIC) + _LEAD.size + header_len
    if front_end + _SEALED_BYTES + DIGEST_BYTES != len(data):
        raise LeadKeyDamaged()
    if not container.digest_matches(data):
        raise LeadKeyDamaged()
    header = data[len(MAGIC) + _LEAD.size : front_end]
    kdf, salt, public = _read_header(header)
    return data[:front_end], data[front_end:-DIGEST_BYTES], kdf, salt, public


def _read_header(header: bytes) -> tuple[KdfParams, bytes, bytes]:
    try:
        value = load_json(header)
        params = container.kdf_from_json(value["kdf"])
        salt = base64.b64decode(value["salt"], validate=True)
        public = base64.b64decode(value["public_key"], validate=True)
    except (ValueError, TypeError, KeyError, binascii.Error):
        raise LeadKeyDamaged() from None
    if len(salt) != SALT_BYTES or len(public) != PUBLIC_KEY_BYTES or _header(params, salt, public) != header:
        raise LeadKeyDamaged()
    try:
        params.check()  # before any derivation: a changed header must not make unlocking hang
    except UnsafeKdfParameters:
        raise LeadKeyDamaged() from None
    return params, salt, public


def key_file_public_key(data: bytes) -> bytes:
    """The public key a key file holds in clear: no passphrase needed."""
    return _parse(bytes(data))[4]


def key_file_kdf(data: bytes) -> KdfParams:
    """The key derivation parameters a key file was made with: a new passphrase keeps them."""
    return _parse(bytes(data))[2]


def open_key_file(data: bytes, passphrase: str) -> bytes:
    """The lead's private key, or WrongLeadPassphrase, LeadKeyDamaged or LeadKeyTooNew."""
    front, sealed, kdf, salt, public = _parse(bytes(data))
    try:
        private = crypto.open_sealed(derive_kek(passphrase, salt, kdf), sealed, front, where="the lead key")
    except SealBroken:
        raise WrongLeadPassphrase() from None  # as with the vault, nothing tells the two apart: no hash is kept
    if len(private) != PRIVATE_KEY_BYTES or public_key(private) != public:
        raise LeadKeyDamaged()
    return private


__all__ = [
    "FINGERPRINT_BYTES",
    "KEY_TEXT_PREFIX",
    "MAGIC",
    "VERSION",
    "fingerprint",
    "key_file_kdf",
    "key_file_public_key",
    "key_text",
    "new_key_file",
    "new_key_pair",
    "open_key_file",
    "parse_key_text",
]
