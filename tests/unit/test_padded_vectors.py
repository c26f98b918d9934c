"""The golden vectors of padded sealed values (tests/vectors/padded_fields.json): byte for byte, and every bad one refused."""

from __future__ import annotations

import json
from base64 import b64decode, b64encode
from pathlib import Path

import pytest

from circle.store.attendance import open_attendance
from circle.store.meeting_rows import row_to_record, summary_of
from circle.store.member_rows import open_dates
from circle.store.note_body import body_of, open_note
from circle.store.sealing import GroupSealer, bucket_floor
from circle.vault import errors
from circle.vault.crypto import associated_data, open_padded, seal_padded
from circle.vault.padding import pad
from circle.workspace.facilitator_record import RECORD_FLOOR, HeldKey, open_record, seal_record

VECTORS = json.loads((Path(__file__).resolve().parents[1] / "vectors" / "padded_fields.json").read_text("utf-8"))
cases = pytest.mark.parametrize("case", VECTORS["cases"], ids=[c["label"] for c in VECTORS["cases"]])
failures = pytest.mark.parametrize("case", VECTORS["failures"], ids=[c["label"] for c in VECTORS["failures"]])


def test_the_vectors_cross_a_bucket_and_hold_a_value_that_just_fits():
    sizes = {len(bytes.fromhex(case["padded"])) for case in VECTORS["cases"] if case["aad_parts"][0] == "members"}
    assert sizes == {64, 128}


@cases
def test_the_padded_plaintext_is_the_value_a_mark_and_zeros_up_to_the_bucket(case):
    assert pad(case["plaintext"].encode("utf-8"), case["floor"]).hex() == case["padded"]


@cases
def test_the_associated_data_carries_the_padded_label(case):
    assert associated_data(case["aad_parts"], label=b"circle/field/v2").hex() == case["aad"]


@cases
def test_sealing_with_the_vector_nonce_gives_the_committed_bytes(case):
    key, nonce = bytes.fromhex(case["key"]), bytes.fromhex(case["nonce"])
    sealed = seal_padded(key, case["plaintext"].encode("utf-8"), case["aad_parts"], floor=case["floor"], nonce=nonce)
    assert sealed.hex() == case["sealed"]


@cases
def test_a_committed_value_opens_to_its_plaintext(case):
    opened = open_padded(bytes.fromhex(case["key"]), bytes.fromhex(case["sealed"]), case["aad_parts"], floor=case["floor"])
    assert opened.decode("utf-8") == case["plaintext"]


@failures
def test_every_labelled_failure_refuses_to_open(case):
    with pytest.raises(getattr(errors, case["error"])):
        open_padded(bytes.fromhex(case["key"]), bytes.fromhex(case["sealed"]), case["aad_parts"], floor=case["floor"])


# The sealed records of format 3 (FORMAT.md 6.4, 6.5, 6.6, 3.9 and 7.8), each opened by the reader circle uses.

RECORDS = VECTORS["records"]
RECORD_FAILURES = VECTORS["record_failures"]
records = pytest.mark.parametrize("case", RECORDS, ids=[c["label"] for c in RECORDS])
record_failures = pytest.mark.parametrize("case", RECORD_FAILURES, ids=[c["label"] for c in RECORD_FAILURES])


def _sealer(key: bytes, parts: list) -> GroupSealer:
    return GroupSealer(group_id=parts[3], key=key, key_version=parts[4])


def read_record(record: str, key: bytes, parts: list, sealed: bytes) -> object:
    """Open `sealed` as `record`, read from where `parts` say, with circle's own reader of that record."""
    if record == "facilitators.handle":
        own = open_record(key, parts[2], sealed)
        assert own.public_key is not None
        return {
            "groups": {group_id: list(pair) for group_id, pair in own.seen.items()}, "handle": own.handle,
            "keys": {group_id: [held.version, b64encode(held.key).decode(), b64encode(held.slot).decode()]
                     for group_id, held in own.keys.items()},
            "public_key": b64encode(own.public_key).decode(),
        }
    sealer, row = _sealer(key, parts), parts[2]
    if record == "members.details":
        dates = open_dates(sealer, row, sealed)
        return {"created_at": dates.created_at.isoformat(),
                "joined_on": dates.joined_on.isoformat() if dates.joined_on else None}
    if record == "sessions.summary":
        return summary_of(row_to_record(sealer, (row, sealer.group_id, "2025-09-02", "closed", sealed)))
    if record == "sessions.attendance":
        return open_attendance(sealer, row, sealed)
    if record == "notes.body":
        return body_of(open_note(sealer, row, None, sealed))
    if record == "groups.manifest":
        return sealer.open_json("groups", "manifest", row, sealed)  # as Manifests.check opens it
    raise AssertionError(record)


def test_there_is_one_record_vector_for_each_sealed_record_of_format_3():
    assert [case["record"] for case in RECORDS] == [
        "members.details", "sessions.summary", "sessions.attendance", "notes.body", "groups.manifest",
        "facilitators.handle",
    ]


@records
def test_a_record_vector_is_padded_to_its_columns_floor(case):
    floor = RECORD_FLOOR if case["record"] == "facilitators.handle" else bucket_floor(*case["record"].split("."))
    assert case["floor"] == floor
    assert pad(case["plaintext"].encode("utf-8"), floor).hex() == case["padded"]


@records
def test_a_record_vector_holds_the_exact_json_circle_writes(case):
    if case["record"] == "facilitators.handle":
        value = case["value"]
        seen = {group_id: tuple(pair) for group_id, pair in value["groups"].items()}
        keys = {group_id: HeldKey(version, b64decode(key), b64decode(slot))
                for group_id, (version, key, slot) in value["keys"].items()}
        written = seal_record(bytes.fromhex(case["key"]), case["aad_parts"][2], value["handle"], seen, keys,
                              b64decode(value["public_key"]))
        assert open_padded(bytes.fromhex(case["key"]), written, case["aad_parts"], floor=RECORD_FLOOR).decode() == (
            case["plaintext"])
    else:
        assert json.dumps(case["value"], ensure_ascii=False, sort_keys=True) == case["plaintext"]
    assert json.loads(case["plaintext"]) == case["value"]


@records
def test_a_record_vector_seals_to_the_committed_bytes(case):
    key, nonce = bytes.fromhex(case["key"]), bytes.fromhex(case["nonce"])
    assert associated_data(case["aad_parts"], label=b"circle/field/v2").hex() == case["aad"]
    sealed = seal_padded(key, case["plaintext"].encode("utf-8"), case["aad_parts"], floor=case["floor"], nonce=nonce)
    assert sealed.hex() == case["sealed"]


@records
def test_circles_own_reader_opens_each_record_vector_to_its_value(case):
    key, sealed = bytes.fromhex(case["key"]), bytes.fromhex(case["sealed"])
    opened = read_record(case["record"], key, case["aad_parts"], sealed)
    assert opened == case["value"]


@record_failures
def test_circles_own_reader_refuses_every_labelled_record_failure(case):
    with pytest.raises(getattr(errors, case["error"])):
        read_record(case["reader"], bytes.fromhex(case["key"]), case["aad_parts"], bytes.fromhex(case["sealed"]))
