"""Sealing to a public key: only the holder of the private key opens it, and every other way in fails cleanly."""

from __future__ import annotations

import re

import pytest

from circle.domain.errors import InvalidInput
from circle.vault import recipients
from circle.vault.errors import SealBroken
from circle.vault.recipients import open_with, public_key, seal_to

AAD = b"circle/test/lead-bundle"
PLAINTEXT = b"three meetings, 27 present, 4 newcomers"
PERSONAL_KEY = bytes(range(32))


@pytest.fixture
def recipient() -> bytes:
    return recipients.new_private_key()


@pytest.fixture
def sealed(recipient: bytes) -> bytes:
    return seal_to(public_key(recipient), PLAINTEXT, AAD)


def test_a_value_sealed_to_a_public_key_opens_with_its_private_key(recipient: bytes, sealed: bytes):
    assert open_with(recipient, sealed, AAD) == PLAINTEXT


def test_an_empty_plaintext_round_trips(recipient: bytes):
    assert open_with(recipient, seal_to(public_key(recipient), b"", AAD), AAD) == b""


def test_keys_have_the_documented_sizes(recipient: bytes):
    assert len(recipient) == recipients.PRIVATE_KEY_BYTES == 32
    assert len(public_key(recipient)) == recipients.PUBLIC_KEY_BYTES == 32


def test_sealing_twice_gives_different_bytes_that_both_open(recipient: bytes):
    first, second = (seal_to(public_key(recipient), PLAINTEXT, AAD) for _ in range(2))
    assert first != second
    assert first[: recipients.PUBLIC_KEY_BYTES] != second[: recipients.PUBLIC_KEY_BYTES]
    assert open_with(recipient, first, AAD) == open_with(recipient, second, AAD) == PLAINTEXT


def test_another_private_key_does_not_open_it(sealed: bytes):
    with pytest.raises(SealBroken):
        open_with(recipients.new_private_key(), sealed, AAD)


def test_other_associated_data_does_not_open_it(recipient: bytes, sealed: bytes):
    with pytest.raises(SealBroken):
        open_with(recipient, sealed, AAD + b"!")


def test_flipping_any_byte_anywhere_fails_cleanly(recipient: bytes, sealed: bytes):
    for index in range(len(sealed)):
        tampered = bytearray(sealed)
        tampered[index] ^= 0x01
        with pytest.raises(SealBroken):
            open_with(recipient, bytes(tampered), AAD)


def test_every_truncation_fails_cleanly(recipient: bytes):
    sealed = seal_to(public_key(recipient), b"", AAD)
    for length in range(len(sealed)):
        with pytest.raises(SealBroken):
            open_with(recipient, sealed[:length], AAD)


def test_a_value_that_is_not_bytes_is_refused_as_broken(recipient: bytes):
    with pytest.raises(SealBroken):
        open_with(recipient, "not bytes", AAD)  # type: ignore[arg-type]


def test_a_private_key_of_the_wrong_length_opens_nothing(sealed: bytes):
    with pytest.raises(SealBroken):
        open_with(bytes(31), sealed, AAD)


def test_the_refusal_names_where_and_holds_no_key_or_plaintext(recipient: bytes, sealed: bytes):
    with pytest.raises(SealBroken) as refused:
        open_with(recipient, sealed, b"elsewhere", where="a lead bundle")
    message = str(refused.value)
    assert "a lead bundle" in message and "\n" not in message
    assert recipient.hex() not in message and PLAINTEXT.decode() not in message


@pytest.mark.parametrize("length", [0, 31, 33, 64])
def test_a_public_key_of_the_wrong_length_is_refused_as_invalid_input(length: int):
    with pytest.raises(InvalidInput) as refused:
        seal_to(bytes(range(length)), PLAINTEXT, AAD)
    message = str(refused.value)
    assert "\n" not in message and not re.search(r"[0-9a-f]{8}", message)


def test_a_low_order_public_key_is_refused_when_sealing():
    with pytest.raises(InvalidInput):
        seal_to(bytes(32), PLAINTEXT, AAD)


def test_a_low_order_one_time_key_in_front_of_a_sealed_value_is_refused(recipient: bytes, sealed: bytes):
    # An all-zero point makes the shared secret all zeros, which cryptography refuses with ValueError.
    forged = bytes(recipients.PUBLIC_KEY_BYTES) + sealed[recipients.PUBLIC_KEY_BYTES :]
    with pytest.raises(SealBroken):
        open_with(recipient, forged, AAD)


def test_a_facilitators_key_is_derived_again_from_the_same_personal_key():
    assert recipients.facilitator_private_key(PERSONAL_KEY) == recipients.facilitator_private_key(PERSONAL_KEY)
    assert len(recipients.facilitator_private_key(PERSONAL_KEY)) == recipients.PRIVATE_KEY_BYTES


def test_different_personal_keys_give_different_facilitator_keys():
    mine = recipients.facilitator_private_key(PERSONAL_KEY)
    theirs = recipients.facilitator_private_key(bytes(range(1, 33)))
    assert mine != theirs
    assert public_key(mine) != public_key(theirs)


def test_the_facilitator_key_is_not_the_personal_key_itself():
    assert recipients.facilitator_private_key(PERSONAL_KEY) != PERSONAL_KEY


def test_a_value_sealed_to_a_facilitator_opens_with_the_key_derived_from_their_personal_key():
    facilitator = recipients.facilitator_private_key(PERSONAL_KEY)
    sealed = seal_to(public_key(facilitator), PLAINTEXT, AAD)
    assert open_with(recipients.facilitator_private_key(PERSONAL_KEY), sealed, AAD) == PLAINTEXT
