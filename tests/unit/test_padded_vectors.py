"""The golden vectors of padded sealed values (tests/vectors/padded_fields.json): byte for byte, and every bad one refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from circle.vault import errors
from circle.vault.crypto import associated_data, open_padded, seal_padded
from circle.vault.padding import pad

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
