"""Regenerates tests/vectors/lead_bundle.json for docs/FORMAT.md section 13: the lead key, bundle and store.

Run it only when the format itself changes:

    python tests/vectors/make_lead_vectors.py

The tests never run this script: they compare circle against the committed JSON bytes. Each layout is
built here by hand, from the spec, and checked against circle's own code.
"""

from __future__ import annotations

import base64
import hashlib
import json
import struct
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from circle.domain.trends.lead_bundle import bundle_from_json, statement_from_json, store_from_json
from circle.vault import crypto, group_signing, keyring, lead_bundle, lead_key, lead_store, recipients
from circle.vault.keyring import FLOOR_KDF
from tests.vectors.make_vectors import flip, floor_params, hkdf

HERE = Path(__file__).parent
LEAD = bytes(range(64, 96))
OTHER_LEAD = bytes(range(96, 128))
EPHEMERAL = bytes(range(160, 192))
NONCE = bytes.fromhex("000102030405060708090a0b")
SALT = bytes.fromhex("6c6561642d6b65792d73616c74303121")  # b"lead-key-salt01!"
PASSPHRASE = "a lead's passphrase, not a facilitator's"
GROUP = "9a1b7c3d5e2f4a6b8c0d1e3f5a7b9c2d"
GROUP_SIGNING_KEY = bytes(range(200, 232))


def public(private: bytes) -> bytes:
    return X25519PrivateKey.from_private_bytes(private).public_key().public_bytes_raw()


def key_text_by_hand(key: bytes) -> dict:
    check = hashlib.sha256(b"circle/lead-key/check/v1" + key).digest()[:2]
    text = "circle-lead-" + base64.b32encode(key + check).decode().rstrip("=").lower()
    assert text == lead_key.key_text(key) and lead_key.parse_key_text(text) == key
    return {"public_key": key.hex(), "check": check.hex(), "text": text}


def mistyped(text: str) -> list[dict]:
    body = text[len("circle-lead-") :]
    swapped = "a" if body[10] != "a" else "b"
    typed = [
        ("one letter changed", text[:22] + swapped + text[23:]),
        ("two letters swapped", text[:20] + text[21] + text[20] + text[22:]),
        ("last letter dropped", text[:-1]),
        ("a letter added", text + "a"),
        ("without the prefix", body),
        ("another prefix", "circle-leed-" + body),
        ("a digit outside base32", text[:-1] + "1"),
        ("the final letter's unused bits set", text[:-1] + chr(ord(text[-1]) ^ 1)),
        ("empty", ""),
    ]
    return [{"name": name, "typed": value, "expect": "LeadKeyMistyped"} for name, value in typed if value != text]


def key_file_by_hand() -> dict:
    lead_public = public(LEAD)
    header = json.dumps(
        {"kdf": floor_params(), "public_key": base64.b64encode(lead_public).decode(),
         "salt": base64.b64encode(SALT).decode()},
        sort_keys=True, separators=(",", ":"),
    ).encode()
    front = b"CIRCLE-LEAD-KEY" + bytes([1]) + struct.pack(">H", len(header)) + header
    kek = keyring.derive_kek(PASSPHRASE, SALT, FLOOR_KDF)
    body = front + crypto.seal(kek, LEAD, front, nonce=NONCE)
    data = body + hashlib.sha256(body).digest()
    assert data == lead_key.new_key_file(PASSPHRASE, kdf=FLOOR_KDF, private_key=LEAD, salt=SALT, nonce=NONCE)
    assert lead_key.open_key_file(data, PASSPHRASE) == LEAD
    return {
        "passphrase": PASSPHRASE,
        "kdf": floor_params(),
        "salt": SALT.hex(),
        "nonce": NONCE.hex(),
        "private_key": LEAD.hex(),
        "public_key": lead_public.hex(),
        "header": header.decode(),
        "argon2id_output": kek.hex(),
        "key_file": data.hex(),
    }


def redigest(data: bytes) -> bytes:
    return data[:-32] + hashlib.sha256(data[:-32]).digest()


def key_file_failures(case: dict) -> list[dict]:
    good = bytes.fromhex(case["key_file"])
    header = case["header"].encode()
    sealed_at = 18 + len(header)
    other_salt = header.replace(base64.b64encode(SALT), base64.b64encode(bytes(16)))
    with_other_salt = good[:18] + other_salt + good[sealed_at:]
    wrong = [
        ("wrong passphrase", "WrongLeadPassphrase", good, PASSPHRASE + "!"),
        ("another salt in a well-formed header, digest recomputed", "WrongLeadPassphrase", redigest(with_other_salt),
         PASSPHRASE),
        ("a sealed byte flipped, digest recomputed", "WrongLeadPassphrase", redigest(flip(good, sealed_at + 20)),
         PASSPHRASE),
        ("a sealed byte flipped", "LeadKeyDamaged", flip(good, sealed_at + 20), PASSPHRASE),
        ("truncated by one byte", "LeadKeyDamaged", good[:-1], PASSPHRASE),
        ("one trailing byte", "LeadKeyDamaged", good + b"\x00", PASSPHRASE),
        ("empty file", "LeadKeyDamaged", b"", PASSPHRASE),
        ("a handoff's magic", "LeadKeyDamaged", b"CIRCLE-HANDOFF" + good[15:], PASSPHRASE),
        ("version 2, digest recomputed", "LeadKeyTooNew", redigest(good[:15] + b"\x02" + good[16:]), PASSPHRASE),
        ("version 0, digest recomputed", "LeadKeyDamaged", redigest(good[:15] + b"\x00" + good[16:]), PASSPHRASE),
        ("header with a space, digest recomputed", "LeadKeyDamaged",
         redigest(good[:16] + struct.pack(">H", len(header) + 1) + header.replace(b":", b": ", 1) + good[sealed_at:]),
         PASSPHRASE),
    ]
    return [{"name": name, "expect": expect, "passphrase": typed, "key_file": data.hex()}
            for name, expect, data, typed in wrong]


def _dumps(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def group_counts() -> dict:
    """One group, one month with one hidden count, and one hidden answer of its pulse."""
    row = {
        "first_day": "2026-03-01", "last_day": "2026-03-31", "label": "2026-03", "held": 4, "cancelled": 1,
        "mean_attendance": 7.5, "median_attendance": 7.5, "newcomers": "<3", "returned": None, "eligible": None,
        "stayed": 6, "active": 9, "dropped_off": 0, "return_rate": None, "retention": 6 / 9,
        "guests": 3, "pulse": [0, "<3", 4, 5, 0], "pulse_answered": None, "pulse_mean": None,
    }
    return {"id": GROUP, "name": "Tuesday Evening Support", "threshold": 3, "months": [row]}


def signing_by_hand() -> dict:
    """Section 13.8: a group's signing key, its fingerprint, and one signed statement."""
    seed = GROUP_SIGNING_KEY
    signer = Ed25519PrivateKey.from_private_bytes(seed)
    public_key = signer.public_key().public_bytes_raw()
    number = int.from_bytes(hashlib.sha256(b"circle/group-signing-fingerprint/v1" + public_key).digest()[:13], "big")
    digits = f"{number % 10**30:030d}"
    lead_fingerprint = hashlib.sha256(b"circle/lead-key/fingerprint/v1" + public(LEAD)).digest()[:16]
    statement = _dumps({"circle_lead_group": 2, "made_at": "2026-04-06T18:30:00+00:00",
                        "for_lead": lead_fingerprint.hex(), "group": group_counts()})
    signature = signer.sign(statement)
    assert group_signing.fingerprint_digits(public_key) == digits
    assert group_signing.signed_by(public_key, signature, statement)
    statement_from_json(statement)  # the vector is a statement circle reads
    return {
        "signing_key": seed.hex(),
        "public_key": public_key.hex(),
        "fingerprint": " ".join(digits[start : start + 5] for start in range(0, 30, 5)),
        "statement": statement.decode(),
        "signature": signature.hex(),
    }


def payload(signing: dict) -> bytes:
    """A documented payload: one signed group."""
    data = _dumps({"circle_lead": 2, "groups": [{
        "statement": signing["statement"],
        "signer": base64.b64encode(bytes.fromhex(signing["public_key"])).decode(),
        "signature": base64.b64encode(bytes.fromhex(signing["signature"])).decode(),
    }]})
    bundle_from_json(data)  # the vector is a payload circle reads
    return data


def bundle_by_hand(name: str, recipient: bytes, body: bytes, nonce: bytes) -> dict:
    recipient_public = public(recipient)
    fingerprint = hashlib.sha256(b"circle/lead-key/fingerprint/v1" + recipient_public).digest()[:16]
    front = b"CIRCLE-LEAD-BUNDLE" + bytes([1]) + fingerprint
    sealed = recipients.seal_to(recipient_public, body, front, ephemeral_private_key=EPHEMERAL, nonce=nonce)
    whole = front + struct.pack(">I", len(sealed)) + sealed
    bundle = whole + hashlib.sha256(whole).digest()
    assert bundle == lead_bundle.seal_lead_bundle(body, recipient_public, ephemeral_private_key=EPHEMERAL, nonce=nonce)
    assert lead_bundle.open_lead_bundle(bundle, recipient) == body
    return {
        "name": name,
        "recipient_private_key": recipient.hex(),
        "recipient_public_key": recipient_public.hex(),
        "fingerprint": fingerprint.hex(),
        "ephemeral_private_key": EPHEMERAL.hex(),
        "nonce": nonce.hex(),
        "aad": front.hex(),
        "payload": body.hex(),
        "bundle": bundle.hex(),
    }


def bundle_failures(case: dict) -> list[dict]:
    good = bytes.fromhex(case["bundle"])
    other_fingerprint = hashlib.sha256(b"circle/lead-key/fingerprint/v1" + public(OTHER_LEAD)).digest()[:16]
    sealed_at = 19 + 16 + 4
    lead = LEAD
    wrong = [
        ("another lead's private key", "LeadBundleForAnotherLead", good, OTHER_LEAD),
        ("readdressed to another lead, digest recomputed: that lead cannot open it", "LeadBundleDamaged",
         redigest(good[:19] + other_fingerprint + good[35:]), OTHER_LEAD),
        ("readdressed to another lead, digest recomputed: the first lead skips it", "LeadBundleForAnotherLead",
         redigest(good[:19] + other_fingerprint + good[35:]), lead),
        ("empty file", "NotALeadBundle", b"", lead),
        ("a handoff's magic", "NotALeadBundle", b"CIRCLE-HANDOFF" + good[14:], lead),
        ("a lead key file", "NotALeadBundle", b"CIRCLE-LEAD-KEY\x01", lead),
        ("magic cut short", "NotALeadBundle", good[:10], lead),
        ("only the magic", "LeadBundleDamaged", good[:18], lead),
        ("version 2, digest recomputed", "LeadBundleTooNew", redigest(good[:18] + b"\x02" + good[19:]), lead),
        ("version 2 in an unknown layout", "LeadBundleTooNew", b"CIRCLE-LEAD-BUNDLE\x02????", lead),
        ("version 0, digest recomputed", "LeadBundleDamaged", redigest(good[:18] + b"\x00" + good[19:]), lead),
        ("truncated by one byte", "LeadBundleDamaged", good[:-1], lead),
        ("one trailing byte", "LeadBundleDamaged", good + b"\x00", lead),
        ("sealed_len one too small, digest recomputed", "LeadBundleDamaged",
         redigest(good[:35] + struct.pack(">I", len(good) - sealed_at - 33) + good[sealed_at:]), lead),
        ("a digest byte flipped", "LeadBundleDamaged", flip(good, len(good) - 1), lead),
        ("a one-time public key byte flipped", "LeadBundleDamaged", flip(good, sealed_at), lead),
        ("a sealed byte flipped, digest recomputed", "LeadBundleDamaged", redigest(flip(good, sealed_at + 50)), lead),
    ]
    return [{"name": name, "expect": expect, "private_key": key.hex(), "bundle": data.hex()}
            for name, expect, data, key in wrong]


def store_by_hand(signing: dict) -> dict:
    signer = base64.b64encode(bytes.fromhex(signing["public_key"])).decode()
    contents = _dumps({"circle_lead_store": 2, "groups": [
        {"made_at": "2026-04-06T18:30:00+00:00", "signer": signer, "retired": [], "group": group_counts()},
    ]})
    store_from_json(contents)
    key = hkdf(LEAD, b"circle/lead/store/v1")
    front = b"CIRCLE-LEAD-STORE" + bytes([1])
    data = front + crypto.seal(key, contents, front + public(LEAD), nonce=NONCE)
    assert data == lead_store.seal_store(contents, LEAD, nonce=NONCE)
    assert lead_store.open_store(data, LEAD) == contents
    return {
        "private_key": LEAD.hex(),
        "store_key": key.hex(),
        "nonce": NONCE.hex(),
        "aad": (front + public(LEAD)).hex(),
        "contents": contents.decode(),
        "store": data.hex(),
    }


def store_failures(case: dict) -> list[dict]:
    good = bytes.fromhex(case["store"])
    wrong = [
        ("opened with another lead's key", "LeadStoreDamaged", good, OTHER_LEAD),
        ("a sealed byte flipped", "LeadStoreDamaged", flip(good, 40), LEAD),
        ("truncated by one byte", "LeadStoreDamaged", good[:-1], LEAD),
        ("version 2", "LeadStoreTooNew", good[:17] + b"\x02" + good[18:], LEAD),
        ("empty file", "LeadStoreDamaged", b"", LEAD),
    ]
    return [{"name": name, "expect": expect, "private_key": key.hex(), "store": data.hex()}
            for name, expect, data, key in wrong]


def lead_vectors() -> dict:
    keys = [key_text_by_hand(public(LEAD)), key_text_by_hand(public(OTHER_LEAD))]
    key_file = key_file_by_hand()
    signing = signing_by_hand()
    bundles = [
        bundle_by_hand("a payload with one signed group", LEAD, payload(signing), NONCE),
        bundle_by_hand("an empty payload: the container seals bytes, not meaning", LEAD, b"", bytes(12)),
    ]
    store = store_by_hand(signing)
    return {
        "group_signing": signing,
        "key_texts": keys,
        "mistyped_keys": mistyped(keys[0]["text"]),
        "key_file": key_file,
        "key_file_failures": key_file_failures(key_file),
        "bundles": bundles,
        "bundle_failures": bundle_failures(bundles[0]),
        "store": store,
        "store_failures": store_failures(store),
    }


if __name__ == "__main__":
    (HERE / "lead_bundle.json").write_text(json.dumps(lead_vectors(), indent=2, ensure_ascii=False) + "\n",
                                          encoding="utf-8")
