"""The golden vectors in tests/vectors/: circle seals and opens them byte for byte, and refuses every bad one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from circle.vault import errors, keyring
from circle.vault.crypto import associated_data, open_sealed, seal
from circle.vault.keyring import KdfParams

VECTORS = Path(__file__).resolve().parents[1] / "vectors"
SEALED = json.loads((VECTORS / "sealed_fields.json").read_text(encoding="utf-8"))
ARGON2ID = json.loads((VECTORS / "argon2id.json").read_text(encoding="utf-8"))

cases = pytest.mark.parametrize("case", SEALED["cases"], ids=[c["label"] for c in SEALED["cases"]])
failures = pytest.mark.parametrize("case", SEALED["failures"], ids=[c["label"] for c in SEALED["failures"]])


def test_the_vectors_cover_an_empty_plaintext_and_an_emoji():
    plaintexts = [case["plaintext"] for case in SEALED["cases"]]
    assert "" in plaintexts
    assert any(ord(char) > 0xFFFF for text in plaintexts for char in text)


@cases
def test_associated_data_encodes_the_parts_as_the_spec_says(case):
    assert associated_data(case["aad_parts"]).hex() == case["aad"]


@cases
def test_sealing_with_the_vector_nonce_gives_the_committed_bytes(case):
    aad = associated_data(case["aad_parts"])
    sealed = seal(bytes.fromhex(case["key"]), case["plaintext"].encode(), aad, nonce=bytes.fromhex(case["nonce"]))
    assert sealed.hex() == case["sealed"]


@cases
def test_a_committed_sealed_value_opens_to_its_plaintext(case):
    opened = open_sealed(bytes.fromhex(case["key"]), bytes.fromhex(case["sealed"]), associated_data(case["aad_parts"]))
    assert opened.decode("utf-8") == case["plaintext"]


@failures
def test_every_labelled_failure_refuses_to_open(case):
    error = getattr(errors, case["error"])
    with pytest.raises(error):
        open_sealed(bytes.fromhex(case["key"]), bytes.fromhex(case["sealed"]), associated_data(case["aad_parts"]))


@pytest.mark.parametrize("vector", ARGON2ID["kdf"], ids=["ascii", "unicode"])
def test_argon2id_at_the_floor_parameters_gives_the_committed_kek(vector):
    params = KdfParams(**vector["params"])
    kek = keyring.derive_kek(vector["passphrase"], bytes.fromhex(vector["salt"]), params)
    assert kek.hex() == vector["kek"]


def test_the_committed_wrapped_personal_key_unwraps_and_rewraps_exactly():
    vector = ARGON2ID["wrapped_personal_key"]
    kek = bytes.fromhex(vector["kek"])
    wrapped = bytes.fromhex(vector["wrapped"])
    assert keyring.unwrap_personal_key(kek, wrapped, vector["facilitator_id"]).hex() == vector["personal_key"]
    rewrapped = seal(
        kek, bytes.fromhex(vector["personal_key"]), associated_data(vector["aad_parts"]),
        nonce=bytes.fromhex(vector["nonce"]),
    )
    assert rewrapped == wrapped


def test_the_committed_wrapped_personal_key_refuses_another_facilitator():
    vector = ARGON2ID["wrapped_personal_key"]
    with pytest.raises(errors.WrongPassphrase):
        keyring.unwrap_personal_key(bytes.fromhex(vector["kek"]), bytes.fromhex(vector["wrapped"]), "someone-else")


def test_the_committed_group_key_slot_unwraps_with_its_personal_key():
    vector = ARGON2ID["wrapped_group_key"]
    group_key = keyring.unwrap_group_key(
        bytes.fromhex(vector["personal_key"]), bytes.fromhex(vector["wrapped"]),
        vector["facilitator_id"], vector["group_id"], vector["key_version"],
    )
    assert group_key.hex() == vector["group_key"]


def test_the_committed_group_key_slot_refuses_another_key_version():
    vector = ARGON2ID["wrapped_group_key"]
    with pytest.raises(errors.SealBroken):
        keyring.unwrap_group_key(
            bytes.fromhex(vector["personal_key"]), bytes.fromhex(vector["wrapped"]),
            vector["facilitator_id"], vector["group_id"], vector["key_version"] + 1,
        )
