"""Lead bundles, their payload, the lead's store and the lead's key: anything else is refused with its own error.

A bundle file gives its payload or a LeadBundleRefused; a payload or a store file gives counts or
LeadPayloadUnreadable; a typed key gives 32 bytes or LeadKeyMistyped; a key file gives a key or one of
LeadKeyDamaged, LeadKeyTooNew and WrongLeadPassphrase.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from circle.domain.errors import CircleError
from circle.domain.trends.lead_bundle import (
    KeptGroup,
    LeadPayloadUnreadable,
    bundle_from_json,
    bundle_to_json,
    statement_from_json,
    statement_to_json,
    store_from_json,
    store_to_json,
)
from circle.lead.folder import LeadFolder
from circle.lead.received import received_groups
from circle.paths import locations
from circle.vault.group_signing import signed_by
from circle.vault.errors import LeadBundleRefused, LeadKeyDamaged, LeadKeyMistyped, LeadKeyTooNew, WrongLeadPassphrase
from circle.vault.keyring import FLOOR_KDF
from circle.vault.lead_bundle import open_lead_bundle, seal_lead_bundle
from circle.vault.lead_key import key_file_public_key, key_text, new_key_file, open_key_file, parse_key_text
from circle.vault.recipients import public_key
from tests.fuzz.checks import fuzz, raises_only
from tests.fuzz.strategies import byte_edits, edited, hostile_text, json_edits, json_values, mutated
from tests.lead_bundles import signed_statements, synthetic_bundle

PRIVATE_KEY = bytes(range(7, 39))
PUBLIC_KEY = public_key(PRIVATE_KEY)
PASSPHRASE = "a lamp in every window"
MADE = datetime(2026, 3, 2, 19, 0, tzinfo=UTC)

BUNDLE = synthetic_bundle(MADE)
SIGNED = signed_statements(BUNDLE, PUBLIC_KEY)
PAYLOAD = bundle_to_json(SIGNED)
STATEMENT = SIGNED[0].statement
STORE = store_to_json({"g1": KeptGroup(MADE, BUNDLE.groups[0], BUNDLE.signer)})
RECEIVED = BUNDLE.received()


@pytest.fixture(scope="module")
def sealed_bundle() -> bytes:
    return seal_lead_bundle(PAYLOAD, PUBLIC_KEY)


@pytest.fixture(scope="module")
def key_file() -> bytes:
    return new_key_file(PASSPHRASE, kdf=FLOOR_KDF, private_key=PRIVATE_KEY)


def test_the_inputs_the_damage_starts_from_are_read_whole(sealed_bundle: bytes, key_file: bytes) -> None:
    assert bundle_from_json(open_lead_bundle(sealed_bundle, PRIVATE_KEY)) == tuple(SIGNED)
    assert received_groups(sealed_bundle, PRIVATE_KEY, now=MADE) == RECEIVED
    assert store_from_json(STORE)["g1"].group == BUNDLE.groups[0]
    assert open_key_file(key_file, PASSPHRASE) == PRIVATE_KEY


@fuzz(200)
@given(data=st.binary(max_size=300) | st.binary(max_size=200).map(b"CIRCLE-LEAD-BUNDLE".__add__))
def test_random_bytes_are_never_opened_as_a_lead_bundle(data: bytes) -> None:
    with pytest.raises(LeadBundleRefused):
        open_lead_bundle(data, PRIVATE_KEY)


@fuzz(200)
@given(edits=byte_edits, forged=st.booleans())
def test_a_damaged_or_forged_bundle_is_refused(sealed_bundle: bytes, edits, forged: bool) -> None:
    damaged = mutated(sealed_bundle, edits)
    if forged and len(damaged) > 32:  # the digest made to match again, as a forger would
        damaged = damaged[:-32] + hashlib.sha256(damaged[:-32]).digest()
    opened = raises_only(LeadBundleRefused, lambda: open_lead_bundle(damaged, PRIVATE_KEY))
    assert opened is None or opened == PAYLOAD


def _read_payload(data: bytes) -> None:
    signed = raises_only(LeadPayloadUnreadable, lambda: bundle_from_json(data))
    if signed is not None:
        assert bundle_from_json(bundle_to_json(signed)) == signed
    statement = raises_only(LeadPayloadUnreadable, lambda: statement_from_json(data))
    if statement is not None:
        assert statement_from_json(statement_to_json(statement)) == statement
    kept = raises_only(LeadPayloadUnreadable, lambda: store_from_json(data))
    if kept is not None:
        assert store_from_json(store_to_json(kept)) == kept


@fuzz(200)
@given(data=st.binary(max_size=200) | json_values.map(lambda value: json.dumps(value).encode()))
def test_any_bytes_or_json_are_a_payload_or_refused_as_unreadable(data: bytes) -> None:
    _read_payload(data)


@fuzz(150)
@given(which=st.sampled_from([PAYLOAD, STATEMENT, STORE]), edits=json_edits)
def test_a_payload_or_store_edited_anywhere_is_read_exactly_or_refused(which: bytes, edits) -> None:
    changed = edited(json.loads(which), edits)
    _read_payload(json.dumps(changed, ensure_ascii=False).encode())



def _with_first_month(**changes: object) -> bytes:
    statement = json.loads(STATEMENT)
    statement["group"]["months"][0].update(changes)
    return json.dumps(statement).encode()


@pytest.mark.parametrize(
    "data",
    [_with_first_month(mean_attendance=10**400), _with_first_month(first_day="9999-12-01")],
    ids=["a 401-digit mean", "the last month of 9999"],
)
def test_a_statement_with_a_number_or_day_python_cannot_hold_is_refused_as_unreadable(data: bytes) -> None:
    with pytest.raises(LeadPayloadUnreadable):
        statement_from_json(data)


# ---- the signer: nothing but what a group's key signed is ever taken in ------------------------------------------


@fuzz(200)
@given(edits=json_edits)
def test_a_signed_payload_edited_anywhere_gives_only_groups_as_signed_or_is_refused_whole(edits) -> None:
    changed = json.dumps(edited(json.loads(PAYLOAD), edits), ensure_ascii=False).encode()
    sealed = seal_lead_bundle(changed, PUBLIC_KEY)
    received = raises_only(CircleError, lambda: received_groups(sealed, PRIVATE_KEY, now=MADE))
    assert received is None or all(group in RECEIVED for group in received)


@fuzz(200)
@given(edits=byte_edits, part=st.sampled_from(["statement", "signer", "signature"]))
def test_a_statement_signer_or_signature_changed_by_a_byte_is_never_taken(edits, part: str) -> None:
    signed = SIGNED[0]
    changed = replace(signed, **{part: mutated(getattr(signed, part), edits)})
    if changed == signed:
        return
    assert not signed_by(changed.signer, changed.signature, changed.statement)
    try:
        payload = bundle_to_json([changed])
    except UnicodeDecodeError:  # a statement no longer UTF-8 cannot travel in a bundle at all
        return
    sealed = seal_lead_bundle(payload, PUBLIC_KEY)
    with pytest.raises(CircleError):
        received_groups(sealed, PRIVATE_KEY, now=MADE)


@pytest.fixture(scope="module")
def lead_store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder = LeadFolder(locations(tmp_path_factory.mktemp("lead")))
    folder.create_key(PASSPHRASE, kdf=FLOOR_KDF)
    return folder.unlock(PASSPHRASE), tmp_path_factory.mktemp("arriving")


@fuzz(60)
@given(edits=byte_edits)
def test_a_lead_store_takes_in_a_damaged_bundle_file_whole_or_not_at_all(lead_store, edits) -> None:
    store, arriving = lead_store
    ours = parse_key_text(store._folder.public_key_text())
    path = arriving / "arrived.circlelead"
    sealed = seal_lead_bundle(bundle_to_json(signed_statements(BUNDLE, ours)), ours)
    path.write_bytes(mutated(sealed, edits))
    result = store.import_paths([path])
    assert len(result.problems) <= 1 and all("\n" not in line for line in result.problems)
    for kept in store.kept().values():
        assert (kept.group, kept.signer) == (BUNDLE.groups[0], BUNDLE.signer)


@fuzz(200)
@given(edits=byte_edits)
def test_a_payload_damaged_byte_by_byte_is_read_exactly_or_refused(edits) -> None:
    _read_payload(mutated(PAYLOAD, edits))


@fuzz(300)
@given(
    typed=hostile_text | st.builds("{}{}".format, st.sampled_from(["circle-lead-", key_text(PUBLIC_KEY)]), hostile_text)
)
def test_any_typed_lead_key_is_a_public_key_or_refused_as_mistyped(typed: str) -> None:
    key = raises_only(LeadKeyMistyped, lambda: parse_key_text(typed))
    assert key is None or key == PUBLIC_KEY or len(key) == 32


@fuzz(200)
@given(edits=byte_edits)
def test_a_damaged_key_file_still_names_its_key_or_is_refused_without_a_passphrase(key_file: bytes, edits) -> None:
    # Reading the public key derives nothing, so the header may ask for anything.
    damaged = mutated(key_file, edits)
    public = raises_only((LeadKeyDamaged, LeadKeyTooNew), lambda: key_file_public_key(damaged))
    assert public is None or public == PUBLIC_KEY


@fuzz(30)
@given(edits=byte_edits, passphrase=st.just(PASSPHRASE) | hostile_text)
def test_a_key_file_forged_past_its_header_opens_nothing_it_should_not(key_file: bytes, edits, passphrase: str) -> None:
    # The header stays as written (the floor of the key derivation), so each example derives one key quickly.
    header_end = len(key_file) - 32 - 61
    body = key_file[:header_end] + mutated(key_file[header_end:-32], edits)
    forged = body + hashlib.sha256(body).digest()
    errors = (LeadKeyDamaged, LeadKeyTooNew, WrongLeadPassphrase)
    opened = raises_only(errors, lambda: open_key_file(forged, passphrase))
    assert opened is None or (opened == PRIVATE_KEY and passphrase == PASSPHRASE)
