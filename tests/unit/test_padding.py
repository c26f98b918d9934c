"""Sealed values are padded to buckets: their lengths say nothing finer, and an older vault is padded in place."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from circle.domain.clock import FakeClock
from circle.domain.notes import NoteDraft, NoteKind, SafetyAction
from circle.domain.roster import RosterEntry
from circle.domain.rules import NotesPolicy
from circle.domain.session import Arrive
from circle.store.keys import GROUP_SEALED_COLUMNS
from circle.store.format_versions import CURRENT_GROUP_FORMAT
from circle.vault import crypto
from circle.vault.errors import SealBroken
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace
from tests.conftest import PASSPHRASE, unlocked_workspace
from tests.older_vaults import make_older
from tests.stored_rows import unlocked_keyring

NAMES = ["Al", "Ada L.", "Zoë 🌻 K.", "Maximiliana Bartholomew-Featherstonehaugh"]


@pytest.fixture
def vault(vault_home: Path) -> Iterator[Workspace]:
    with unlocked_workspace(vault_home, FakeClock(datetime(2026, 3, 2, 19, 0, tzinfo=UTC))) as opened:
        yield opened


def raw(workspace: Workspace, sql: str) -> list[tuple]:
    conn = sqlite3.connect(workspace.locations.vault_file)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def group_with_notes(vault: Workspace) -> str:
    group = vault.create_group("Tuesday Circle", "support-90")
    vault.change_rules(group.id, replace(group.rules, notes=NotesPolicy.BRIEF, brief_note_cap=200))
    vault.add_members(group.id, [RosterEntry(name, None) for name in NAMES])
    meeting = vault.meeting(group.id)
    ada = next(member.id for member in vault.members(group.id) if member.name == "Ada L.")
    meeting.do(Arrive(ada))
    for action in SafetyAction:
        meeting.note(NoteDraft(NoteKind.SAFETY, action=action))
    meeting.note(NoteDraft(NoteKind.FOLLOW_UP, member_id=ada, text="Offer a call"))
    meeting.note(NoteDraft(NoteKind.FOLLOW_UP, member_id=ada))
    return group.id


def test_names_of_ordinary_lengths_all_seal_to_one_length(vault: Workspace):
    group_with_notes(vault)
    lengths = {row[0] for row in raw(vault, "SELECT length(name) FROM members")}
    assert lengths == {1 + 12 + 64 + 16}


def test_every_safety_action_and_every_follow_up_seal_to_one_length(vault: Workspace):
    group_with_notes(vault)
    lengths = {row[0] for row in raw(vault, "SELECT length(body) FROM notes")}
    assert lengths == {1 + 12 + 512 + 16}


def test_every_sealed_value_in_a_new_vault_is_padded(vault: Workspace):
    group_with_notes(vault)
    for sealed in GROUP_SEALED_COLUMNS:
        for (value,) in raw(vault, f"SELECT {sealed.column} FROM {sealed.table} WHERE {sealed.column} IS NOT NULL"):
            assert crypto.seal_version(value) == crypto.PADDED_SEAL_VERSION, f"{sealed.table}.{sealed.column}"
    assert {row[0] for row in raw(vault, "SELECT format FROM groups")} == {CURRENT_GROUP_FORMAT}


def test_an_unpadded_value_put_into_a_padded_group_is_refused(vault: Workspace):
    group_id = group_with_notes(vault)
    member = vault.members(group_id)[0]
    with unlocked_keyring(vault, PASSPHRASE) as keys:
        sealer = keys.sealers[group_id]
    parts = ["members", "name", member.id, group_id, sealer.key_version]
    unpadded = crypto.seal(sealer.key, b"Mallory", crypto.associated_data(parts))
    conn = sqlite3.connect(vault.locations.vault_file)
    with conn:
        conn.execute("UPDATE members SET name = ? WHERE id = ?", [unpadded, member.id])
    conn.close()
    with pytest.raises(SealBroken):
        vault.members(group_id)


def test_an_older_vault_is_padded_at_the_first_unlock_and_loses_nothing(vault_home: Path):
    with unlocked_workspace(vault_home) as vault:
        group_id = group_with_notes(vault)
        vault.add_cofacilitator(group_id, "Robin", "robin's own passphrase", kdf=FLOOR_KDF)
        before = (vault.members(group_id), vault.notes(group_id), vault.meeting(group_id).events, vault.group(group_id))
        handles_before = [entry.handle for entry in vault.facilitators(group_id)]
    make_older(vault_home, PASSPHRASE, last_migration="m003_cofacilitators")
    with Workspace.open(vault_home) as older:
        assert raw(older, "SELECT format FROM groups") == [(1,)]
        assert {crypto.seal_version(row[0]) for row in raw(older, "SELECT name FROM members")} == {crypto.SEAL_VERSION}
    with unlocked_workspace(vault_home) as vault:
        assert raw(vault, "SELECT format FROM groups") == [(CURRENT_GROUP_FORMAT,)]
        after = (vault.members(group_id), vault.notes(group_id), vault.meeting(group_id).events, vault.group(group_id))
        assert after == before
        assert [entry.handle for entry in vault.facilitators(group_id)] == handles_before
        for sealed in GROUP_SEALED_COLUMNS:
            for (value,) in raw(vault, f"SELECT {sealed.column} FROM {sealed.table} WHERE {sealed.column} IS NOT NULL"):
                assert crypto.seal_version(value) == crypto.PADDED_SEAL_VERSION, f"{sealed.table}.{sealed.column}"
        own = raw(vault, f"SELECT handle FROM facilitators WHERE id = '{vault.facilitator_id}'")
        assert crypto.seal_version(own[0][0]) == crypto.PADDED_SEAL_VERSION
    with Workspace.open(vault_home) as robin:
        robin.unlock("robin's own passphrase")
        assert robin.members(group_id) == before[0]
