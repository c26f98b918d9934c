"""A facilitator's own record keeps each group's key with a digest of its slot, and their public key: an everyday
unlock opens no key slot and does no X25519, while a slot given, changed or put back since is opened, and a
record from the release before is brought up to date (FORMAT.md 7.3 steps 5-6, 7.8)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from circle.paths import locations
from circle.store.db import open_database
from circle.store.errors import VaultChangedOutside
from circle.store.repository import Repository
from circle.vault import crypto, keyring
from circle.vault.errors import SealBroken
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace
from circle.workspace.facilitator_record import RECORD_FLOOR, OwnRecord, open_record, slot_digest
from circle.workspace.keyring import Keyring
from tests.conftest import PASSPHRASE, REPO_ROOT, unlocked_workspace
from tests.damage import flip_last_byte, run_sql
from tests.older_vaults import make_record_older

CO_PASSPHRASE = "river stone lantern meadow"
# A fresh process unlocks and lists its groups, then says whether X25519 was ever loaded.
UNLOCK_AND_TELL = """
import sys
from circle.workspace import Workspace
with Workspace.open(sys.argv[1]) as workspace:
    workspace.unlock(sys.stdin.read())
    workspace.groups()
print("x25519" if "cryptography.hazmat.primitives.asymmetric.x25519" in sys.modules else "no x25519")
"""


def unlock_and_close(home: Path, passphrase: str) -> None:
    with Workspace.open(home) as workspace:
        workspace.unlock(passphrase)


def x25519_at_unlock(home: Path, passphrase: str = PASSPHRASE) -> bool:
    done = subprocess.run(
        [sys.executable, "-c", UNLOCK_AND_TELL, str(home)], input=passphrase, capture_output=True, text=True,
        cwd=REPO_ROOT, check=True, timeout=120,
    )
    return done.stdout.strip() == "x25519"


@contextmanager
def read_only_keyring(home: Path, passphrase: str = PASSPHRASE) -> Iterator[Keyring]:
    vault_file = locations(home).vault_file
    conn = open_database(vault_file, read_only=True)
    try:
        keys = Keyring(Repository(conn, vault_file), can_write=False)
        keys.unlock(passphrase)
        yield keys
    finally:
        conn.close()


def own_record(home: Path, passphrase: str = PASSPHRASE) -> tuple[OwnRecord, Keyring, dict[str, bytes]]:
    """Their record as stored, the keys an unlock gives them, and their slots (group id -> sealed)."""
    with read_only_keyring(home, passphrase) as keys:
        assert keys.personal_key is not None and keys.facilitator_id is not None
        [(sealed,)] = run_sql(home, "SELECT handle FROM facilitators WHERE id = ?", [keys.facilitator_id])
        slots = dict(run_sql(home, "SELECT group_id, wrapped_key FROM key_slots WHERE facilitator_id = ?",
                             [keys.facilitator_id]))
        return open_record(keys.personal_key, keys.facilitator_id, sealed), keys, slots


def assert_keeps_every_key(record: OwnRecord, keys: Keyring, slots: dict[str, bytes]) -> None:
    assert {group_id: (held.version, held.key, held.slot) for group_id, held in record.keys.items()} == {
        group_id: (sealer.key_version, sealer.key, slot_digest(slots[group_id]))
        for group_id, sealer in keys.sealers.items()
    }
    assert keys.personal_key is not None
    assert record.public_key == keyring.facilitator_public_key(keys.personal_key)


def test_the_record_keeps_each_held_groups_key_its_slots_digest_and_the_public_key(vault_home: Path):
    with unlocked_workspace(vault_home) as workspace:
        for name in ("Tuesday", "Thursday"):
            workspace.create_group(name)
    record, keys, slots = own_record(vault_home)
    assert len(record.keys) == 2
    assert_keeps_every_key(record, keys, slots)


def test_an_everyday_unlock_opens_its_groups_without_x25519(vault_home: Path):
    with unlocked_workspace(vault_home) as workspace:
        workspace.create_group("Tuesday")
    assert not x25519_at_unlock(vault_home)


def test_a_record_from_the_release_before_opens_every_slot_and_is_sealed_again_with_the_keys(vault_home: Path):
    with unlocked_workspace(vault_home) as workspace:
        group = workspace.create_group("Tuesday")
        workspace.add_member(group.id, "Ada")
    make_record_older(vault_home, PASSPHRASE)
    record, _, _ = own_record(vault_home)
    assert record.keys == {} and record.public_key is None
    assert x25519_at_unlock(vault_home)  # which also seals the record again, with the keys
    record, keys, slots = own_record(vault_home)
    assert_keeps_every_key(record, keys, slots)
    assert not x25519_at_unlock(vault_home)
    with unlocked_workspace(vault_home) as workspace:
        assert [member.name for member in workspace.members(group.id)] == ["Ada"]


def test_a_view_that_writes_nothing_opens_an_older_records_slots_and_leaves_the_record_as_it_was(vault_home: Path):
    with unlocked_workspace(vault_home) as workspace:
        group = workspace.create_group("Tuesday")
    make_record_older(vault_home, PASSPHRASE)
    before = run_sql(vault_home, "SELECT handle FROM facilitators")
    with read_only_keyring(vault_home) as keys:
        assert list(keys.sealers) == [group.id]
    assert run_sql(vault_home, "SELECT handle FROM facilitators") == before


def test_a_cofacilitators_own_record_holds_their_group_from_the_moment_they_are_added(vault_home: Path):
    with unlocked_workspace(vault_home) as workspace:
        group = workspace.create_group("Tuesday")
        robin = workspace.add_cofacilitator(group.id, "Robin", CO_PASSPHRASE, kdf=FLOOR_KDF)
    [(sealed,)] = run_sql(vault_home, "SELECT handle FROM facilitators WHERE id = ?", [robin.id])
    assert not x25519_at_unlock(vault_home, CO_PASSPHRASE)
    record, keys, slots = own_record(vault_home, CO_PASSPHRASE)
    assert_keeps_every_key(record, keys, slots)
    [(after,)] = run_sql(vault_home, "SELECT handle FROM facilitators WHERE id = ?", [robin.id])
    assert len(after) == len(sealed)  # the record's size does not say whether they have come in since


def test_a_group_given_since_their_last_unlock_is_opened_from_its_slot_once_then_kept(vault_home: Path):
    with unlocked_workspace(vault_home) as workspace:
        tuesday = workspace.create_group("Tuesday")
        thursday = workspace.create_group("Thursday")
        workspace.add_member(thursday.id, "Ada")
        robin = workspace.add_cofacilitator(tuesday.id, "Robin", CO_PASSPHRASE, kdf=FLOOR_KDF)
    unlock_and_close(vault_home, CO_PASSPHRASE)  # Robin's key is vouched for in Tuesday
    with unlocked_workspace(vault_home) as workspace:
        workspace.give_group(thursday.id, robin.id)
    assert x25519_at_unlock(vault_home, CO_PASSPHRASE)
    record, keys, slots = own_record(vault_home, CO_PASSPHRASE)
    assert sorted(record.keys) == sorted([tuesday.id, thursday.id])
    assert_keeps_every_key(record, keys, slots)
    assert not x25519_at_unlock(vault_home, CO_PASSPHRASE)
    with Workspace.open(vault_home) as workspace:
        workspace.unlock(CO_PASSPHRASE)
        assert [member.name for member in workspace.members(thursday.id)] == ["Ada"]


def test_a_key_changed_by_a_cofacilitator_is_opened_from_the_new_slot_and_kept_at_its_version(vault_home: Path):
    with unlocked_workspace(vault_home) as workspace:
        group = workspace.create_group("Tuesday")
        workspace.add_cofacilitator(group.id, "Robin", CO_PASSPHRASE, kdf=FLOOR_KDF)
        leaving = workspace.add_cofacilitator(group.id, "Kit", "kit's own long passphrase", kdf=FLOOR_KDF)
    with Workspace.open(vault_home) as robin:
        robin.unlock(CO_PASSPHRASE)
        robin.add_member(group.id, "Ada")
    with unlocked_workspace(vault_home) as workspace:
        workspace.remove_facilitator(group.id, leaving.id)  # a new key, sealed to Sam and to Robin
    before, _, _ = own_record(vault_home, CO_PASSPHRASE)
    assert before.keys[group.id].version == 1
    with Workspace.open(vault_home) as robin:
        robin.unlock(CO_PASSPHRASE)
        assert [member.name for member in robin.members(group.id)] == ["Ada"]
    record, keys, slots = own_record(vault_home, CO_PASSPHRASE)
    assert record.keys[group.id].version == 2
    assert_keeps_every_key(record, keys, slots)


def test_a_slot_changed_in_place_is_opened_and_stops_the_unlock_though_the_record_keeps_its_key(vault_home: Path):
    with unlocked_workspace(vault_home) as workspace:
        workspace.create_group("Tuesday")
    [(slot,)] = run_sql(vault_home, "SELECT wrapped_key FROM key_slots")
    run_sql(vault_home, "UPDATE key_slots SET wrapped_key = ?", [flip_last_byte(slot)])
    with Workspace.open(vault_home) as workspace, pytest.raises(SealBroken, match="key slot"):
        workspace.unlock(PASSPHRASE)


def test_their_slot_sealed_again_outside_circle_with_the_right_key_is_reported_as_changed_outside(vault_home: Path):
    """Someone holding the group's key seals it to them again, as circle itself never does without a new
    manifest: the slot is not the one their record names, so it is opened, and the manifest tells it."""
    with unlocked_workspace(vault_home) as workspace:
        group = workspace.create_group("Tuesday")
    [(original,)] = run_sql(vault_home, "SELECT wrapped_key FROM key_slots")
    _, keys, _ = own_record(vault_home)
    assert keys.public_key is not None and keys.facilitator_id is not None
    again = keyring.seal_group_key(keys.public_key, keys.sealers[group.id].key, keys.facilitator_id, group.id, 1)
    run_sql(vault_home, "UPDATE key_slots SET wrapped_key = ?", [again])
    with Workspace.open(vault_home) as workspace, pytest.raises(VaultChangedOutside, match="who holds"):
        workspace.unlock(PASSPHRASE)
    run_sql(vault_home, "UPDATE key_slots SET wrapped_key = ?", [original])
    with unlocked_workspace(vault_home) as workspace:
        assert [overview.name for overview in workspace.groups()] == ["Tuesday"]


@pytest.mark.parametrize(
    "shape",
    [
        {"keys": {"g": [1, "c2hvcnQ=", "AAAAAAAAAAAAAAAAAAAAAA=="]}},  # a key of five bytes
        {"keys": {"g": [1, "A" * 43 + "=", "not base64!"]}},
        {"keys": {"g": [1, "A" * 43 + "="]}},  # no slot digest
        {"keys": ["not", "an", "object"]},
        {"public_key": "AAAA"},
        {"public_key": None},
    ],
    ids=["short key", "digest not base64", "no digest", "keys not an object", "short public key", "no public key"],
)
def test_a_record_that_opens_but_is_not_a_record_is_refused_as_broken(vault_home: Path, shape: dict):
    """Only a writer holding the personal key could seal such a record: a broken circle, never the file's reader."""
    with read_only_keyring(vault_home) as keys:
        assert keys.personal_key is not None and keys.facilitator_id is not None
        personal_key, facilitator_id = keys.personal_key, keys.facilitator_id
    plain = json.dumps({"groups": {}, "handle": "Sam", "keys": {}, "public_key": "A" * 43 + "=", **shape}).encode()
    sealed = crypto.seal_padded(personal_key, plain, ["facilitators", "handle", facilitator_id], floor=RECORD_FLOOR)
    run_sql(vault_home, "UPDATE facilitators SET handle = ?", [sealed])
    with Workspace.open(vault_home) as workspace, pytest.raises(SealBroken, match=r"facilitators\.handle") as caught:
        workspace.unlock(PASSPHRASE)
    assert "\n" not in str(caught.value) and "Sam" not in str(caught.value)


def test_a_passphrase_change_keeps_the_record_in_step_with_the_new_slots(vault_home: Path):
    new = "a new passphrase of several words"
    with unlocked_workspace(vault_home) as workspace:
        workspace.create_group("Tuesday")
        workspace.change_passphrase(PASSPHRASE, new, kdf=FLOOR_KDF)
    record, keys, slots = own_record(vault_home, new)
    assert_keeps_every_key(record, keys, slots)
    assert not x25519_at_unlock(vault_home, new)


def test_a_deleted_groups_key_leaves_the_record(vault_home: Path):
    with unlocked_workspace(vault_home) as workspace:
        kept = workspace.create_group("Tuesday")
        gone = workspace.create_group("Thursday")
        workspace.delete_group(gone.id)
    record, keys, slots = own_record(vault_home)
    assert list(record.keys) == [kept.id]
    assert_keeps_every_key(record, keys, slots)
