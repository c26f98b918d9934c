"""Regenerates tests/vectors/padded_fields.json: sealed values padded to buckets (docs/FORMAT.md section 4.2).

Run it only when that format changes:

    python tests/vectors/make_padded_vectors.py

The padding and the associated data are built here by hand, from the spec, and checked against circle's code.
"""

from __future__ import annotations

import base64
import json
import struct
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from circle.store.sealing import bucket_floor
from circle.vault import crypto, recipients

HERE = Path(__file__).parent
KEY = bytes(range(32))
OTHER_KEY = bytes(range(32, 64))
NONCE = bytes.fromhex("000102030405060708090a0b")
GROUP = "9a1b7c3d5e2f4a6b8c0d1e3f5a7b9c2d"
MEMBER = "0d3e6f9a2b5c8e1f4a7d0b3c6e9f2a5b"
NOTE = "4c2e8a0b6d1f3e5a7c9b0d2f4e6a8c1b"
FACILITATOR = "5f0c2a3e9b7d4c1e8a6f2b9d0e3c7a15"
# A group's trusted public key for FACILITATOR (FORMAT.md 7.6): base64 text of the X25519 public key.
DIRECTORY_ENTRY = base64.b64encode(recipients.public_key(bytes(range(64, 96)))).decode("ascii")


def aad_by_hand(parts: list[str | int]) -> bytes:
    out = b"circle/field/v2"
    for part in parts:
        encoded = str(part).encode("utf-8")
        out += struct.pack(">H", len(encoded)) + encoded
    return out


def pad_by_hand(value: bytes, floor: int) -> bytes:
    size = floor
    while size < len(value) + 1:
        size *= 2
    return value + b"\x80" + b"\x00" * (size - len(value) - 1)


def seal_by_hand(key: bytes, padded: bytes, parts: list[str | int], nonce: bytes = NONCE) -> bytes:
    return b"\x02" + nonce + AESGCM(key).encrypt(nonce, padded, aad_by_hand(parts))


def field(table: str, column: str, row: str) -> list[str | int]:
    return [table, column, row, GROUP, 1]


def padded_cases() -> list[dict]:
    long_name = "Maximiliana Bartholomew-Featherstonehaugh of the North Riding"  # 61 bytes
    note = json.dumps({"action": "emergency_services", "member_id": MEMBER, "text": ""}, sort_keys=True)
    cases = [
        ("member name", field("members", "name", MEMBER), "Ada L."),
        ("member name with emoji", field("members", "name", MEMBER), "Zoë 🌻 K."),
        ("empty plaintext", field("groups", "name", GROUP), ""),
        ("a name that just fits the first bucket", field("members", "name", MEMBER), long_name[:63]),
        ("a name one byte past the first bucket", field("members", "name", MEMBER), long_name[:61] + "ab!"),
        ("a safety note", field("notes", "body", NOTE), note),
        ("facilitator handle, under a personal key", ["facilitators", "handle", MEMBER], "Sam"),
        ("key directory entry", field("group_facilitators", "public_key", FACILITATOR), DIRECTORY_ENTRY),
    ]
    out = []
    for label, parts, text in cases:
        floor = bucket_floor(str(parts[0]), str(parts[1]))
        padded = pad_by_hand(text.encode("utf-8"), floor)
        sealed = seal_by_hand(KEY, padded, parts)
        assert sealed == crypto.seal_padded(KEY, text.encode("utf-8"), parts, floor=floor, nonce=NONCE)
        out.append(
            {
                "label": label,
                "key": KEY.hex(),
                "nonce": NONCE.hex(),
                "aad_parts": parts,
                "aad": aad_by_hand(parts).hex(),
                "floor": floor,
                "plaintext": text,
                "padded": padded.hex(),
                "sealed": sealed.hex(),
            }
        )
    return out


def failure_cases() -> list[dict]:
    parts = field("members", "name", MEMBER)
    floor = bucket_floor("members", "name")
    value = "Ada L.".encode()
    good = seal_by_hand(KEY, pad_by_hand(value, floor), parts)
    wrong = [
        ("the version byte set to 0x01", b"\x01" + good[1:], parts),
        ("a ciphertext byte flipped", good[:20] + bytes([good[20] ^ 1]) + good[21:], parts),
        ("moved to another row", good, field("members", "name", "another-member-id")),
        ("no 0x80 mark before the zeros", seal_by_hand(KEY, value + bytes(floor - len(value)), parts), parts),
        ("a byte other than zero after the mark", seal_by_hand(KEY, pad_by_hand(value, floor)[:-1] + b"\x01", parts), parts),
        ("padded past the smallest bucket", seal_by_hand(KEY, pad_by_hand(value, floor * 2), parts), parts),
        ("padded to a size that is no bucket", seal_by_hand(KEY, pad_by_hand(value, floor)[:-1], parts), parts),
        ("sealed unpadded under the padded label", seal_by_hand(KEY, value, parts), parts),
    ]
    entry_parts = field("group_facilitators", "public_key", FACILITATOR)
    entry = seal_by_hand(KEY, pad_by_hand(DIRECTORY_ENTRY.encode(), floor), entry_parts)
    wrong += [
        ("key directory entry moved to another facilitator", entry, field("group_facilitators", "public_key", MEMBER)),
        ("key directory entry read as a handle", entry, field("group_facilitators", "handle", FACILITATOR)),
        ("key directory entry of an older key version", entry, ["group_facilitators", "public_key", FACILITATOR, GROUP, 2]),
    ]
    return [
        {"label": label, "key": KEY.hex(), "aad_parts": aad_parts, "floor": floor, "sealed": sealed.hex(),
         "error": "SealBroken"}
        for label, sealed, aad_parts in wrong
    ] + [
        {"label": "the wrong key", "key": OTHER_KEY.hex(), "aad_parts": parts, "floor": floor, "sealed": good.hex(),
         "error": "SealBroken"}
    ]


if __name__ == "__main__":
    vectors = {"cases": padded_cases(), "failures": failure_cases()}
    (HERE / "padded_fields.json").write_text(json.dumps(vectors, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
