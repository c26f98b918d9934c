"""The golden lead vectors (tests/vectors/lead_bundle.json): circle makes and opens them byte for byte, and
refuses every labelled failure with its documented error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from circle.domain.trends.lead_bundle import bundle_from_json, statement_from_json, store_from_json
from circle.vault import errors, group_signing, keyring, lead_key
from circle.vault.crypto import open_sealed
from circle.vault.keyring import KdfParams
from circle.vault.lead_bundle import open_lead_bundle, seal_lead_bundle
from circle.vault.lead_store import open_store, seal_store, store_key
from circle.vault.recipients import PUBLIC_KEY_BYTES

LEAD = json.loads((Path(__file__).resolve().parents[1] / "vectors" / "lead_bundle.json").read_text(encoding="utf-8"))


def named(key: str) -> pytest.MarkDecorator:
    return pytest.mark.parametrize("case", LEAD[key], ids=[case.get("name", case.get("text")) for case in LEAD[key]])


def refused_with(case: dict) -> type[Exception]:
    return getattr(errors, case["expect"])


@named("key_texts")
def test_a_public_key_is_written_as_the_committed_text_and_read_back(case):
    key = bytes.fromhex(case["public_key"])
    assert lead_key.key_text(key) == case["text"]
    assert lead_key.parse_key_text(case["text"]) == key
    assert lead_key.parse_key_text(case["text"].upper()) == key


@named("mistyped_keys")
def test_every_labelled_mistyped_key_is_refused(case):
    with pytest.raises(refused_with(case)):
        lead_key.parse_key_text(case["typed"])


def test_the_committed_key_file_is_made_byte_for_byte_and_opens_with_its_passphrase():
    case = LEAD["key_file"]
    made = lead_key.new_key_file(
        case["passphrase"], kdf=KdfParams(**case["kdf"]), private_key=bytes.fromhex(case["private_key"]),
        salt=bytes.fromhex(case["salt"]), nonce=bytes.fromhex(case["nonce"]),
    )
    assert made.hex() == case["key_file"]
    assert lead_key.open_key_file(made, case["passphrase"]).hex() == case["private_key"]
    assert lead_key.key_file_public_key(made).hex() == case["public_key"]


def test_the_committed_key_file_lays_out_its_header_and_seal_where_the_spec_says():
    case = LEAD["key_file"]
    data = bytes.fromhex(case["key_file"])
    header = case["header"].encode()
    assert data[:18] == b"CIRCLE-LEAD-KEY\x01" + len(header).to_bytes(2, "big")
    assert data[18 : 18 + len(header)] == header
    kek = keyring.derive_kek(case["passphrase"], bytes.fromhex(case["salt"]), KdfParams(**case["kdf"]))
    assert kek.hex() == case["argon2id_output"]
    sealed = data[18 + len(header) : -32]
    assert open_sealed(kek, sealed, data[: 18 + len(header)]).hex() == case["private_key"]


@named("key_file_failures")
def test_every_labelled_key_file_failure_gives_its_error(case):
    with pytest.raises(refused_with(case)):
        lead_key.open_key_file(bytes.fromhex(case["key_file"]), case["passphrase"])


@named("bundles")
def test_sealing_a_bundle_with_the_vector_keys_gives_the_committed_bytes(case):
    bundle = seal_lead_bundle(
        bytes.fromhex(case["payload"]), bytes.fromhex(case["recipient_public_key"]),
        ephemeral_private_key=bytes.fromhex(case["ephemeral_private_key"]), nonce=bytes.fromhex(case["nonce"]),
    )
    assert bundle.hex() == case["bundle"]
    assert bundle[:35].hex() == case["aad"]
    assert bundle[19:35].hex() == case["fingerprint"]
    assert lead_key.fingerprint(bytes.fromhex(case["recipient_public_key"])).hex() == case["fingerprint"]


@named("bundles")
def test_a_committed_bundle_opens_to_its_payload_with_the_recipients_key(case):
    payload = open_lead_bundle(bytes.fromhex(case["bundle"]), bytes.fromhex(case["recipient_private_key"]))
    assert payload.hex() == case["payload"]
    assert bytes.fromhex(case["bundle"])[39 : 39 + PUBLIC_KEY_BYTES]  # the one-time public key follows sealed_len


def test_the_committed_payload_is_read_as_the_spec_describes_it():
    [signed] = bundle_from_json(bytes.fromhex(LEAD["bundles"][0]["payload"]))
    case = LEAD["group_signing"]
    assert (signed.signer.hex(), signed.signature.hex()) == (case["public_key"], case["signature"])
    assert group_signing.signed_by(signed.signer, signed.signature, signed.statement)
    statement = statement_from_json(signed.statement)
    group = statement.group
    assert (group.name, group.threshold, statement.made_at.isoformat()) == (
        "Tuesday Evening Support", 3, "2026-04-06T18:30:00+00:00",
    )
    assert statement.for_lead == LEAD["bundles"][0]["fingerprint"]
    [march] = group.months
    assert (march["label"], march["newcomers"], march["returned"]) == ("2026-03", "<3", None)


def test_a_groups_public_key_fingerprint_and_signature_are_as_the_spec_says():
    case = LEAD["group_signing"]
    seed = bytes.fromhex(case["signing_key"])
    assert group_signing.signer_public_key(seed).hex() == case["public_key"]
    assert group_signing.fingerprint_text(bytes.fromhex(case["public_key"])) == case["fingerprint"]
    assert group_signing.sign(seed, case["statement"].encode()).hex() == case["signature"]


@named("bundle_failures")
def test_every_labelled_bundle_failure_gives_its_error(case):
    with pytest.raises(errors.LeadBundleRefused) as refused:
        open_lead_bundle(bytes.fromhex(case["bundle"]), bytes.fromhex(case["private_key"]))
    assert type(refused.value) is refused_with(case)


def test_the_committed_store_is_sealed_byte_for_byte_under_the_key_derived_from_the_lead_key():
    case = LEAD["store"]
    private = bytes.fromhex(case["private_key"])
    assert store_key(private).hex() == case["store_key"]
    sealed = seal_store(case["contents"].encode(), private, nonce=bytes.fromhex(case["nonce"]))
    assert sealed.hex() == case["store"]
    assert open_store(sealed, private).decode() == case["contents"]
    assert list(store_from_json(case["contents"].encode())) == ["9a1b7c3d5e2f4a6b8c0d1e3f5a7b9c2d"]


@named("store_failures")
def test_every_labelled_store_failure_gives_its_error(case):
    with pytest.raises(refused_with(case)):
        open_store(bytes.fromhex(case["store"]), bytes.fromhex(case["private_key"]))
