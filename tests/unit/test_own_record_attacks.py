"""Attacks on a facilitator's own record now that it keeps each group's key with a digest of its slot, and their
public key (FORMAT.md 7.3 steps 5-6, 7.8): by someone who can write the file but knows no passphrase, by a
co-facilitator, and by a co-facilitator removed from a group who kept an old copy and their passphrase."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from circle.store.errors import ClearValueDamaged
from circle.store.errors import VaultChangedOutside
from circle.vault import crypto, keyring
from circle.vault.errors import SealBroken
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace
from circle.workspace.keyring import YourKeyChanged
from tests.conftest import PASSPHRASE, unlocked_workspace
from tests.damage import flip_last_byte, run_sql
from tests.stored_rows import unlocked_keyring

CO_PASSPHRASE = "river stone lantern meadow"
NEW_PASSPHRASE = "a new passphrase of several words"
# What no refusal may say: every name, handle and passphrase these vaults hold.
SECRETS = ("Sam", "Robin", "Tuesday", "Thursday", "Ada", PASSPHRASE, CO_PASSPHRASE, NEW_PASSPHRASE)
REFUSALS = (SealBroken, VaultChangedOutside, YourKeyChanged, ClearValueDamaged)
FACILITATOR_KEYS = ("kdf_salt", "kdf_memory_kib", "kdf_iterations", "kdf_lanes", "wrapped_key", "handle", "public_key")


@dataclass(frozen=True)
class Shared:
    """Sam holds Tuesday (with Ada in it) and Thursday, and has given both to Robin, who has unlocked since."""

    home: Path
    sam: str
    robin: str
    tuesday: str
    thursday: str


@pytest.fixture
def shared(vault_home: Path) -> Shared:
    with unlocked_workspace(vault_home) as workspace:
        tuesday = workspace.create_group("Tuesday")
        workspace.add_member(tuesday.id, "Ada")
        thursday = workspace.create_group("Thursday")
        robin = workspace.add_cofacilitator(tuesday.id, "Robin", CO_PASSPHRASE, kdf=FLOOR_KDF)
        workspace.give_group(thursday.id, robin.id)
        sam = workspace.facilitator_id
    unlock_and_close(vault_home, CO_PASSPHRASE)  # Robin's record now keeps both groups' keys
    return Shared(vault_home, sam, robin.id, tuesday.id, thursday.id)


def unlock_and_close(home: Path, passphrase: str) -> None:
    with Workspace.open(home) as workspace:
        workspace.unlock(passphrase)


def assert_refused(home: Path, passphrase: str = PASSPHRASE, refusal: type | tuple[type, ...] = REFUSALS) -> None:
    """The unlock stops, in one line that names nothing and no one, and nobody is unlocked."""
    with Workspace.open(home) as workspace:
        with pytest.raises(refusal) as caught:
            workspace.unlock(passphrase)
        assert not workspace.is_unlocked
    told = str(caught.value)
    assert "\n" not in told and not [secret for secret in SECRETS if secret in told]


def slot(home: Path, facilitator_id: str, group_id: str) -> bytes:
    [(sealed,)] = run_sql(
        home, "SELECT wrapped_key FROM key_slots WHERE facilitator_id = ? AND group_id = ?", [facilitator_id, group_id]
    )
    return sealed


def set_slot(home: Path, facilitator_id: str, group_id: str, sealed: object, version: int | None = None) -> None:
    """Their slot for the group written over in place, or put back at `version`, as raw SQL would."""
    if version is None:
        run_sql(home, "UPDATE key_slots SET wrapped_key = ? WHERE facilitator_id = ? AND group_id = ?",
                [sealed, facilitator_id, group_id])
    else:
        run_sql(home, "INSERT OR REPLACE INTO key_slots (facilitator_id, group_id, key_version, wrapped_key)"
                " VALUES (?, ?, ?, ?)", [facilitator_id, group_id, version, sealed])


def facilitator_row(home: Path, facilitator_id: str) -> list[object]:
    [row] = run_sql(home, f"SELECT {', '.join(FACILITATOR_KEYS)} FROM facilitators WHERE id = ?", [facilitator_id])
    return list(row)


def put_back_facilitator_row(home: Path, facilitator_id: str, row: list[object]) -> None:
    assignments = ", ".join(f"{column} = ?" for column in FACILITATOR_KEYS)
    run_sql(home, f"UPDATE facilitators SET {assignments} WHERE id = ?", [*row, facilitator_id])


def record_size(home: Path, facilitator_id: str) -> int:
    [(size,)] = run_sql(home, "SELECT length(handle) FROM facilitators WHERE id = ?", [facilitator_id])
    return size


# Slots moved, swapped, put back or renumbered --------------------------------------------------------------------
def test_their_slots_of_two_groups_swapped_are_refused_though_the_record_keeps_both_keys(shared: Shared):
    tuesday, thursday = slot(shared.home, shared.sam, shared.tuesday), slot(shared.home, shared.sam, shared.thursday)
    set_slot(shared.home, shared.sam, shared.tuesday, thursday)
    set_slot(shared.home, shared.sam, shared.thursday, tuesday)
    assert_refused(shared.home)


def test_their_slot_swapped_with_a_cofacilitators_for_the_same_group_is_refused_to_both(shared: Shared):
    sams, robins = slot(shared.home, shared.sam, shared.tuesday), slot(shared.home, shared.robin, shared.tuesday)
    set_slot(shared.home, shared.sam, shared.tuesday, robins)
    set_slot(shared.home, shared.robin, shared.tuesday, sams)
    assert_refused(shared.home)
    assert_refused(shared.home, CO_PASSPHRASE)


@pytest.mark.parametrize(
    "statements",
    [
        ["UPDATE key_slots SET key_version = key_version + 1 WHERE facilitator_id = ?1 AND group_id = ?2"],
        ["UPDATE groups SET key_version = key_version + 1 WHERE id = ?2"],
        ["UPDATE key_slots SET key_version = key_version + 1 WHERE group_id = ?2 AND ?1 IS NOT NULL",
         "UPDATE groups SET key_version = key_version + 1 WHERE id = ?2"],
        ["UPDATE key_slots SET key_version = key_version - 1 WHERE group_id = ?2 AND ?1 IS NOT NULL",
         "UPDATE groups SET key_version = key_version - 1 WHERE id = ?2"],
    ],
    ids=["their slot's version raised", "the group's version raised", "both raised", "both lowered"],
)
def test_a_key_version_renumbered_in_the_clear_never_lets_the_record_give_its_key(shared: Shared, statements: list):
    for statement in statements:
        run_sql(shared.home, statement, [shared.sam, shared.tuesday])
    assert_refused(shared.home)


def test_a_slot_put_back_from_before_a_passphrase_change_is_refused(vault_home: Path):
    with unlocked_workspace(vault_home) as workspace:
        group = workspace.create_group("Tuesday")
        sam = workspace.facilitator_id
        older = slot(vault_home, sam, group.id)
        workspace.change_passphrase(PASSPHRASE, NEW_PASSPHRASE, kdf=FLOOR_KDF)
    set_slot(vault_home, sam, group.id, older)
    assert_refused(vault_home, NEW_PASSPHRASE, SealBroken)


@pytest.mark.parametrize("with_slot", [False, True], ids=["their row alone", "their row and slot"])
def test_their_row_put_back_from_before_a_passphrase_change_opens_no_group_with_the_old_passphrase(
    vault_home: Path, with_slot: bool
):
    """The old passphrase opens the old personal key and so the old record, whose keys name the old slot."""
    with unlocked_workspace(vault_home) as workspace:
        group = workspace.create_group("Tuesday")
        workspace.add_member(group.id, "Ada")
        sam = workspace.facilitator_id
        older_row, older_slot = facilitator_row(vault_home, sam), slot(vault_home, sam, group.id)
        workspace.change_passphrase(PASSPHRASE, NEW_PASSPHRASE, kdf=FLOOR_KDF)
    put_back_facilitator_row(vault_home, sam, older_row)
    if with_slot:
        set_slot(vault_home, sam, group.id, older_slot)
    assert_refused(vault_home, PASSPHRASE)


def test_their_record_put_back_from_before_a_key_change_opens_the_new_slot_not_the_old_key(vault_home: Path):
    with unlocked_workspace(vault_home) as workspace:
        group = workspace.create_group("Tuesday")
        workspace.add_member(group.id, "Ada")
        robin = workspace.add_cofacilitator(group.id, "Robin", CO_PASSPHRASE, kdf=FLOOR_KDF)
        sam = workspace.facilitator_id
        older = facilitator_row(vault_home, sam)
        workspace.remove_facilitator(group.id, robin.id)
        workspace.add_member(group.id, "Grace")
    put_back_facilitator_row(vault_home, sam, older)
    with unlocked_workspace(vault_home) as workspace:
        assert sorted(member.name for member in workspace.members(group.id)) == ["Ada", "Grace"]


# A co-facilitator removed from a group, with an old copy and their passphrase -----------------------------------
@pytest.mark.parametrize(
    "version, group_back", [(1, False), (2, False), (1, True)],
    ids=["their old slot put back", "their old slot put back as the new version", "the group's version put back too"],
)
def test_a_removed_cofacilitator_who_puts_back_their_old_slot_gets_no_key_to_the_group(
    shared: Shared, version: int, group_back: bool
):
    older = slot(shared.home, shared.robin, shared.tuesday)
    with unlocked_workspace(shared.home) as workspace:
        workspace.remove_facilitator(shared.tuesday, shared.robin)  # Robin still holds Thursday
    set_slot(shared.home, shared.robin, shared.tuesday, older, version)
    if group_back:
        run_sql(shared.home, "UPDATE groups SET key_version = 1 WHERE id = ?", [shared.tuesday])
    with Workspace.open(shared.home) as robin:
        try:
            with unlocked_keyring(robin, CO_PASSPHRASE, accept_changes=True) as keys:
                assert list(keys.sealers) == [shared.thursday]
        except SealBroken:
            pass  # refused outright: no key either
    assert_refused(shared.home)


def test_a_removed_cofacilitators_next_unlock_lets_go_of_the_old_key_and_keeps_their_other_group(shared: Shared):
    with unlocked_workspace(shared.home) as workspace:
        workspace.remove_facilitator(shared.tuesday, shared.robin)
    before = facilitator_row(shared.home, shared.robin)
    with Workspace.open(shared.home) as robin:
        robin.unlock(CO_PASSPHRASE)
        assert [overview.name for overview in robin.groups()] == ["Thursday"]
    assert facilitator_row(shared.home, shared.robin) != before  # the record, sealed again without Tuesday's key
    with Workspace.open(shared.home) as robin, unlocked_keyring(robin, CO_PASSPHRASE) as keys:
        assert list(keys.sealers) == [shared.thursday]


# Every change that writes the record leaves it in step: a good vault opens, a slot changed in place does not -----
def made(home: Path) -> tuple[Path, str, str]:
    with unlocked_workspace(home) as workspace:
        group = workspace.create_group("Tuesday")
        workspace.add_member(group.id, "Ada")
    return home, PASSPHRASE, group.id


def passphrase_changed(home: Path) -> tuple[Path, str, str]:
    with unlocked_workspace(home) as workspace:
        group = workspace.create_group("Tuesday")
        workspace.change_passphrase(PASSPHRASE, NEW_PASSPHRASE, kdf=FLOOR_KDF)
        workspace.add_member(group.id, "Ada")  # a write under the new key, in the same session
    return home, NEW_PASSPHRASE, group.id


def key_changed(home: Path) -> tuple[Path, str, str]:
    with unlocked_workspace(home) as workspace:
        group = workspace.create_group("Tuesday")
        robin = workspace.add_cofacilitator(group.id, "Robin", CO_PASSPHRASE, kdf=FLOOR_KDF)
        workspace.remove_facilitator(group.id, robin.id)
        workspace.add_member(group.id, "Ada")
    return home, PASSPHRASE, group.id


def other_group_deleted(home: Path) -> tuple[Path, str, str]:
    with unlocked_workspace(home) as workspace:
        gone = workspace.create_group("Thursday")
        group = workspace.create_group("Tuesday")
        workspace.add_member(group.id, "Ada")
        workspace.delete_group(gone.id)
    return home, PASSPHRASE, group.id


def imported_from_a_handoff(home: Path) -> tuple[Path, str, str]:
    with unlocked_workspace(home) as sam:
        group = sam.create_group("Tuesday")
        sam.add_member(group.id, "Ada")
        handoff = sam.export_handoff(group.id, kdf=FLOOR_KDF)
    robins_laptop = home.parent / "robins-laptop"
    with Workspace.open(robins_laptop, kdf=FLOOR_KDF) as robin:
        robin.create_facilitator("Robin", CO_PASSPHRASE)
        robin.import_handoff(handoff.data, handoff.code)
    return robins_laptop, CO_PASSPHRASE, group.id


@pytest.mark.parametrize(
    "change", [made, passphrase_changed, key_changed, other_group_deleted, imported_from_a_handoff],
    ids=lambda change: change.__name__,
)
def test_after_each_change_a_good_vault_opens_and_their_slot_changed_in_place_is_refused(vault_home: Path, change):
    home, passphrase, group_id = change(vault_home)
    with Workspace.open(home) as workspace:
        workspace.unlock(passphrase)
        assert [member.name for member in workspace.members(group_id)] == ["Ada"]
        mine = workspace.facilitator_id
    set_slot(home, mine, group_id, flip_last_byte(slot(home, mine, group_id)))
    assert_refused(home, passphrase, SealBroken)


def test_an_everyday_unlock_leaves_the_record_as_it_was_for_a_later_copy_to_compare(shared: Shared):
    """The record is sealed again only when it differs: two copies of the file do not say who unlocked between."""
    before = facilitator_row(shared.home, shared.sam)
    unlock_and_close(shared.home, PASSPHRASE)
    assert facilitator_row(shared.home, shared.sam) == before


# What the first review found: each went unreported, crashed, or told too much -----------------------------------
@pytest.mark.parametrize("junk", ["not a slot", 42], ids=["text", "a number"])
def test_a_slot_that_is_not_bytes_is_refused_as_broken_in_one_line(vault_home: Path, junk: object):
    with unlocked_workspace(vault_home) as workspace:
        group = workspace.create_group("Tuesday")
        sam = workspace.facilitator_id
    set_slot(vault_home, sam, group.id, junk)
    assert_refused(vault_home, PASSPHRASE, SealBroken)


def test_their_public_key_taken_away_is_refused_by_a_writer_and_by_a_view_that_writes_nothing(vault_home: Path):
    with unlocked_workspace(vault_home) as workspace:
        workspace.create_group("Tuesday")
    run_sql(vault_home, "UPDATE facilitators SET public_key = NULL")
    assert_refused(vault_home)
    with Workspace.open(vault_home) as workspace, pytest.raises(REFUSALS), unlocked_keyring(workspace, PASSPHRASE):
        pass


def test_their_slot_changed_behind_a_running_circle_refuses_a_write_that_touches_the_groups_holders_and_the_unlock(
    vault_home: Path,
):
    """The write reads their slot to take it into their record: one it did not write is opened first."""
    with unlocked_workspace(vault_home) as workspace:
        group = workspace.create_group("Tuesday")
        sam = workspace.facilitator_id
        set_slot(vault_home, sam, group.id, flip_last_byte(slot(vault_home, sam, group.id)))
        with pytest.raises(SealBroken, match="key slot"):
            workspace.add_cofacilitator(group.id, "Robin", CO_PASSPHRASE, kdf=FLOOR_KDF)
        assert [entry.handle for entry in workspace.facilitators(group.id)] == ["Sam"]
    assert_refused(vault_home)


def test_a_key_of_an_attackers_sealed_to_them_at_the_same_key_version_is_refused_before_the_groups_rows(
    shared: Shared,
):
    """Anyone can seal to a clear public key; their record keeps the key of this version, and no key version
    ever has two keys, so a slot that opens to another one is refused whatever the group's rows say."""
    [(public_key,)] = run_sql(shared.home, "SELECT public_key FROM facilitators WHERE id = ?", [shared.sam])
    planted = keyring.seal_group_key(public_key, crypto.new_key(), shared.sam, shared.tuesday, 1)
    set_slot(shared.home, shared.sam, shared.tuesday, planted)
    assert_refused(shared.home, PASSPHRASE, SealBroken)
    with Workspace.open(shared.home) as workspace, pytest.raises(SealBroken, match="key slot"):
        workspace.unlock(PASSPHRASE)


# What the record's size says -------------------------------------------------------------------------------------
def test_the_records_size_says_nothing_of_an_ordinary_handles_length_for_a_few_groups(tmp_path: Path):
    sizes = {}
    for handle in ("Al", "Bartholomew Featherstonehaugh-Montgomery"):  # the shortest and HANDLE_MAX long
        home = tmp_path / handle[:2]
        with Workspace.open(home, kdf=FLOOR_KDF) as workspace:
            workspace.create_facilitator(handle, PASSPHRASE)
            grown = [record_size(home, workspace.facilitator_id)]
            for name in ("Tuesday", "Thursday", "Saturday"):
                workspace.create_group(name)
                grown.append(record_size(home, workspace.facilitator_id))
        sizes[handle] = grown
    [short, long] = sizes.values()
    assert short == long


def test_a_cofacilitators_record_is_the_same_size_before_and_after_their_first_unlock(vault_home: Path):
    with unlocked_workspace(vault_home) as workspace:
        group = workspace.create_group("Tuesday")
        robin = workspace.add_cofacilitator(group.id, "Robin", CO_PASSPHRASE, kdf=FLOOR_KDF)
    before = record_size(vault_home, robin.id)
    unlock_and_close(vault_home, CO_PASSPHRASE)
    assert record_size(vault_home, robin.id) == before
