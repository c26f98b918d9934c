"""Regenerates the golden vectors for docs/FORMAT.md: sealed_fields, argon2id, handoff and sealed_to (.json).

Run it only when the format itself changes (and bump the seal version or AAD label when it does):

    python tests/vectors/make_vectors.py

The tests never run this script: they compare circle against the committed JSON bytes.
The associated data, the handoff layout and the sealed-to key agreement are built here by hand, from the spec,
and checked against circle's own code.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import struct
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from circle.vault import crypto, handoff, keyring, recipients
from circle.vault.keyring import FLOOR_KDF

HERE = Path(__file__).parent
KEY = bytes(range(32))
OTHER_KEY = bytes(range(32, 64))
NONCE = bytes.fromhex("000102030405060708090a0b")
FACILITATOR = "5f0c2a3e9b7d4c1e8a6f2b9d0e3c7a15"
GROUP = "9a1b7c3d5e2f4a6b8c0d1e3f5a7b9c2d"
MEMBER = "0d3e6f9a2b5c8e1f4a7d0b3c6e9f2a5b"


def aad_by_hand(parts: list[str | int]) -> bytes:
    out = b"circle/field/v1"
    for part in parts:
        encoded = str(part).encode("utf-8")
        out += struct.pack(">H", len(encoded)) + encoded
    return out


def sealed(key: bytes, plaintext: bytes, parts: list[str | int], nonce: bytes = NONCE) -> bytes:
    aad = crypto.associated_data(parts)
    assert aad == aad_by_hand(parts)
    return crypto.seal(key, plaintext, aad, nonce=nonce)


def field(table: str, column: str, row: str) -> list[str | int]:
    return [table, column, row, GROUP, 1]


def sealed_field_cases() -> list[dict]:
    rules = json.dumps({"names": "initials", "notes": "flags"}, ensure_ascii=False, sort_keys=True)
    cases = [
        ("group name", field("groups", "name", GROUP), "Tuesday Evening Support"),
        ("member name with emoji", field("members", "name", MEMBER), "Zoë 🌻 K."),
        ("empty plaintext", field("groups", "name", GROUP), ""),
        ("group rules as sorted JSON", field("groups", "rules", GROUP), rules),
        ("facilitator handle", ["facilitators", "handle", FACILITATOR], "Sam (co-facilitator)"),
        ("non-ASCII in the associated data", field("members", "name", "ünïcødé-id"), "A. B."),
    ]
    nonces = [NONCE, bytes(12), bytes([0xFF] * 12), NONCE, bytes.fromhex("a1a2a3a4a5a6a7a8a9aaabac"), NONCE]
    return [
        {
            "label": label,
            "key": KEY.hex(),
            "nonce": nonce.hex(),
            "aad_parts": parts,
            "aad": crypto.associated_data(parts).hex(),
            "plaintext": text,
            "sealed": sealed(KEY, text.encode("utf-8"), parts, nonce).hex(),
        }
        for (label, parts, text), nonce in zip(cases, nonces, strict=True)
    ]


def flip(data: bytes, index: int) -> bytes:
    return data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1 :]


def failure_cases() -> list[dict]:
    parts = field("members", "name", MEMBER)
    good = sealed(KEY, "Ada L.".encode(), parts)
    wrong = [
        ("a nonce byte flipped", flip(good, 1), parts, KEY),
        ("a ciphertext byte flipped", flip(good, 13), parts, KEY),
        ("a tag byte flipped", flip(good, len(good) - 1), parts, KEY),
        ("unknown version byte 0x02", b"\x02" + good[1:], parts, KEY),
        ("version byte 0x00", b"\x00" + good[1:], parts, KEY),
        ("truncated below the minimum of 29 bytes", good[:28], parts, KEY),
        ("truncated tag", good[:-1], parts, KEY),
        ("empty value", b"", parts, KEY),
        ("moved to another row", good, field("members", "name", "another-member-id"), KEY),
        ("moved to another column", good, field("members", "joined_on", MEMBER), KEY),
        ("moved to another group", good, ["members", "name", MEMBER, "another-group-id", 1], KEY),
        ("sealed under another key version", good, ["members", "name", MEMBER, GROUP, 2], KEY),
        ("associated data parts reordered", good, ["name", "members", MEMBER, GROUP, 1], KEY),
        ("associated data parts joined differently", good, ["membersname", "", MEMBER, GROUP, 1], KEY),
        ("wrong key", good, parts, OTHER_KEY),
    ]
    return [
        {"label": label, "key": key.hex(), "aad_parts": aad_parts, "sealed": value.hex(), "error": "SealBroken"}
        for label, value, aad_parts, key in wrong
    ]


def argon2id_vectors() -> dict:
    salt = bytes.fromhex("73616c742d666f722d636972636c6521")  # b"salt-for-circle!"
    params = {"memory_kib": FLOOR_KDF.memory_kib, "iterations": FLOOR_KDF.iterations, "lanes": FLOOR_KDF.lanes}
    kdf = []
    for passphrase in ("correct horse battery staple", "pässphrase with ünïcode 🔑"):
        kek = keyring.derive_kek(passphrase, salt, FLOOR_KDF)
        kdf.append({"passphrase": passphrase, "salt": salt.hex(), "params": params, "kek": kek.hex()})
    kek = bytes.fromhex(kdf[0]["kek"])
    personal_key = bytes(range(100, 132))
    group_key = bytes(range(200, 232))
    personal_parts = ["facilitators", "wrapped_key", FACILITATOR]
    slot_parts = ["key_slots", "wrapped_key", FACILITATOR, GROUP, 1]
    wrapped_personal = sealed(kek, personal_key, personal_parts)
    wrapped_group = sealed(personal_key, group_key, slot_parts, bytes.fromhex("0b0a09080706050403020100"))
    assert keyring.unwrap_personal_key(kek, wrapped_personal, FACILITATOR) == personal_key
    assert keyring.unwrap_group_key(personal_key, wrapped_group, FACILITATOR, GROUP, 1) == group_key
    return {
        "kdf": kdf,
        "wrapped_personal_key": {
            "passphrase": kdf[0]["passphrase"],
            "kek": kek.hex(),
            "facilitator_id": FACILITATOR,
            "nonce": NONCE.hex(),
            "aad_parts": personal_parts,
            "personal_key": personal_key.hex(),
            "wrapped": wrapped_personal.hex(),
        },
        "wrapped_group_key": {
            "personal_key": personal_key.hex(),
            "facilitator_id": FACILITATOR,
            "group_id": GROUP,
            "key_version": 1,
            "nonce": "0b0a09080706050403020100",
            "aad_parts": slot_parts,
            "group_key": group_key.hex(),
            "wrapped": wrapped_group.hex(),
        },
    }


def hkdf(ikm: bytes, info: bytes, salt: bytes | None = None) -> bytes:
    return HKDF(algorithm=SHA256(), length=32, salt=salt, info=info).derive(ikm)


def floor_params() -> dict:
    return {"memory_kib": FLOOR_KDF.memory_kib, "iterations": FLOOR_KDF.iterations, "lanes": FLOOR_KDF.lanes}


HANDOFF_CODE = "K7QM-2XDA-MPRT-WB4C"
HANDOFF_SALT = bytes.fromhex("68616e646f66662d73616c742d303121")  # b"handoff-salt-01!"


def handoff_by_hand(payload: bytes, code: str, salt: bytes, nonce: bytes) -> dict:
    """Every step of docs/FORMAT.md section 11, spelled out, with its intermediate values."""
    letters = code.replace("-", "")
    stretched = keyring.derive_kek(letters, salt, FLOOR_KDF)
    payload_key = hkdf(stretched, b"circle/handoff/v1/payload")
    check_key = hkdf(stretched, b"circle/handoff/v1/check")
    header = json.dumps(
        {"kdf": floor_params(), "salt": base64.b64encode(salt).decode()}, sort_keys=True, separators=(",", ":")
    ).encode()
    front = b"CIRCLE-HANDOFF" + bytes([1]) + struct.pack(">H", len(header)) + header
    check = hmac.new(check_key, front, hashlib.sha256).digest()[:16]
    sealed = crypto.seal(payload_key, payload, front + check, nonce=nonce)
    body = front + check + struct.pack(">I", len(sealed)) + sealed
    bundle = body + hashlib.sha256(body).digest()
    assert bundle == handoff.seal_handoff(payload, code, kdf=FLOOR_KDF, salt=salt, nonce=nonce)
    assert handoff.open_handoff(bundle, code) == payload
    return {
        "code": code,
        "normalised_code": letters,
        "kdf": floor_params(),
        "salt": salt.hex(),
        "nonce": nonce.hex(),
        "payload": payload.hex(),
        "argon2id_output": stretched.hex(),
        "payload_key": payload_key.hex(),
        "check_key": check_key.hex(),
        "header": header.decode(),
        "check": check.hex(),
        "bundle": bundle.hex(),
    }


def handoff_cases() -> list[dict]:
    cases = [
        ("a short payload", "an opaque payload: the container seals bytes, not meaning".encode()),
        ("an empty payload", b""),
    ]
    nonces = [NONCE, bytes.fromhex("a1a2a3a4a5a6a7a8a9aaabac")]
    return [
        {"name": name, **handoff_by_hand(payload, HANDOFF_CODE, HANDOFF_SALT, nonce)}
        for (name, payload), nonce in zip(cases, nonces, strict=True)
    ]


def redigest(bundle: bytes) -> bytes:
    return bundle[:-32] + hashlib.sha256(bundle[:-32]).digest()


def with_header(bundle: bytes, header: bytes) -> bytes:
    (old_len,) = struct.unpack_from(">H", bundle, 15)
    return redigest(bundle[:15] + struct.pack(">H", len(header)) + header + bundle[17 + old_len :])


def handoff_failures(case: dict) -> list[dict]:
    good = bytes.fromhex(case["bundle"])
    header = case["header"].encode()
    check_at = 17 + len(header)
    sealed_at = check_at + 20
    code, other = HANDOFF_CODE, "K7QM-2XDA-MPRT-WB4D"
    wrong = [
        ("wrong code", "WrongHandoffCode", good, other),
        ("code too short", "HandoffCodeMalformed", good, "K7QM-2XDA-MPRT"),
        ("code with a letter outside the alphabet", "HandoffCodeMalformed", good, "K7QM-2XDA-MPRT-WB49"),
        ("empty file", "NotAHandoff", b"", code),
        ("magic in lower case", "NotAHandoff", b"circle-handoff" + good[14:], code),
        ("magic cut short", "NotAHandoff", good[:10], code),
        ("version 2, digest recomputed", "HandoffTooNew", redigest(good[:14] + b"\x02" + good[15:]), code),
        ("version 2 in an unknown layout", "HandoffTooNew", b"CIRCLE-HANDOFF\x02????", code),
        ("version 0, digest recomputed", "HandoffDamaged", redigest(good[:14] + b"\x00" + good[15:]), code),
        ("only the magic", "HandoffDamaged", good[:14], code),
        ("truncated by one byte", "HandoffDamaged", good[:-1], code),
        ("one trailing byte", "HandoffDamaged", good + b"\x00", code),
        ("header_len one too large, digest recomputed", "HandoffDamaged",
         redigest(good[:15] + struct.pack(">H", len(header) + 1) + good[17:]), code),
        ("sealed_len one too small, digest recomputed", "HandoffDamaged",
         redigest(good[: check_at + 16] + struct.pack(">I", len(good) - sealed_at - 33) + good[sealed_at:]), code),
        ("a digest byte flipped", "HandoffDamaged", flip(good, len(good) - 1), code),
        ("a header byte flipped", "HandoffDamaged", flip(good, 20), code),
        ("a sealed byte flipped", "HandoffDamaged", flip(good, sealed_at + 13), code),
        ("a sealed byte flipped, digest recomputed", "HandoffDamaged", redigest(flip(good, sealed_at + 13)), code),
        ("a check byte flipped, digest recomputed", "WrongHandoffCode", redigest(flip(good, check_at)), code),
        ("another salt in a well-formed header, digest recomputed", "WrongHandoffCode",
         with_header(good, header.replace(base64.b64encode(HANDOFF_SALT), base64.b64encode(bytes(16)))), code),
        ("header with a space, digest recomputed", "HandoffDamaged",
         with_header(good, header.replace(b":", b": ", 1)), code),
        ("header asking for 4 GiB of memory, digest recomputed", "HandoffDamaged",
         with_header(good, header.replace(b'"memory_kib":19456', b'"memory_kib":4194304')), code),
        ("header with a 15-byte salt, digest recomputed", "HandoffDamaged",
         with_header(good, header.replace(base64.b64encode(HANDOFF_SALT), base64.b64encode(bytes(15)))), code),
        ("damaged file and a malformed code: damage is reported first", "HandoffDamaged", good[:-1], "K7QM"),
    ]
    return [
        {"name": name, "expect": expect, "code": typed, "bundle": data.hex()} for name, expect, data, typed in wrong
    ]


def handoff_codes() -> list[dict]:
    typed = [
        ("K7QM-2XDA-MPRT-WB4C", "K7QM2XDAMPRTWB4C"),
        ("k7qm 2xda mprt wb4c", "K7QM2XDAMPRTWB4C"),
        ("k7qm_2xda.mprt--wb4c", "K7QM2XDAMPRTWB4C"),
        ("0123-4567-8OIB-AAAA", "OI234567BOIBAAAA"),
    ]
    malformed = ["", "K7QM-2XDA-MPRT", "K7QM-2XDA-MPRT-WB4C-A", "K7QM-2XDA-MPRT-WB49", "K7QM-2XDA-MPRT-WB4É"]
    return [{"typed": text, "normalised": letters} for text, letters in typed] + [
        {"typed": text, "expect": "HandoffCodeMalformed"} for text in malformed
    ]


def handoff_vectors() -> dict:
    cases = handoff_cases()
    return {"cases": cases, "codes": handoff_codes(), "failures": handoff_failures(cases[0])}


def sealed_to_by_hand(recipient: bytes, ephemeral: bytes, nonce: bytes, aad: bytes, plaintext: bytes) -> dict:
    """docs/FORMAT.md section 12 spelled out: X25519, HKDF salted with both public keys, then a sealed value."""
    recipient_public = X25519PrivateKey.from_private_bytes(recipient).public_key().public_bytes_raw()
    ephemeral_public = X25519PrivateKey.from_private_bytes(ephemeral).public_key().public_bytes_raw()
    shared = X25519PrivateKey.from_private_bytes(ephemeral).exchange(
        X25519PublicKey.from_public_bytes(recipient_public)
    )
    wrap_key = hkdf(shared, b"circle/sealed-to/v1", salt=ephemeral_public + recipient_public)
    sealed = ephemeral_public + crypto.seal(wrap_key, plaintext, aad, nonce=nonce)
    assert sealed == recipients.seal_to(recipient_public, plaintext, aad, ephemeral_private_key=ephemeral, nonce=nonce)
    assert recipients.open_with(recipient, sealed, aad) == plaintext
    return {
        "recipient_private_key": recipient.hex(),
        "recipient_public_key": recipient_public.hex(),
        "ephemeral_private_key": ephemeral.hex(),
        "ephemeral_public_key": ephemeral_public.hex(),
        "shared_secret": shared.hex(),
        "wrap_key": wrap_key.hex(),
        "nonce": nonce.hex(),
        "aad": aad.hex(),
        "plaintext": plaintext.hex(),
        "sealed": sealed.hex(),
    }


def facilitator_keys() -> list[dict]:
    out = []
    for personal_key in (bytes(range(100, 132)), bytes(32)):
        private = hkdf(personal_key, b"circle/x25519/facilitator/v1")
        assert private == recipients.facilitator_private_key(personal_key)
        public = X25519PrivateKey.from_private_bytes(private).public_key().public_bytes_raw()
        out.append({"personal_key": personal_key.hex(), "private_key": private.hex(), "public_key": public.hex()})
    return out


def sealed_to_vectors() -> dict:
    facilitator = bytes.fromhex(facilitator_keys()[0]["private_key"])
    lead = bytes(range(64, 96))
    ephemeral = bytes(range(160, 192))
    aad = b"associated data for the vector"
    cases = [
        {"name": "a group key sealed to a facilitator",
         **sealed_to_by_hand(facilitator, ephemeral, NONCE, aad, bytes(range(200, 232)))},
        {"name": "an empty plaintext sealed to a lead",
         **sealed_to_by_hand(lead, bytes(range(1, 33)), bytes(12), b"", b"")},
    ]
    good = bytes.fromhex(cases[0]["sealed"])
    low_order = bytes(32) + good[32:]
    wrong = [
        ("another private key", lead, aad, good),
        ("other associated data", facilitator, aad + b"!", good),
        ("a one-time public key byte flipped", facilitator, aad, flip(good, 0)),
        ("a nonce byte flipped", facilitator, aad, flip(good, 33)),
        ("a ciphertext byte flipped", facilitator, aad, flip(good, 45)),
        ("a tag byte flipped", facilitator, aad, flip(good, len(good) - 1)),
        ("truncated below the minimum of 61 bytes", facilitator, aad, good[:60]),
        ("empty value", facilitator, aad, b""),
        ("a low-order (all zero) one-time public key", facilitator, aad, low_order),
    ]
    return {
        "facilitator_keys": facilitator_keys(),
        "cases": cases,
        "failures": [
            {"name": name, "expect": "SealBroken", "private_key": key.hex(), "aad": extra.hex(), "sealed": value.hex()}
            for name, key, extra, value in wrong
        ],
        "key_slots": key_slot_vectors(),
        "refused_public_keys": [
            {"name": "31 bytes", "expect": "InvalidInput", "public_key": bytes(range(31)).hex()},
            {"name": "33 bytes", "expect": "InvalidInput", "public_key": bytes(range(33)).hex()},
            {"name": "all zero: a low-order point", "expect": "InvalidInput", "public_key": bytes(32).hex()},
        ],
    }


def key_slot_vectors() -> dict:
    """A current key slot (FORMAT.md 3.4, 7.3 step 6): a group key sealed to a facilitator's public key, with the
    slot's own associated data; and the ways a slot read from the wrong place, or the wrong way, does not open."""
    personal_key = bytes.fromhex(facilitator_keys()[0]["personal_key"])
    private = recipients.facilitator_private_key(personal_key)
    group_key = bytes(range(200, 232))
    parts = ["key_slots", "wrapped_key", FACILITATOR, GROUP, 1]
    aad = aad_by_hand(parts)
    case = sealed_to_by_hand(private, bytes(range(160, 192)), NONCE, aad, group_key)
    good = bytes.fromhex(case["sealed"])
    assert keyring.open_group_key(personal_key, good, FACILITATOR, GROUP, 1) == group_key
    old_slot = sealed(personal_key, group_key, parts, bytes.fromhex("0b0a09080706050403020100"))
    other_personal = bytes.fromhex(facilitator_keys()[1]["personal_key"])
    wrong = [
        ("a slot moved to another facilitator", personal_key, [FACILITATOR[::-1], GROUP, 1], good),
        ("a slot moved to another group", personal_key, [FACILITATOR, MEMBER, 1], good),
        ("a slot read at another key version", personal_key, [FACILITATOR, GROUP, 2], good),
        ("a slot opened with another facilitator's personal key", other_personal, [FACILITATOR, GROUP, 1], good),
        ("an older slot (sealed under the personal key, 7.4) read as a current one", personal_key,
         [FACILITATOR, GROUP, 1], old_slot),
    ]
    return {
        "cases": [{
            "label": "a group key in a key slot, sealed to a facilitator's public key",
            "personal_key": personal_key.hex(),
            "facilitator_id": FACILITATOR,
            "group_id": GROUP,
            "key_version": 1,
            "aad_parts": parts,
            "group_key": group_key.hex(),
            **case,
        }],
        "failures": [
            {"label": label, "expect": "SealBroken", "personal_key": key.hex(), "facilitator_id": where[0],
             "group_id": where[1], "key_version": where[2], "sealed": value.hex()}
            for label, key, where, value in wrong
        ],
    }


def write_exchange_vectors() -> None:
    write("handoff.json", handoff_vectors())
    write("sealed_to.json", sealed_to_vectors())


def write(name: str, value: object) -> None:
    (HERE / name).write_text(json.dumps(value, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write("sealed_fields.json", {"cases": sealed_field_cases(), "failures": failure_cases()})
    write("argon2id.json", argon2id_vectors())
    write_exchange_vectors()
