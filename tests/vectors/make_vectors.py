"""Regenerates sealed_fields.json and argon2id.json, the golden vectors for docs/FORMAT.md.

Run it only when the format itself changes (and bump the seal version or AAD label when it does):

    python tests/vectors/make_vectors.py

The tests never run this script: they compare circle against the committed JSON bytes.
The associated data is built here by hand, from the spec, and checked against circle's own encoder.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path

from circle.vault import crypto, keyring
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


def write(name: str, value: object) -> None:
    (HERE / name).write_text(json.dumps(value, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write("sealed_fields.json", {"cases": sealed_field_cases(), "failures": failure_cases()})
    write("argon2id.json", argon2id_vectors())
