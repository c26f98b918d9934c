"""The handoff container: a code read aloud opens it, and every other file or code is refused with a clear reason."""

from __future__ import annotations

import os
import re
import struct

import pytest

from circle.domain.errors import CircleError, InvalidInput
from circle.vault import handoff
from circle.vault.errors import (
    HandoffCodeMalformed,
    HandoffDamaged,
    HandoffRefused,
    HandoffTooNew,
    NotAHandoff,
    WrongHandoffCode,
)
from circle.vault.handoff import new_code, normalise_code, open_handoff, seal_handoff
from circle.vault.keyring import FLOOR_KDF
from tests.damage import flip, redigest, with_digest

CODE = "K7QM-2XDA-MPRT-WB4C"
OTHER_CODE = "K7QM-2XDA-MPRT-WB4D"
PAYLOAD = b'{"group": "opaque to the container"}'
CODE_SHAPE = re.compile(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){3}")


def small_bundle(payload: bytes = b"hi", code: str = CODE) -> bytes:
    return seal_handoff(payload, code, kdf=FLOOR_KDF)


def regions(bundle: bytes) -> dict[str, range]:
    """Byte offsets of each part of a version 1 bundle, read by hand from the layout in docs/FORMAT.md."""
    (header_len,) = struct.unpack_from(">H", bundle, 15)
    check_at = 17 + header_len
    (sealed_len,) = struct.unpack_from(">I", bundle, check_at + 16)
    sealed_at = check_at + 20
    return {
        "magic": range(0, 14),
        "version": range(14, 15),
        "header_len": range(15, 17),
        "header": range(17, check_at),
        "check": range(check_at, check_at + 16),
        "sealed_len": range(check_at + 16, sealed_at),
        "sealed": range(sealed_at, sealed_at + sealed_len),
        "digest": range(sealed_at + sealed_len, len(bundle)),
    }


def part(bundle: bytes, name: str) -> bytes:
    offsets = regions(bundle)[name]
    return bundle[offsets.start : offsets.stop]


def with_header(bundle: bytes, header: bytes) -> bytes:
    """The same bundle with another header (its check and sealed payload kept), digest recomputed."""
    parts = regions(bundle)
    rest = bundle[parts["check"].start : parts["digest"].start]
    return with_digest(bundle[:15] + struct.pack(">H", len(header)) + header + rest)


def refusal(bundle: bytes, code: str = CODE) -> type[HandoffRefused]:
    """The class of error opening `bundle` raises; anything that is not a handoff refusal fails the test."""
    with pytest.raises(HandoffRefused) as refused:
        open_handoff(bundle, code)
    return type(refused.value)


# Round trips


@pytest.mark.parametrize("payload", [b"", PAYLOAD, os.urandom(70_000)], ids=["empty", "json", "70 kB"])
def test_a_sealed_payload_opens_with_its_code(payload: bytes):
    assert open_handoff(seal_handoff(payload, CODE, kdf=FLOOR_KDF), CODE) == payload


def test_the_default_key_derivation_round_trips_and_is_written_in_the_header():
    bundle = seal_handoff(PAYLOAD, CODE)
    assert b'"kdf":{"iterations":3,"lanes":4,"memory_kib":65536}' in bundle
    assert open_handoff(bundle, CODE) == PAYLOAD


def test_the_code_as_typed_by_the_receiver_opens_it():
    typed = " k7qm 2xda-mprt_wb4c. "
    assert open_handoff(small_bundle(), typed) == b"hi"


def test_sealing_twice_gives_different_files():
    assert small_bundle() != small_bundle()


def test_the_file_starts_with_the_magic_and_version_one():
    assert small_bundle().startswith(b"CIRCLE-HANDOFF\x01")


# Codes


def test_a_new_code_is_sixteen_base32_characters_in_four_groups():
    code = new_code()
    assert CODE_SHAPE.fullmatch(code)
    assert len(normalise_code(code)) * 5 == 80  # bits: well over 60


def test_new_codes_differ_between_calls():
    codes = {new_code() for _ in range(50)}
    assert len(codes) == 50


def test_a_code_normalises_to_its_sixteen_letters():
    assert normalise_code(CODE) == "K7QM2XDAMPRTWB4C"


@pytest.mark.parametrize(
    "typed",
    ["k7qm-2xda-mprt-wb4c", "K7QM 2XDA MPRT WB4C", "k7qm2xdamprtwb4c",
     "K7QM.2XDA_MPRT--WB4C", "\tK7QM-2XDA-MPRT-WB4C\n"],
)
def test_case_and_separators_do_not_matter(typed: str):
    assert normalise_code(typed) == "K7QM2XDAMPRTWB4C"


def test_look_alike_digits_read_as_the_letters_they_resemble():
    assert normalise_code("0123-4567-8OIB-AAAA") == "OI234567BOIBAAAA"


@pytest.mark.parametrize(
    "typed",
    ["", "K7QM-2XDA-MPRT", "K7QM-2XDA-MPRT-WB4C-A", "K7QM-2XDA-MPRT-WB49",
     "K7QM-2XDA-MPRT-WB4!", "K7QM-2XDA-MPRT-WB4É"],
    ids=["empty", "too short", "too long", "digit 9", "punctuation", "non-ASCII"],
)
def test_a_malformed_code_is_refused_with_a_plain_line(typed: str):
    with pytest.raises(HandoffCodeMalformed) as refused:
        normalise_code(typed)
    assert str(refused.value) == "A handoff code is 16 letters and digits, in four groups of four."


def test_a_malformed_code_is_refused_before_sealing():
    with pytest.raises(HandoffCodeMalformed):
        seal_handoff(PAYLOAD, "K7QM", kdf=FLOOR_KDF)


def test_a_malformed_code_is_refused_when_opening_a_sound_file():
    assert refusal(small_bundle(), code="K7QM-2XDA") is HandoffCodeMalformed


def test_a_malformed_code_is_invalid_input():
    assert issubclass(HandoffCodeMalformed, InvalidInput)


# Wrong code against damage


def test_a_wrong_code_is_told_apart_from_a_damaged_file():
    bundle = small_bundle()
    assert refusal(bundle, code=OTHER_CODE) is WrongHandoffCode
    assert refusal(flip(bundle, regions(bundle)["sealed"].start), code=OTHER_CODE) is HandoffDamaged


def test_a_damaged_file_is_reported_as_damaged_even_with_a_malformed_code():
    bundle = small_bundle()
    assert refusal(bundle[:-1], code="nonsense") is HandoffDamaged


PLAIN_FLIP = {
    "magic": NotAHandoff,
    "version": HandoffDamaged,  # 0x01 becomes 0x00: no such version was ever written
    "header_len": HandoffDamaged,
    "header": HandoffDamaged,
    "check": HandoffDamaged,
    "sealed_len": HandoffDamaged,
    "sealed": HandoffDamaged,
    "digest": HandoffDamaged,
}


def test_flipping_any_byte_of_any_region_gives_that_regions_error():
    bundle = small_bundle()
    parts = regions(bundle)
    assert set(parts) == set(PLAIN_FLIP)
    assert sum(len(part) for part in parts.values()) == len(bundle)
    for name, offsets in parts.items():
        for index in offsets:
            assert refusal(flip(bundle, index)) is PLAIN_FLIP[name], (name, index)


FORGED_FLIP = {
    "magic": {NotAHandoff},
    "version": {HandoffDamaged},
    "header_len": {HandoffDamaged},
    # A changed digit or salt letter may still make a well-formed header: then the check value catches it.
    "header": {HandoffDamaged, WrongHandoffCode},
    "check": {WrongHandoffCode},
    "sealed_len": {HandoffDamaged},
    "sealed": {HandoffDamaged},
}


def test_a_forger_who_recomputes_the_digest_is_still_refused_in_every_region():
    bundle = small_bundle(b"")
    parts = regions(bundle)
    for name, expected in FORGED_FLIP.items():
        for index in parts[name]:
            assert refusal(redigest(flip(bundle, index))) in expected, (name, index)


def test_a_forged_sealed_payload_with_a_matching_digest_is_damage_not_a_wrong_code():
    bundle = small_bundle()
    assert refusal(redigest(flip(bundle, regions(bundle)["sealed"][-1]))) is HandoffDamaged


def test_every_truncation_is_refused_as_not_a_handoff_or_damaged():
    bundle = small_bundle()
    for length in range(len(bundle)):
        expected = NotAHandoff if length < len(handoff.MAGIC) else HandoffDamaged
        assert refusal(bundle[:length]) is expected, length


@pytest.mark.parametrize("extra", [b"\x00", b"trailing text\n", bytes(32)])
def test_trailing_bytes_are_damage(extra: bytes):
    assert refusal(small_bundle() + extra) is HandoffDamaged


# Versions and other files


@pytest.mark.parametrize("version", [2, 3, 255])
def test_a_newer_version_asks_for_a_newer_circle(version: int):
    bundle = small_bundle()
    newer = redigest(bundle[:14] + bytes([version]) + bundle[15:])
    with pytest.raises(HandoffTooNew) as refused:
        open_handoff(newer, CODE)
    assert "newer circle" in str(refused.value)


def test_a_newer_version_is_recognised_whatever_its_layout():
    assert refusal(b"CIRCLE-HANDOFF\x02 a layout this circle cannot know") is HandoffTooNew


def test_version_zero_is_damage():
    bundle = small_bundle()
    assert refusal(redigest(bundle[:14] + b"\x00" + bundle[15:])) is HandoffDamaged


@pytest.mark.parametrize(
    "data",
    [b"", os.urandom(300), b"CIRCLE-HANDOF", b"SQLite format 3\x00" + bytes(100), b"circle-handoff\x01"],
    ids=["empty", "random", "magic cut short", "a vault", "magic in lower case"],
)
def test_a_file_that_is_not_a_handoff_says_so(data: bytes):
    with pytest.raises(NotAHandoff) as refused:
        open_handoff(data, CODE)
    assert str(refused.value) == "That file is not a circle handoff."


# The header


def test_a_header_asking_for_four_gibibytes_is_refused_as_damage_without_deriving():
    bundle = small_bundle()
    salt = part(bundle, "header").split(b'"salt":')[1][:-1]
    greedy = b'{"kdf":{"iterations":3,"lanes":4,"memory_kib":4194304},"salt":' + salt + b"}"
    assert refusal(with_header(bundle, greedy)) is HandoffDamaged


SALT_B64 = b'"AAECAwQFBgcICQoLDA0ODw=="'
MISSHAPEN_HEADERS = {
    "a space after a colon": b'{"kdf": {"iterations":2,"lanes":1,"memory_kib":19456},"salt":' + SALT_B64 + b"}",
    "keys out of order": b'{"salt":' + SALT_B64 + b',"kdf":{"iterations":2,"lanes":1,"memory_kib":19456}}',
    "an extra key": b'{"extra":1,"kdf":{"iterations":2,"lanes":1,"memory_kib":19456},"salt":' + SALT_B64 + b"}",
    "a missing key": b'{"kdf":{"iterations":2,"memory_kib":19456},"salt":' + SALT_B64 + b"}",
    "lanes as true": b'{"kdf":{"iterations":2,"lanes":true,"memory_kib":19456},"salt":' + SALT_B64 + b"}",
    "passes as a string": b'{"kdf":{"iterations":"2","lanes":1,"memory_kib":19456},"salt":' + SALT_B64 + b"}",
    "passes as a float": b'{"kdf":{"iterations":2.0,"lanes":1,"memory_kib":19456},"salt":' + SALT_B64 + b"}",
    "a 15-byte salt": b'{"kdf":{"iterations":2,"lanes":1,"memory_kib":19456},"salt":"AAECAwQFBgcICQoLDA0O"}',
    "a salt that is not base64": b'{"kdf":{"iterations":2,"lanes":1,"memory_kib":19456},"salt":"not base64 at all!!!"}',
    "a salt that is a number": b'{"kdf":{"iterations":2,"lanes":1,"memory_kib":19456},"salt":16}',
    "memory below the floor": b'{"kdf":{"iterations":2,"lanes":1,"memory_kib":1024},"salt":' + SALT_B64 + b"}",
    "one pass": b'{"kdf":{"iterations":1,"lanes":1,"memory_kib":19456},"salt":' + SALT_B64 + b"}",
    "a list": b"[]",
    "not JSON": b"kdf=argon2id",
    "not UTF-8": b'{"kdf":"\xff"}',
    "deeply nested": b"[" * 5000 + b"]" * 5000,
    "empty": b"",
}


@pytest.mark.parametrize("header", MISSHAPEN_HEADERS.values(), ids=MISSHAPEN_HEADERS.keys())
def test_a_header_not_exactly_as_written_is_damage(header: bytes):
    assert refusal(with_header(small_bundle(), header)) is HandoffDamaged


def test_a_well_formed_header_with_another_salt_is_caught_by_the_check_value():
    # A forger who swaps in a sound header and fixes the digest meets the check, keyed by the code.
    other = b'{"kdf":{"iterations":2,"lanes":1,"memory_kib":19456},"salt":' + SALT_B64 + b"}"
    assert refusal(with_header(small_bundle(), other)) is WrongHandoffCode


def test_a_header_rebuilt_exactly_as_written_still_opens():
    bundle = small_bundle()
    assert open_handoff(with_header(bundle, part(bundle, "header")), CODE) == b"hi"


# Messages


def test_every_refusal_is_one_plain_line_without_the_code_or_any_bytes():
    bundle = small_bundle()
    refusals = [
        (b"", CODE),
        (b"CIRCLE-HANDOFF\x09", CODE),
        (bundle[:-1], CODE),
        (bundle, "K7QM"),
        (bundle, OTHER_CODE),
    ]
    for data, code in refusals:
        with pytest.raises(HandoffRefused) as refused:
            open_handoff(data, code)
        message = str(refused.value)
        assert isinstance(refused.value, CircleError)
        assert "\n" not in message and message.endswith(".")
        assert "K7QM" not in message and not re.search(r"[0-9a-f]{8}", message)
