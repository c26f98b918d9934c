"""The golden vectors in tests/vectors/: circle seals and opens them byte for byte, and refuses every bad one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from circle.vault import errors, keyring, recipients
from circle.vault.crypto import associated_data, open_sealed, seal
from circle.vault.handoff import normalise_code, open_handoff, seal_handoff
from circle.vault.keyring import KdfParams

VECTORS = Path(__file__).resolve().parents[1] / "vectors"
SEALED = json.loads((VECTORS / "sealed_fields.json").read_text(encoding="utf-8"))
ARGON2ID = json.loads((VECTORS / "argon2id.json").read_text(encoding="utf-8"))
HANDOFF = json.loads((VECTORS / "handoff.json").read_text(encoding="utf-8"))
SEALED_TO = json.loads((VECTORS / "sealed_to.json").read_text(encoding="utf-8"))

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


def named(key: str, vectors: dict) -> pytest.MarkDecorator:
    """Parametrize over vectors[key], each test named after its vector."""
    return pytest.mark.parametrize("case", vectors[key], ids=[c.get("name", c.get("typed")) for c in vectors[key]])


def refused_with(case: dict) -> type[Exception]:
    return getattr(errors, case["expect"])


@named("cases", HANDOFF)
def test_sealing_a_handoff_with_the_vector_salt_and_nonce_gives_the_committed_bytes(case):
    bundle = seal_handoff(
        bytes.fromhex(case["payload"]), case["code"], kdf=KdfParams(**case["kdf"]),
        salt=bytes.fromhex(case["salt"]), nonce=bytes.fromhex(case["nonce"]),
    )
    assert bundle.hex() == case["bundle"]


@named("cases", HANDOFF)
def test_a_committed_handoff_opens_to_its_payload(case):
    assert open_handoff(bytes.fromhex(case["bundle"]), case["code"]).hex() == case["payload"]


@named("cases", HANDOFF)
def test_a_committed_handoff_carries_its_header_and_check_where_the_layout_says(case):
    bundle = bytes.fromhex(case["bundle"])
    header = case["header"].encode("utf-8")
    assert bundle[:17] == b"CIRCLE-HANDOFF\x01" + len(header).to_bytes(2, "big")
    assert bundle[17 : 17 + len(header)] == header
    assert bundle[17 + len(header) : 33 + len(header)].hex() == case["check"]


@named("cases", HANDOFF)
def test_the_handoff_kdf_stretches_the_normalised_code_to_the_committed_output(case):
    assert normalise_code(case["code"]) == case["normalised_code"]
    stretched = keyring.derive_kek(case["normalised_code"], bytes.fromhex(case["salt"]), KdfParams(**case["kdf"]))
    assert stretched.hex() == case["argon2id_output"]


@named("codes", HANDOFF)
def test_every_typed_code_normalises_or_is_refused_as_the_vector_says(case):
    if "expect" in case:
        with pytest.raises(refused_with(case)):
            normalise_code(case["typed"])
    else:
        assert normalise_code(case["typed"]) == case["normalised"]


@named("failures", HANDOFF)
def test_every_labelled_handoff_failure_gives_its_error(case):
    with pytest.raises(errors.HandoffRefused) as refused:
        open_handoff(bytes.fromhex(case["bundle"]), case["code"])
    assert type(refused.value) is refused_with(case)


@pytest.mark.parametrize("vector", SEALED_TO["facilitator_keys"], ids=["counting", "all zero"])
def test_a_facilitators_x25519_key_derives_from_their_personal_key_as_committed(vector):
    private = recipients.facilitator_private_key(bytes.fromhex(vector["personal_key"]))
    assert private.hex() == vector["private_key"]
    assert recipients.public_key(private).hex() == vector["public_key"]


@named("cases", SEALED_TO)
def test_sealing_to_the_vector_keys_gives_the_committed_bytes(case):
    assert recipients.public_key(bytes.fromhex(case["recipient_private_key"])).hex() == case["recipient_public_key"]
    sealed = recipients.seal_to(
        bytes.fromhex(case["recipient_public_key"]), bytes.fromhex(case["plaintext"]), bytes.fromhex(case["aad"]),
        ephemeral_private_key=bytes.fromhex(case["ephemeral_private_key"]), nonce=bytes.fromhex(case["nonce"]),
    )
    assert sealed.hex() == case["sealed"]
    assert sealed[: recipients.PUBLIC_KEY_BYTES].hex() == case["ephemeral_public_key"]


@named("cases", SEALED_TO)
def test_after_the_one_time_key_comes_a_sealed_value_under_the_committed_wrap_key(case):
    sealed = bytes.fromhex(case["sealed"])
    value = sealed[recipients.PUBLIC_KEY_BYTES :]
    opened = open_sealed(bytes.fromhex(case["wrap_key"]), value, bytes.fromhex(case["aad"]))
    assert opened.hex() == case["plaintext"]


@named("cases", SEALED_TO)
def test_a_committed_value_sealed_to_a_key_opens_with_its_private_key(case):
    opened = recipients.open_with(
        bytes.fromhex(case["recipient_private_key"]), bytes.fromhex(case["sealed"]), bytes.fromhex(case["aad"])
    )
    assert opened.hex() == case["plaintext"]


@named("failures", SEALED_TO)
def test_every_labelled_sealed_to_failure_refuses_to_open(case):
    with pytest.raises(refused_with(case)):
        recipients.open_with(
            bytes.fromhex(case["private_key"]), bytes.fromhex(case["sealed"]), bytes.fromhex(case["aad"])
        )


@named("refused_public_keys", SEALED_TO)
def test_every_labelled_public_key_is_refused_before_sealing(case):
    with pytest.raises(refused_with(case)):
        recipients.seal_to(bytes.fromhex(case["public_key"]), b"anything", b"")


KEY_SLOTS = SEALED_TO["key_slots"]


@pytest.mark.parametrize("case", KEY_SLOTS["cases"], ids=[c["label"] for c in KEY_SLOTS["cases"]])
def test_a_committed_key_slot_opens_with_the_facilitators_personal_key(case):
    assert associated_data(case["aad_parts"]).hex() == case["aad"]
    opened = keyring.open_group_key(
        bytes.fromhex(case["personal_key"]), bytes.fromhex(case["sealed"]),
        case["facilitator_id"], case["group_id"], case["key_version"],
    )
    assert opened.hex() == case["group_key"] == case["plaintext"]


@pytest.mark.parametrize("case", KEY_SLOTS["cases"], ids=[c["label"] for c in KEY_SLOTS["cases"]])
def test_a_key_slot_sealed_with_the_vector_one_time_key_gives_the_committed_bytes(case):
    public = keyring.facilitator_public_key(bytes.fromhex(case["personal_key"]))
    assert public.hex() == case["recipient_public_key"]
    sealed = recipients.seal_to(
        public, bytes.fromhex(case["group_key"]), bytes.fromhex(case["aad"]),
        ephemeral_private_key=bytes.fromhex(case["ephemeral_private_key"]), nonce=bytes.fromhex(case["nonce"]),
    )
    assert sealed.hex() == case["sealed"]


@pytest.mark.parametrize("case", KEY_SLOTS["failures"], ids=[c["label"] for c in KEY_SLOTS["failures"]])
def test_every_labelled_key_slot_failure_refuses_to_open(case):
    with pytest.raises(refused_with(case)):
        keyring.open_group_key(
            bytes.fromhex(case["personal_key"]), bytes.fromhex(case["sealed"]),
            case["facilitator_id"], case["group_id"], case["key_version"],
        )
