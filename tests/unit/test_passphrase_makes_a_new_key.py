"""A changed passphrase is a new personal key, so a new key pair: an old copy of the vault and the old passphrase
open nothing sealed after the change, while the new passphrase and every co-facilitator open what they did."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from circle.vault import keyring
from circle.vault.errors import SealBroken, WrongPassphrase
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import PassphraseInUse, Workspace
from tests.conftest import PASSPHRASE, unlocked_workspace
from tests.damage import column_names, table_dump
from tests.stored_rows import stored_rows, unlocked_keyring

ROBINS = "river stone lantern meadow"
NEW = "a brand new passphrase"


def two_groups_with_a_cofacilitator(home: Path) -> tuple[list[str], str]:
    with unlocked_workspace(home) as workspace:
        tuesday = workspace.create_group("Tuesday")
        workspace.add_member(tuesday.id, "Ada")
        robin = workspace.add_cofacilitator(tuesday.id, "Robin", ROBINS, kdf=FLOOR_KDF)
        thursday = workspace.create_group("Thursday")
        workspace.add_member(thursday.id, "Bo")
        return [tuesday.id, thursday.id], robin.id


def test_the_old_passphrase_with_a_copy_taken_before_the_change_opens_no_key_slot_written_by_the_change(
    vault_home: Path, tmp_path: Path
):
    groups, _ = two_groups_with_a_cofacilitator(vault_home)
    old_copy = tmp_path / "old-copy"
    shutil.copytree(vault_home, old_copy)  # closed, so the file is whole
    with Workspace.open(old_copy) as copy, unlocked_keyring(copy, PASSPHRASE) as old_keys:
        old_personal_key, me = old_keys.personal_key, old_keys.facilitator_id
    assert old_personal_key is not None and me is not None

    with unlocked_workspace(vault_home) as workspace:
        workspace.change_passphrase(PASSPHRASE, NEW)
        slots = stored_rows(workspace, "SELECT facilitator_id, group_id, key_version, wrapped_key FROM key_slots")

    assert {group_id for fid, group_id, _, _ in slots if fid == me} == set(groups)
    for fid, group_id, version, sealed in slots:
        with pytest.raises(SealBroken):
            keyring.open_group_key(old_personal_key, sealed, fid, group_id, version)
    with Workspace.open(vault_home) as workspace, pytest.raises(WrongPassphrase):
        workspace.unlock(PASSPHRASE)


def test_after_a_change_the_new_passphrase_opens_every_group_and_the_cofacilitator_still_opens_theirs(
    vault_home: Path,
):
    groups, _ = two_groups_with_a_cofacilitator(vault_home)
    with unlocked_workspace(vault_home) as workspace:
        workspace.change_passphrase(PASSPHRASE, NEW)
        # Still unlocked, with the new key: a new group's slot is sealed to the new public key.
        friday = workspace.create_group("Friday")
    with Workspace.open(vault_home) as workspace:
        workspace.unlock(NEW)
        assert workspace.facilitator_handle == "Sam"
        assert sorted(group.name for group in workspace.groups()) == ["Friday", "Thursday", "Tuesday"]
        assert [member.name for member in workspace.members(groups[0])] == ["Ada"]
        assert [member.name for member in workspace.members(groups[1])] == ["Bo"]
        assert workspace.members(friday.id) == []
    with Workspace.open(vault_home) as as_robin:
        as_robin.unlock(ROBINS)
        assert [member.name for member in as_robin.members(groups[0])] == ["Ada"]
        assert [entry.handle for entry in as_robin.facilitators(groups[0])] == ["Sam", "Robin"]


def without_manifests(home: Path, groups: list[tuple]) -> list[tuple]:
    manifest = column_names(home, "groups").index("manifest")
    return [row[:manifest] + row[manifest + 1 :] for row in groups]


def test_a_change_writes_only_your_record_your_slots_and_your_entries_in_the_key_directory(vault_home: Path):
    groups, robin = two_groups_with_a_cofacilitator(vault_home)
    before = table_dump(vault_home)
    with unlocked_workspace(vault_home) as workspace:
        me = workspace.facilitator_id
        with pytest.raises(WrongPassphrase):
            workspace.change_passphrase("not my passphrase", NEW)
        with pytest.raises(PassphraseInUse):
            workspace.change_passphrase(PASSPHRASE, ROBINS)
        assert table_dump(vault_home)["facilitators"] == before["facilitators"]
        workspace.change_passphrase(PASSPHRASE, NEW)
        with unlocked_keyring(workspace, NEW) as keys:
            assert keys.personal_key is not None
            new_public = keyring.facilitator_public_key(keys.personal_key)
            for group_id in groups:
                assert keys.keys.trusted_keys(keys.sealers[group_id])[me] == new_public
                assert keys.keys.key_to_seal_to(keys.sealers[group_id], me) == new_public
    after = table_dump(vault_home)
    for table in before:
        if table not in ("facilitators", "key_slots", "group_facilitators", "meta", "groups"):  # meta: the purge stamp
            assert after[table] == before[table], table
    # A manifest vouches for the change.
    assert without_manifests(vault_home, after["groups"]) == without_manifests(vault_home, before["groups"])
    for table in ("facilitators", "key_slots", "group_facilitators"):
        unchanged = [row for row in before[table] if me not in row]
        assert unchanged and unchanged == [row for row in after[table] if me not in row], table
    mine_before = {row[0]: row for row in before["facilitators"]}[me]
    mine_after = {row[0]: row for row in after["facilitators"]}[me]
    assert mine_after[1] == mine_before[1]  # the same facilitator, added when they were
    assert mine_after[8] != mine_before[8]  # a new public key
    assert robin in {row[0] for row in after["facilitators"]}
