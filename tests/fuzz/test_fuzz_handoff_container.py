"""The handoff container and its code: any file and any typed code give the payload or a handoff refusal.

tests/unit/test_handoff_container.py checks each region and each step of docs/FORMAT.md section 11.4;
here files are random or damaged at random (several edits, the digest recomputed as a forger would),
and codes are any text at all.
"""

from __future__ import annotations

import hashlib
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from circle.vault import errors
from circle.vault.handoff import CODE_ALPHABET, MAGIC, normalise_code, open_handoff, seal_handoff
from circle.vault.keyring import FLOOR_KDF
from tests.fuzz.checks import fuzz, raises_only
from tests.fuzz.strategies import byte_edits, hostile_text, mutated

CODE = "K7QM-2XDA-MPRT-WB4C"
PAYLOAD = b'{"circle_handoff": 1}'


@pytest.fixture(scope="module")
def bundle() -> bytes:
    return seal_handoff(PAYLOAD, CODE, kdf=FLOOR_KDF)


# Codes as people type them: any text, or the real code with its letters and separators mangled.
typed_codes = hostile_text | st.text(alphabet=CODE_ALPHABET + string.ascii_lowercase + "018-_. \t\r\n9", max_size=30)


@fuzz(500)
@given(typed=typed_codes)
def test_any_typed_code_normalises_to_sixteen_letters_or_is_refused_as_malformed(typed: str) -> None:
    letters = raises_only(errors.HandoffCodeMalformed, lambda: normalise_code(typed))
    if letters is not None:
        assert len(letters) == 16 and set(letters) <= set(CODE_ALPHABET)
        assert normalise_code(letters) == letters  # already normal: nothing changes it again


@fuzz(300)
@given(data=st.binary(max_size=300) | st.binary(max_size=200).map(lambda tail: MAGIC + tail))
def test_random_bytes_are_never_opened_and_never_cost_a_key_derivation(data: bytes) -> None:
    # Nothing random has a matching digest, so every refusal comes before the slow key derivation.
    with pytest.raises((errors.NotAHandoff, errors.HandoffTooNew, errors.HandoffDamaged)):
        open_handoff(data, CODE)


@fuzz(300)
@given(edits=byte_edits)
def test_a_damaged_file_is_refused_before_the_code_is_tried(bundle: bytes, edits) -> None:
    damaged = mutated(bundle, edits)
    opened = raises_only(errors.HandoffRefused, lambda: open_handoff(damaged, CODE))
    assert opened is None or (damaged == bundle and opened == PAYLOAD)


def _forged(body: bytes) -> bytes:
    """The body with a digest that matches it again, as a forger would make it."""
    return body + hashlib.sha256(body).digest()


@fuzz(200)
@given(edits=byte_edits)
def test_a_forged_file_with_a_malformed_code_is_refused_without_deriving_a_key(bundle: bytes, edits) -> None:
    # A malformed code stops the import before the key derivation, whatever the header asks for.
    forged = _forged(mutated(bundle[:-32], edits))
    with pytest.raises((errors.NotAHandoff, errors.HandoffTooNew, errors.HandoffDamaged, errors.HandoffCodeMalformed)):
        open_handoff(forged, "not a code")


@fuzz(40)
@given(edits=byte_edits, typed=st.sampled_from([CODE, CODE.lower(), "K7QM-2XDA-MPRT-WB4D"]))
def test_a_forged_file_past_its_header_is_refused_as_damaged_or_as_the_wrong_code(
    bundle: bytes, edits, typed: str
) -> None:
    # The header is left alone, so each example costs one key derivation at the floor, not what a forger asks.
    header_end = 17 + int.from_bytes(bundle[15:17], "big")
    forged = _forged(bundle[:header_end] + mutated(bundle[header_end:-32], edits))
    opened = raises_only((errors.HandoffDamaged, errors.WrongHandoffCode), lambda: open_handoff(forged, typed))
    assert opened is None or (forged == bundle and opened == PAYLOAD)
