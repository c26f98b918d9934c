"""Sealed fields, key slots and the KDF: tampering, moving and guessing all fail cleanly."""

from __future__ import annotations

import sqlite3
import time
from dataclasses import replace
from pathlib import Path

import pytest

from circle.store.sealing import GroupSealer
from circle.vault import crypto, keyring
from circle.vault.errors import SealBroken, UnsafeKdfParameters, WrongPassphrase
from circle.vault.keyring import FLOOR_KDF, MAX_MEMORY_KIB, MIN_MEMORY_KIB, KdfParams
from circle.workspace import Workspace

KEY = bytes(range(32))
GROUP_A, GROUP_B = "group-a", "group-b"
SALT = bytes(16)


def sealer(group_id: str = GROUP_A, key: bytes = KEY, key_version: int = 1) -> GroupSealer:
    return GroupSealer(group_id, key, key_version)


def test_flipping_any_single_byte_of_a_sealed_value_fails_cleanly():
    aad = crypto.associated_data(["members", "name", "m1", GROUP_A, 1])
    sealed = crypto.seal(KEY, "Ada L.".encode(), aad)
    for index in range(len(sealed)):
        for mask in (0x01, 0x80):
            tampered = bytearray(sealed)
            tampered[index] ^= mask
            with pytest.raises(SealBroken):
                crypto.open_sealed(KEY, bytes(tampered), aad)


def test_every_truncation_of_a_sealed_value_fails_cleanly():
    aad = crypto.associated_data(["groups", "name", GROUP_A, GROUP_A, 1])
    sealed = crypto.seal(KEY, b"", aad)
    for length in range(len(sealed)):
        with pytest.raises(SealBroken):
            crypto.open_sealed(KEY, sealed[:length], aad)


def test_a_value_that_is_not_bytes_is_refused_as_broken():
    with pytest.raises(SealBroken):
        crypto.open_sealed(KEY, "not bytes", b"")  # type: ignore[arg-type]


def test_a_ciphertext_moved_to_another_row_does_not_open():
    moved = sealer().seal_text("members", "name", "member-1", "Ada L.")
    with pytest.raises(SealBroken, match=r"members\.name"):
        sealer().open_text("members", "name", "member-2", moved)


def test_a_ciphertext_moved_to_another_column_does_not_open():
    moved = sealer().seal_text("groups", "name", GROUP_A, "Tuesday Support")
    with pytest.raises(SealBroken, match=r"groups\.profile"):
        sealer().open_text("groups", "profile", GROUP_A, moved)


def test_a_ciphertext_moved_to_another_group_does_not_open_even_under_the_same_key():
    moved = sealer(GROUP_A).seal_text("members", "name", "member-1", "Ada L.")
    with pytest.raises(SealBroken):
        sealer(GROUP_B).open_text("members", "name", "member-1", moved)


def test_a_ciphertext_from_an_older_key_version_does_not_open():
    old = sealer(key_version=1).seal_text("groups", "name", GROUP_A, "Tuesday Support")
    with pytest.raises(SealBroken):
        sealer(key_version=2).open_text("groups", "name", GROUP_A, old)


def test_a_ciphertext_under_another_groups_key_does_not_open():
    theirs = sealer(key=bytes(32)).seal_text("groups", "name", GROUP_A, "Tuesday Support")
    with pytest.raises(SealBroken):
        sealer().open_text("groups", "name", GROUP_A, theirs)


def test_the_broken_seal_message_names_the_place_but_never_the_content():
    sealed = sealer().seal_text("members", "name", "member-1", "Zyxcanaryqk")
    with pytest.raises(SealBroken) as caught:
        sealer().open_text("members", "name", "member-2", sealed)
    assert "Zyxcanaryqk" not in str(caught.value)
    assert "\n" not in str(caught.value)


def test_sealing_twice_gives_different_bytes_that_both_open():
    first = sealer().seal_text("groups", "name", GROUP_A, "Same")
    second = sealer().seal_text("groups", "name", GROUP_A, "Same")
    assert first != second
    assert sealer().open_text("groups", "name", GROUP_A, first) == "Same"
    assert sealer().open_text("groups", "name", GROUP_A, second) == "Same"


@pytest.mark.parametrize("length", [0, 8, 11, 13, 16])
def test_a_nonce_of_the_wrong_length_is_refused(length: int):
    with pytest.raises(ValueError, match="12 bytes"):
        crypto.seal(KEY, b"x", b"", nonce=bytes(length))


@pytest.mark.parametrize("length", [16, 24, 31, 33])
def test_a_key_that_is_not_256_bits_is_refused(length: int):
    with pytest.raises(ValueError, match="32-byte"):
        crypto.seal(bytes(length), b"x", b"")


def test_a_wrong_passphrase_does_not_unwrap_the_personal_key():
    personal_key = crypto.new_key()
    wrapped = keyring.wrap_personal_key(keyring.derive_kek("right one", SALT, FLOOR_KDF), personal_key, "f1")
    wrong_kek = keyring.derive_kek("wrong one", SALT, FLOOR_KDF)
    with pytest.raises(WrongPassphrase):
        keyring.unwrap_personal_key(wrong_kek, wrapped, "f1")


def test_a_wrong_passphrase_does_not_unlock_a_vault(vault_home: Path):
    with Workspace.open(vault_home) as workspace:
        with pytest.raises(WrongPassphrase):
            workspace.unlock("not the passphrase")
        assert not workspace.is_unlocked


UNSAFE_PARAMETERS = {
    "memory one KiB below 19 MiB": replace(FLOOR_KDF, memory_kib=MIN_MEMORY_KIB - 1),
    "memory one KiB above 256 MiB": replace(FLOOR_KDF, memory_kib=MAX_MEMORY_KIB + 1),
    "one pass": replace(FLOOR_KDF, iterations=1),
    "seven passes": replace(FLOOR_KDF, iterations=keyring.MAX_ITERATIONS + 1),
    "no lanes": replace(FLOOR_KDF, lanes=0),
    "nine lanes": replace(FLOOR_KDF, lanes=keyring.MAX_LANES + 1),
    "negative memory": replace(FLOOR_KDF, memory_kib=-1),
}


@pytest.mark.parametrize("params", UNSAFE_PARAMETERS.values(), ids=UNSAFE_PARAMETERS.keys())
def test_out_of_range_kdf_parameters_are_refused(params: KdfParams):
    with pytest.raises(UnsafeKdfParameters):
        keyring.derive_kek("passphrase", SALT, params)


@pytest.mark.parametrize("length", [0, 8, 15, 17, 32])
def test_a_salt_of_the_wrong_length_is_refused(length: int):
    with pytest.raises(UnsafeKdfParameters, match="salt"):
        keyring.derive_kek("passphrase", bytes(length), FLOOR_KDF)


def test_the_edges_of_the_allowed_range_pass_the_check():
    KdfParams(memory_kib=MIN_MEMORY_KIB, iterations=keyring.MIN_ITERATIONS, lanes=1).check()
    KdfParams(memory_kib=MAX_MEMORY_KIB, iterations=keyring.MAX_ITERATIONS, lanes=keyring.MAX_LANES).check()


def _seconds(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _refusal_seconds(params: KdfParams, salt: bytes = SALT) -> float:
    def refuse() -> None:
        with pytest.raises(UnsafeKdfParameters):
            keyring.derive_kek("passphrase", salt, params)

    return min(_seconds(refuse) for _ in range(3))


def test_unsafe_parameters_are_refused_before_any_derivation_runs():
    # A 2 GiB derivation would take seconds; refusing it is faster than even the cheapest one allowed.
    cheapest = min(_seconds(lambda: keyring.derive_kek("passphrase", SALT, FLOOR_KDF)) for _ in range(2))
    assert _refusal_seconds(replace(FLOOR_KDF, memory_kib=MAX_MEMORY_KIB + 1)) < cheapest
    assert _refusal_seconds(replace(FLOOR_KDF, memory_kib=MAX_MEMORY_KIB, lanes=0)) < cheapest
    assert _refusal_seconds(FLOOR_KDF, salt=bytes(15)) < cheapest


def test_a_vault_whose_stored_kdf_memory_was_raised_beyond_the_cap_refuses_to_unlock_at_once(
    vault_home: Path, passphrase: str
):
    with sqlite3.connect(vault_home / "data" / "circle.db") as conn:
        conn.execute("UPDATE facilitators SET kdf_memory_kib = ?", [MAX_MEMORY_KIB * 4])
    conn.close()
    with Workspace.open(vault_home) as workspace:
        with pytest.raises(UnsafeKdfParameters):
            workspace.unlock(passphrase)
        assert not workspace.is_unlocked


def test_the_most_a_file_can_ask_of_a_key_derivation_is_a_few_ordinary_unlocks():
    ordinary = KdfParams()
    at_the_cap = KdfParams(memory_kib=MAX_MEMORY_KIB, iterations=keyring.MAX_ITERATIONS, lanes=keyring.MAX_LANES)
    cost = at_the_cap.memory_kib * at_the_cap.iterations / (ordinary.memory_kib * ordinary.iterations)
    assert cost <= 4
