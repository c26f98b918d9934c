"""Regenerates tests/vectors/padded_fields.json: sealed values padded to buckets (docs/FORMAT.md section 4.2).

Run it only when that format changes:

    python tests/vectors/make_padded_vectors.py

The padding and the associated data are built here by hand, from the spec, and checked against circle's code.
"""

from __future__ import annotations

import base64
import hashlib
import json
import struct
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from circle.store.sealing import bucket_floor
from circle.vault import crypto, keyring, recipients

from make_vectors import FACILITATOR, GROUP, KEY, MEMBER, NONCE, OTHER_KEY  # the same keys and ids as version 0x01

HERE = Path(__file__).parent
NOTE = "4c2e8a0b6d1f3e5a7c9b0d2f4e6a8c1b"
# A group's trusted public key for FACILITATOR (FORMAT.md 7.6): base64 text of the X25519 public key.
DIRECTORY_ENTRY = base64.b64encode(recipients.public_key(bytes(range(64, 96)))).decode("ascii")
# A facilitator's own record (FORMAT.md 7.8) keeps each group's key with a digest of its slot, and the public key
# their personal key makes.
HELD_KEY = base64.b64encode(KEY).decode("ascii")
SLOT_DIGEST = base64.b64encode(hashlib.sha256(bytes(range(93))).digest()[:16]).decode("ascii")  # of a 93-byte slot
OWN_PUBLIC_KEY = base64.b64encode(keyring.facilitator_public_key(OTHER_KEY)).decode("ascii")


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


SESSION = "7e3a9c1d5b2f4e6a8d0c2b4f6e8a1c3d"
OTHER_GROUP = "3c5e7a9b1d2f4a6c8e0b2d4f6a8c0e1b"
ROSTER = ["0d3e6f9a2b5c8e1f4a7d0b3c6e9f2a5b", "6b1d8f3a0c5e2b7d9f4a1c6e3b8d0f25", "e94a2c7b5d0f3e8a1c6b9d2f4a7e0c53"]
RECORD_FLOOR = 256  # facilitators.handle, a facilitator's own record under their personal key (FORMAT.md 7.8)


def _digest_by_hand(name: str, rows: list[str]) -> list[object]:
    """A manifest member (FORMAT.md 7.8): [count, SHA-256 of the part's name, then each row's text and a newline]."""
    hasher = hashlib.sha256(name.encode("utf-8"))
    for row in rows:
        hasher.update(row.encode("utf-8") + b"\n")
    return [len(rows), hasher.hexdigest()]


def record_values() -> dict[str, object]:
    """One realistic plaintext per sealed record of format 3, as circle writes it."""
    manifest = {
        "attendance": _digest_by_hand("attendance", []),
        "facilitators": _digest_by_hand("facilitators", [
            (f"'named','{FACILITATOR}',NULL,X'02000102030405060708090A0B0C0D0E',"
             "X'02A1A2A3A4A5A6A7A8A9AAABACADAEAF'"),
            f"'slot','{FACILITATOR}',1,X'605A725D2A4ADFEEB1A29E17EDD621C1',NULL",
        ]),
        "log": {},
        "meetings": _digest_by_hand("meetings", [
            (f"'{SESSION}','2025-09-02','closed',NULL,NULL,0,NULL,0,0,0,0,NULL,"
             "X'02B0B1B2B3B4B5B6B7B8B9BABBBCBDBE',X'02C0C1C2C3C4C5C6C7C8C9CACBCCCDCE'"),
        ]),
        "members": _digest_by_hand("members", [
            (f"'{member}','',NULL,X'02{index:02X}0102030405060708090A0B0C0D0E',"
             f"X'02{index:02X}1112131415161718191A1B1C1D1E'")
            for index, member in enumerate(ROSTER)
        ]),
        "notes": _digest_by_hand("notes", [
            f"'{NOTE}','{SESSION}',NULL,NULL,NULL,NULL,X'02D0D1D2D3D4D5D6D7D8D9DADBDCDDDE'",
        ]),
        "settings": _digest_by_hand("settings", [
            (f"'{GROUP}','2025-08-26T18:30:00+00:00',1,X'02E0E1E2E3E4E5E6E7E8E9EAEBECEDEE',"
             "X'02F0F1F2F3F4F5F6F7F8F9FAFBFCFDFE',X'02101112131415161718191A1B1C1D1E','2025-09-09',"
             "'2025-08-26T18:30:00+00:00',3"),
        ]),
    }
    return {
        "members.details": {"created_at": "2025-09-02T19:04:11.402113+00:00", "joined_on": "2025-09-02"},
        "sessions.summary": {
            "actual_minutes": 93, "ended_at": "2025-09-02T20:33:00+00:00", "headcount": 2, "newcomers": 1,
            "passed_turns": 1, "planned_minutes": 90, "pulse": [0, 0, 1, 1, 0], "shared_turns": 3,
            "started_at": "2025-09-02T19:00:00+00:00",
        },
        "sessions.attendance": {
            "late": [1, 0, 0], "left_early": [0, 0, 0], "member_ids": ROSTER, "newcomer": [0, 0, 1],
            "present": [1, 0, 1],
        },
        "notes.body": {
            "action": None, "created_at": "2025-09-02T20:41:07.123456+00:00", "expires_on": "2025-12-01",
            "kind": "follow_up", "member_id": MEMBER, "resolved_at": None, "text": "Offer a call",
        },
        "groups.manifest": {**manifest, "generation": 12},
        "facilitators.handle": {
            "groups": {GROUP: [1, 12]}, "handle": "Sam", "keys": {GROUP: [1, HELD_KEY, SLOT_DIGEST]},
            "public_key": OWN_PUBLIC_KEY,
        },
    }


def record_parts(record: str, row: str | None = None, group: str = GROUP, version: int = 1) -> list[str | int]:
    """Where each record lives (FORMAT.md section 5)."""
    table, column = record.split(".")
    if record == "facilitators.handle":
        return [table, column, row or FACILITATOR]
    default_row = {"members": MEMBER, "sessions": SESSION, "notes": NOTE, "groups": group}[table]
    return [table, column, row or default_row, group, version]


def record_floor(record: str) -> int:
    return RECORD_FLOOR if record == "facilitators.handle" else bucket_floor(*record.split("."))


def record_text(record: str, value: object) -> str:
    # As GroupSealer.seal_json and circle.workspace.facilitator_record.seal_record write them.
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def record_cases() -> list[dict]:
    out = []
    for record, value in record_values().items():
        parts, floor = record_parts(record), record_floor(record)
        text = record_text(record, value)
        padded = pad_by_hand(text.encode("utf-8"), floor)
        key = OTHER_KEY if record == "facilitators.handle" else KEY  # a personal key, not a group's
        sealed = seal_by_hand(key, padded, parts)
        assert sealed == crypto.seal_padded(key, text.encode("utf-8"), parts, floor=floor, nonce=NONCE)
        # Each realistic value fills its column's first bucket; a facilitator's record with a group's key, the next.
        assert len(padded) == (2 * floor if record == "facilitators.handle" else floor), record
        out.append({
            "label": record, "record": record, "key": key.hex(), "nonce": NONCE.hex(), "aad_parts": parts,
            "aad": aad_by_hand(parts).hex(), "floor": floor, "plaintext": text, "value": value,
            "padded": padded.hex(), "sealed": sealed.hex(),
        })
    return out


def record_failures(cases: list[dict]) -> list[dict]:
    """Each record read from the wrong row, group, key version or column, or holding what circle never writes.

    `reader` is the record whose reader is used; `aad_parts` say where the value is read from.
    """
    sealed = {case["record"]: case["sealed"] for case in cases}
    uneven = {"late": [0, 0], "left_early": [0, 0], "member_ids": ROSTER, "newcomer": [0, 0], "present": [1, 1]}
    uneven_text = record_text("sessions.attendance", uneven).encode("utf-8")
    uneven_parts = record_parts("sessions.attendance")
    wrong = [
        ("member details moved to another member", "members.details", "members.details",
         record_parts("members.details", ROSTER[1])),
        ("member details read as a note's body", "members.details", "notes.body",
         record_parts("notes.body", MEMBER)),
        ("a meeting's summary moved to another meeting", "sessions.summary", "sessions.summary",
         record_parts("sessions.summary", NOTE)),
        ("a meeting's summary read as its attendance", "sessions.summary", "sessions.attendance",
         record_parts("sessions.attendance")),
        ("attendance moved to another meeting", "sessions.attendance", "sessions.attendance",
         record_parts("sessions.attendance", NOTE)),
        ("attendance read as the meeting's summary", "sessions.attendance", "sessions.summary",
         record_parts("sessions.summary")),
        ("a note's body moved to another note", "notes.body", "notes.body", record_parts("notes.body", MEMBER)),
        ("a note's body moved to another group", "notes.body", "notes.body",
         record_parts("notes.body", group=OTHER_GROUP)),
        ("a note's body read under a later key version", "notes.body", "notes.body",
         record_parts("notes.body", version=2)),
        ("a manifest moved to another group", "groups.manifest", "groups.manifest",
         record_parts("groups.manifest", group=OTHER_GROUP)),
        ("a manifest read under another key version", "groups.manifest", "groups.manifest",
         record_parts("groups.manifest", version=2)),
        ("a facilitator's record moved to another facilitator", "facilitators.handle", "facilitators.handle",
         record_parts("facilitators.handle", MEMBER)),
    ]
    out = [
        {"label": label, "record": record, "reader": reader,
         "key": (OTHER_KEY if record == "facilitators.handle" else KEY).hex(), "aad_parts": parts,
         "floor": record_floor(reader), "sealed": sealed[record], "error": "SealBroken"}
        for label, record, reader, parts in wrong
    ]
    out += [
        {"label": "attendance whose arrays differ in length", "record": "sessions.attendance",
         "reader": "sessions.attendance", "key": KEY.hex(), "aad_parts": uneven_parts,
         "floor": record_floor("sessions.attendance"),
         "sealed": seal_by_hand(KEY, pad_by_hand(uneven_text, record_floor("sessions.attendance")),
                                uneven_parts).hex(),
         "error": "SealBroken"},
        {"label": "a facilitator's record sealed under a group's key", "record": "facilitators.handle",
         "reader": "facilitators.handle", "key": OTHER_KEY.hex(), "aad_parts": record_parts("facilitators.handle"),
         "floor": RECORD_FLOOR,
         "sealed": seal_by_hand(KEY, pad_by_hand(record_text("facilitators.handle", {"groups": {}, "handle": "Sam"})
                                                 .encode(), RECORD_FLOOR), record_parts("facilitators.handle")).hex(),
         "error": "SealBroken"},
    ]
    return out


if __name__ == "__main__":
    records = record_cases()
    vectors = {"cases": padded_cases(), "failures": failure_cases(), "records": records,
               "record_failures": record_failures(records)}
    (HERE / "padded_fields.json").write_text(json.dumps(vectors, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
