"""Sealed fields and values sealed to a public key: any bytes at all are opened or refused as SealBroken.

tests/unit/test_vault.py and test_recipients.py flip single bytes and cut values short; here the damage
is random and repeated (insertions, deletions, repeats, several edits at once), and so are the plaintexts.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from circle.store.sealing import GroupSealer
from circle.vault import crypto, recipients
from circle.vault.errors import SealBroken
from tests.fuzz.checks import fuzz, raises_only
from tests.fuzz.strategies import byte_edits, hostile_text, mutated

KEY = bytes(range(32))
PRIVATE_KEY = bytes(range(1, 33))
PUBLIC_KEY = recipients.public_key(PRIVATE_KEY)
AAD = crypto.associated_data(["members", "name", "m-1", "g-1", 1])
SEALER = GroupSealer("g-1", KEY, key_version=1)

plaintexts = st.binary(max_size=300)
any_bytes = st.binary(max_size=400)


@fuzz(300)
@given(sealed=any_bytes)
def test_random_bytes_never_open_as_a_sealed_field(sealed: bytes) -> None:
    with pytest.raises(SealBroken):
        crypto.open_sealed(KEY, sealed, AAD, where="members.name")


# Each way circle seals a value, as (seal, open): to a group's key, and to a facilitator's public key.
SEALINGS = {
    "a sealed field": (
        lambda plaintext: crypto.seal(KEY, plaintext, AAD),
        lambda sealed: crypto.open_sealed(KEY, sealed, AAD, where="members.name"),
    ),
    "a value sealed to a public key": (
        lambda plaintext: recipients.seal_to(PUBLIC_KEY, plaintext, AAD),
        lambda sealed: recipients.open_with(PRIVATE_KEY, sealed, AAD),
    ),
}


@pytest.mark.parametrize("sealing", SEALINGS)
@fuzz(250)
@given(plaintext=plaintexts, edits=byte_edits)
def test_damaged_sealed_bytes_are_refused_and_never_open_to_something_else(sealing: str, plaintext, edits) -> None:
    seal, open_ = SEALINGS[sealing]
    sealed = seal(plaintext)
    damaged = mutated(sealed, edits)
    opened = raises_only(SealBroken, lambda: open_(damaged))
    # An edit may undo itself (a byte flipped twice); only then does the value open, to what was sealed.
    assert opened is None or (damaged == sealed and opened == plaintext)


@fuzz(200)
@given(sealed=any_bytes | st.text(max_size=40) | st.none() | st.integers())
def test_random_values_never_open_as_sealed_to_a_public_key(sealed) -> None:
    with pytest.raises(SealBroken):
        recipients.open_with(PRIVATE_KEY, sealed, AAD, where="key_slots.wrapped_key")




@fuzz(100)
@given(private_key=st.binary(max_size=64), plaintext=plaintexts)
def test_a_private_key_of_any_length_opens_nothing_it_should_not(private_key: bytes, plaintext: bytes) -> None:
    sealed = recipients.seal_to(PUBLIC_KEY, plaintext, AAD)
    opened = raises_only(SealBroken, lambda: recipients.open_with(private_key, sealed, AAD))
    assert opened is None or private_key == PRIVATE_KEY


@fuzz(150)
@given(text=hostile_text, edits=byte_edits)
def test_a_damaged_sealed_text_or_json_column_is_refused_as_broken(text: str, edits) -> None:
    # The store's own boundary: open_text decodes UTF-8 and open_json parses, but only what verified.
    for seal, open_ in ((SEALER.seal_text, SEALER.open_text), (SEALER.seal_json, SEALER.open_json)):
        sealed = seal("groups", "profile", "g-1", text)
        damaged = mutated(sealed, edits)
        opened = raises_only(SealBroken, lambda: open_("groups", "profile", "g-1", damaged))
        assert opened is None or (damaged == sealed and opened == text)
