"""Lead bundles, their payload, the lead's store and the lead's key: anything else is refused with its own error.

A bundle file gives its payload or a LeadBundleRefused; a payload or a store file gives counts or
LeadPayloadUnreadable; a typed key gives 32 bytes or LeadKeyMistyped; a key file gives a key or one of
LeadKeyDamaged, LeadKeyTooNew and WrongLeadPassphrase.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from circle.domain.trends.lead_bundle import (
    KeptGroup,
    LeadBundle,
    LeadPayloadUnreadable,
    bundle_from_json,
    bundle_to_json,
    group_for_lead,
    store_from_json,
    store_to_json,
)
from circle.domain.trends.periods import Period
from circle.domain.records import MeetingStatus
from circle.domain.trends.compute import MeetingFacts, compute_trends
from circle.vault.errors import LeadBundleRefused, LeadKeyDamaged, LeadKeyMistyped, LeadKeyTooNew, WrongLeadPassphrase
from circle.vault.keyring import FLOOR_KDF
from circle.vault.lead_bundle import open_lead_bundle, seal_lead_bundle
from circle.vault.lead_key import key_file_public_key, key_text, new_key_file, open_key_file, parse_key_text
from circle.vault.recipients import public_key
from tests.fuzz.checks import fuzz, raises_only
from tests.fuzz.strategies import byte_edits, edited, hostile_text, json_edits, json_values, mutated

PRIVATE_KEY = bytes(range(7, 39))
PUBLIC_KEY = public_key(PRIVATE_KEY)
PASSPHRASE = "a lamp in every window"
MADE = datetime(2026, 3, 2, 19, 0, tzinfo=UTC)


def _a_bundle() -> LeadBundle:
    """Two months of weekly meetings of one group, by each kind of period, small counts hidden."""
    meetings = [
        MeetingFacts(f"m{week}", "g1", date(2026, 1, 5) + timedelta(weeks=week), MeetingStatus.CLOSED, 90, 90,
                     count, week % 3, count, 0, None)
        for week, count in enumerate((6, 2, 7, 5, 8, 1, 9, 6))
    ]
    trends = {by: compute_trends(meetings, [], by=by, today=date(2027, 1, 1)).groups.get("g1") for by in Period}
    return LeadBundle(made_at=MADE, groups=(group_for_lead("g1", "Tuesday Evening", 3, trends),))


BUNDLE = _a_bundle()
PAYLOAD = bundle_to_json(BUNDLE)
STORE = store_to_json({"g1": KeptGroup(MADE, BUNDLE.groups[0])})


@pytest.fixture(scope="module")
def sealed_bundle() -> bytes:
    return seal_lead_bundle(PAYLOAD, PUBLIC_KEY)


@pytest.fixture(scope="module")
def key_file() -> bytes:
    return new_key_file(PASSPHRASE, kdf=FLOOR_KDF, private_key=PRIVATE_KEY)


def test_the_inputs_the_damage_starts_from_are_read_whole(sealed_bundle: bytes, key_file: bytes) -> None:
    assert bundle_from_json(open_lead_bundle(sealed_bundle, PRIVATE_KEY)) == BUNDLE
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
    bundle = raises_only(LeadPayloadUnreadable, lambda: bundle_from_json(data))
    if bundle is not None:
        assert bundle_from_json(bundle_to_json(bundle)) == bundle
    kept = raises_only(LeadPayloadUnreadable, lambda: store_from_json(data))
    if kept is not None:
        assert store_from_json(store_to_json(kept)) == kept


@fuzz(200)
@given(data=st.binary(max_size=200) | json_values.map(lambda value: json.dumps(value).encode()))
def test_any_bytes_or_json_are_a_payload_or_refused_as_unreadable(data: bytes) -> None:
    _read_payload(data)


@fuzz(150)
@given(which=st.sampled_from([PAYLOAD, STORE]), edits=json_edits)
def test_a_payload_or_store_edited_anywhere_is_read_exactly_or_refused(which: bytes, edits) -> None:
    changed = edited(json.loads(which), edits)
    _read_payload(json.dumps(changed, ensure_ascii=False).encode())



def _with_first_row(by: str, **changes: object) -> bytes:
    payload = json.loads(PAYLOAD)
    payload["groups"][0]["periods"][by][0].update(changes)
    return json.dumps(payload).encode()


@pytest.mark.parametrize(
    "data",
    [
        _with_first_row("week", mean_attendance=10**400),
        _with_first_row("week", first_day="9999-12-27"),  # a Monday whose week ends after year 9999
        _with_first_row("month", first_day="9999-12-01"),
        _with_first_row("quarter", first_day="9999-10-01"),
    ],
    ids=["a 401-digit mean", "the last week of 9999", "the last month of 9999", "the last quarter of 9999"],
)
def test_a_payload_with_a_number_or_day_python_cannot_hold_is_refused_as_unreadable(data: bytes) -> None:
    with pytest.raises(LeadPayloadUnreadable):
        bundle_from_json(data)


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
