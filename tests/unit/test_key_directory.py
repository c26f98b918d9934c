"""Each group's key directory: the public keys it trusts, sealed under its key. A key swapped in the clear column
is never sealed to; older vaults' facilitators are vouched for as they unlock."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from circle.store.key_directory import KeyNotTrusted, NotYetVouched, open_trusted_key
from circle.store.errors import VaultChangedOutside
from circle.store.sealing import GroupSealer
from circle.vault.errors import SealBroken
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace
from circle.workspace.keyring import YourKeyChanged
from tests.conftest import PASSPHRASE, unlocked_workspace
from tests.damage import table_dump
from tests.key_attacks import Attacker, key_slots, raw_vault
from tests.older_vaults import make_older
from tests.stored_rows import stored_rows, unlocked_keyring

ROBINS = "river stone lantern meadow"
KITS = "kettle orchard window rain"


def trusted_and_clear(
    workspace: Workspace, group_id: str, *, accept_changes: bool = False
) -> tuple[dict[str, bytes], dict[str, bytes]]:
    with unlocked_keyring(workspace, PASSPHRASE, accept_changes=accept_changes) as keys:
        trusted = keys.keys.trusted_keys(keys.sealers[group_id])
        clear = {fid: keys.keys.public_key(fid) for fid in keys.keys.holders(group_id)}
    return trusted, clear


def test_every_facilitator_a_group_key_is_sealed_to_is_trusted_by_that_group_with_the_key_it_was_sealed_to(
    workspace: Workspace,
):
    tuesday = workspace.create_group("Tuesday")
    robin = workspace.add_cofacilitator(tuesday.id, "Robin", ROBINS, kdf=FLOOR_KDF)
    thursday = workspace.create_group("Thursday")
    workspace.give_group(thursday.id, robin.id)
    for group_id in (tuesday.id, thursday.id):
        trusted, clear = trusted_and_clear(workspace, group_id)
        assert trusted == clear and set(trusted) == {workspace.facilitator_id, robin.id}


def test_a_directory_entry_opens_only_for_its_own_facilitator_group_and_key_version(workspace: Workspace):
    tuesday = workspace.create_group("Tuesday")
    robin = workspace.add_cofacilitator(tuesday.id, "Robin", ROBINS, kdf=FLOOR_KDF)
    rows = stored_rows(workspace, "SELECT facilitator_id, public_key FROM group_facilitators WHERE group_id = ?",
                       [tuesday.id])
    sealed = dict(rows)
    me = workspace.facilitator_id
    # The attacker's best move without a key: copy one facilitator's entry over another's.
    with raw_vault(workspace.locations.vault_file) as conn:
        conn.execute("UPDATE group_facilitators SET public_key = ? WHERE facilitator_id = ? AND group_id = ?",
                     [sealed[me], robin.id, tuesday.id])
    with pytest.raises(VaultChangedOutside, match="who holds the group's key"):
        trusted_and_clear(workspace, tuesday.id)
    with pytest.raises(SealBroken, match="group_facilitators.public_key"):
        trusted_and_clear(workspace, tuesday.id, accept_changes=True)


def test_giving_a_group_to_someone_whose_key_was_swapped_in_the_file_is_refused_and_writes_nothing(vault_home: Path):
    with unlocked_workspace(vault_home) as workspace:
        tuesday = workspace.create_group("Tuesday")
        robin = workspace.add_cofacilitator(tuesday.id, "Robin", ROBINS, kdf=FLOOR_KDF)
        thursday = workspace.create_group("Thursday")
    attacker = Attacker()
    attacker.swap_public_key(vault_home, robin.id)
    before = table_dump(vault_home)
    with unlocked_workspace(vault_home) as workspace, pytest.raises(KeyNotTrusted) as refused:
        workspace.give_group(thursday.id, robin.id)
    assert "\n" not in str(refused.value) and "Robin" not in str(refused.value)
    after = table_dump(vault_home)
    assert {table: rows for table, rows in after.items() if table != "meta"} == {
        table: rows for table, rows in before.items() if table != "meta"
    }
    assert attacker.slots_opened(vault_home) == 0


def test_a_removal_through_the_workspace_after_a_swap_is_refused_before_anything_is_sealed(vault_home: Path):
    with unlocked_workspace(vault_home) as workspace:
        group = workspace.create_group("Tuesday")
        robin = workspace.add_cofacilitator(group.id, "Robin", ROBINS, kdf=FLOOR_KDF)
        kit = workspace.add_cofacilitator(group.id, "Kit", KITS, kdf=FLOOR_KDF)
    attacker = Attacker()
    attacker.swap_public_key(vault_home, kit.id)
    before = key_slots(vault_home)
    with unlocked_workspace(vault_home) as workspace:
        with pytest.raises(KeyNotTrusted):
            workspace.remove_facilitator(group.id, robin.id)
        assert [entry.handle for entry in workspace.facilitators(group.id)] == ["Sam", "Robin", "Kit"]
    assert key_slots(vault_home) == before
    assert attacker.slots_opened(vault_home) == 0


def test_unlocking_over_your_own_swapped_public_key_says_so_in_one_line_and_writes_nothing(vault_home: Path):
    with unlocked_workspace(vault_home) as workspace:
        workspace.create_group("Tuesday")
        me = workspace.facilitator_id
    Attacker().swap_public_key(vault_home, me)
    before = table_dump(vault_home)
    with Workspace.open(vault_home) as workspace:
        with pytest.raises(YourKeyChanged) as refused:
            workspace.unlock(PASSPHRASE)
        assert not workspace.is_unlocked
    assert "\n" not in str(refused.value) and "file may have been changed" in str(refused.value)
    assert table_dump(vault_home) == before


def test_a_removed_facilitator_is_no_longer_trusted_by_the_group(workspace: Workspace):
    group = workspace.create_group("Tuesday")
    robin = workspace.add_cofacilitator(group.id, "Robin", ROBINS, kdf=FLOOR_KDF)
    workspace.remove_facilitator(group.id, robin.id)
    trusted, clear = trusted_and_clear(workspace, group.id)
    assert set(trusted) == {workspace.facilitator_id} and trusted == clear


def test_an_older_vaults_cofacilitators_are_vouched_for_as_each_unlocks_and_removal_waits_for_them(
    vault_home: Path,
):
    with unlocked_workspace(vault_home) as workspace:
        group = workspace.create_group("Tuesday")
        workspace.add_member(group.id, "Ada")
        robin = workspace.add_cofacilitator(group.id, "Robin", ROBINS, kdf=FLOOR_KDF)
        kit = workspace.add_cofacilitator(group.id, "Kit", KITS, kdf=FLOOR_KDF)
    make_older(vault_home, PASSPHRASE, last_migration="m003_cofacilitators")
    with unlocked_workspace(vault_home) as workspace:
        trusted, _ = trusted_and_clear(workspace, group.id)
        assert set(trusted) == {workspace.facilitator_id}  # Sam vouched for themselves on unlocking
        with pytest.raises(NotYetVouched, match="ask them to unlock once first"):
            workspace.remove_facilitator(group.id, kit.id)  # Robin would be sealed to, unvouched
    with Workspace.open(vault_home) as as_robin:
        as_robin.unlock(ROBINS)
        assert [member.name for member in as_robin.members(group.id)] == ["Ada"]
    with unlocked_workspace(vault_home) as workspace:
        trusted, clear = trusted_and_clear(workspace, group.id)
        assert set(trusted) == {workspace.facilitator_id, robin.id}
        assert trusted == {fid: clear[fid] for fid in trusted}
        workspace.remove_facilitator(group.id, kit.id)
    with Workspace.open(vault_home) as as_robin:
        as_robin.unlock(ROBINS)
        assert [member.name for member in as_robin.members(group.id)] == ["Ada"]


def test_the_committed_key_directory_vector_opens_to_its_public_key_through_circles_own_reader():
    vectors = json.loads((Path(__file__).parents[1] / "vectors" / "padded_fields.json").read_text())
    case = next(case for case in vectors["cases"] if case["label"] == "key directory entry")
    table, column, facilitator, group, version = case["aad_parts"]
    assert (table, column) == ("group_facilitators", "public_key")
    sealer = GroupSealer(group, bytes.fromhex(case["key"]), version)
    opened = open_trusted_key(sealer, facilitator, bytes.fromhex(case["sealed"]))
    assert opened == base64.b64decode(case["plaintext"]) and len(opened) == 32
