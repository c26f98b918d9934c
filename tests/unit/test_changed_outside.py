"""Rows deleted, reordered or put back from an older copy are reported at unlock, and nothing is written until the
facilitator accepts the vault as it is."""

from __future__ import annotations

import gc
import shutil
import sqlite3
import weakref
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from circle.domain.clock import FakeClock
from circle.domain.notes import NoteDraft, NoteKind, SafetyAction
from circle.domain.roster import RosterEntry
from circle.domain.session import Arrive
from circle.store.errors import VaultChangedOutside
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace
from tests.conftest import PASSPHRASE, unlocked_workspace
from tests.damage import run_sql, table_dump

ROBINS = "river stone lantern meadow"
CLOCK = datetime(2026, 3, 2, 19, 0, tzinfo=UTC)


def a_group_with_history(home: Path) -> str:
    """A closed meeting, one discarded, a meeting still open with a few steps in its log, and a safety note."""
    with unlocked_workspace(home, FakeClock(CLOCK)) as vault:
        group = vault.create_group("Tuesday", "support-90")
        ada, bo = vault.add_members(group.id, [RosterEntry("Ada", None), RosterEntry("Bo", None)])
        first = vault.meeting(group.id)
        first.do(Arrive(ada.id))
        first.close()
        vault.discard_meeting(group.id, vault.meeting(group.id).session_id)  # one opened by mistake
        second = vault.meeting(group.id)
        second.do(Arrive(ada.id))
        second.do(Arrive(bo.id))
        second.note(NoteDraft(NoteKind.SAFETY, action=SafetyAction.CRISIS_LINE))
        second.note(NoteDraft(NoteKind.FOLLOW_UP, member_id=bo.id))
        vault.lead_fingerprint(group.id)  # the group's signing key is made
    return group.id


def swap_steps(home: Path, first: int, second: int) -> None:
    """Two steps of the open meeting's log in each other's place: each keeps its row, the sealed steps trade."""
    steps = dict(run_sql(home, "SELECT seq, data FROM session_events WHERE seq IN (?, ?)", [first, second]))
    for seq, other in ((first, second), (second, first)):
        run_sql(home, "UPDATE session_events SET data = ? WHERE seq = ?", [steps[other], seq])


def reported(home: Path) -> str:
    """The one line the unlock gives, having checked that the refused unlock wrote nothing."""
    before = table_dump(home)
    with Workspace.open(home) as vault, pytest.raises(VaultChangedOutside) as refused:
        vault.unlock(PASSPHRASE)
    assert table_dump(home) == before
    message = str(refused.value)
    assert "\n" not in message and "Tuesday" not in message and "Ada" not in message
    return message


TAMPERING: dict[str, tuple[Callable[[Path], None], str]] = {
    "a closed meeting deleted": (
        lambda home: run_sql(home, "DELETE FROM sessions WHERE status = 'closed'"), "the meetings"),
    "a note deleted": (lambda home: run_sql(home, "DELETE FROM notes"), "the notes"),
    "the last step of the live meeting's log deleted": (
        lambda home: run_sql(home, "DELETE FROM session_events WHERE seq = (SELECT max(seq) FROM session_events)"),
        "a meeting's log"),
    "two steps of the log swapped": (lambda home: swap_steps(home, 1, 2), "a meeting's log"),
    "a member deleted": (lambda home: run_sql(home, "DELETE FROM members WHERE rowid = 1"), "the roster"),
    "the group's manifest removed": (lambda home: run_sql(home, "UPDATE groups SET manifest = NULL"), "the manifest"),
    "the group's signing key taken away": (
        lambda home: run_sql(home, "UPDATE groups SET signing = NULL"), "the group's signing key"),
    "the group's discarded meetings forgotten, to let a copy bring one back": (
        lambda home: run_sql(home, "UPDATE groups SET discarded = NULL"), "the meetings the group discarded"),
}


@pytest.mark.parametrize("tampering", TAMPERING, ids=list(TAMPERING))
def test_rows_changed_in_the_file_are_reported_at_unlock_naming_what_changed(vault_home: Path, tampering: str):
    a_group_with_history(vault_home)
    change, named = TAMPERING[tampering]
    change(vault_home)
    assert named in reported(vault_home)


def test_a_note_put_back_as_it_was_before_it_was_resolved_is_reported(vault_home: Path):
    group_id = a_group_with_history(vault_home)
    with unlocked_workspace(vault_home, FakeClock(CLOCK)) as vault:
        vault.meeting(group_id).close()
        note_id = next(due.note.id for due in vault.follow_ups() if due.note.kind is NoteKind.FOLLOW_UP)
        [unresolved] = run_sql(vault_home, "SELECT * FROM notes WHERE id = ?", [note_id])
        vault.resolve_note(group_id, note_id)
    run_sql(vault_home, "DELETE FROM notes WHERE id = ?", [note_id])
    run_sql(vault_home, f"INSERT INTO notes VALUES ({', '.join('?' * len(unresolved))})", unresolved)
    assert "the notes" in reported(vault_home)


def test_a_group_whose_key_version_was_raised_is_reported_not_silently_hidden(vault_home: Path):
    a_group_with_history(vault_home)
    run_sql(vault_home, "UPDATE groups SET key_version = key_version + 1")
    assert "a key slot" in reported(vault_home)


def test_a_removal_undone_by_putting_back_the_groups_rows_from_an_older_copy_is_reported(
    vault_home: Path, tmp_path: Path
):
    with unlocked_workspace(vault_home) as vault:
        group = vault.create_group("Tuesday")
        robin = vault.add_cofacilitator(group.id, "Robin", ROBINS, kdf=FLOOR_KDF)
    older = tmp_path / "older.db"
    shutil.copy(vault_home / "data" / "circle.db", older)
    with unlocked_workspace(vault_home) as vault:
        vault.remove_facilitator(group.id, robin.id)
    # Robin, with write access to the laptop, puts back the group as it was when Robin still held it.
    restore_from(vault_home, older, group.id)
    assert "the key" in reported(vault_home)


def restore_from(home: Path, older: Path, group_id: str) -> None:
    """The group's own rows and key slots, as they were in the older copy; everything else as it is now."""
    conn = sqlite3.connect(home / "data" / "circle.db", isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("ATTACH DATABASE ? AS older", [str(older)])
        for table, where in (("groups", "id = ?"), ("key_slots", "group_id = ?"), ("group_facilitators", "group_id = ?")):
            conn.execute(f"DELETE FROM main.{table} WHERE {where}", [group_id])
            conn.execute(f"INSERT INTO main.{table} SELECT * FROM older.{table} WHERE {where}", [group_id])
        conn.execute("INSERT OR IGNORE INTO main.facilitators SELECT * FROM older.facilitators WHERE id NOT IN"
                     " (SELECT id FROM main.facilitators)")
    finally:
        conn.close()


def test_accepting_the_vault_as_it_is_goes_on_and_later_changes_are_noticed_again(vault_home: Path):
    a_group_with_history(vault_home)
    run_sql(vault_home, "DELETE FROM notes")
    reported(vault_home)
    with Workspace.open(vault_home) as vault:
        vault.unlock(PASSPHRASE, accept_changes=True)
        assert [group.name for group in vault.groups()] == ["Tuesday"]
    with unlocked_workspace(vault_home):
        pass  # accepted: unlocks as usual
    run_sql(vault_home, "DELETE FROM sessions WHERE status = 'closed'")
    assert "the meetings" in reported(vault_home)


def test_everything_circle_itself_writes_is_vouched_for(vault_home: Path):
    group_id = a_group_with_history(vault_home)
    with unlocked_workspace(vault_home) as vault:
        robin = vault.add_cofacilitator(group_id, "Robin", ROBINS, kdf=FLOOR_KDF)
        vault.meeting(group_id).close()
        vault.remove_facilitator(group_id, robin.id)
        vault.change_passphrase(PASSPHRASE, "a whole new passphrase here")
    with Workspace.open(vault_home) as vault:
        vault.unlock("a whole new passphrase here")
        assert len(vault.groups()) == 1


def test_rows_deleted_with_the_manifest_taken_away_too_are_reported(vault_home: Path):
    a_group_with_history(vault_home)
    run_sql(vault_home, "DELETE FROM notes")
    run_sql(vault_home, "UPDATE groups SET manifest = NULL")
    assert "the manifest" in reported(vault_home)


def test_rows_added_then_deleted_with_an_older_manifest_put_back_are_reported(vault_home: Path):
    group_id = a_group_with_history(vault_home)
    [(older_manifest,)] = run_sql(vault_home, "SELECT manifest FROM groups")
    with unlocked_workspace(vault_home, FakeClock(CLOCK)) as vault:
        added = vault.add_member(group_id, "Cal")
    run_sql(vault_home, "DELETE FROM members WHERE id = ?", [added.id])
    run_sql(vault_home, "UPDATE groups SET manifest = ?", [older_manifest])
    assert "the manifest" in reported(vault_home)


def test_a_key_slot_taken_away_is_reported_not_a_group_silently_gone(vault_home: Path):
    a_group_with_history(vault_home)
    with unlocked_workspace(vault_home):
        pass  # the facilitator has seen the group
    run_sql(vault_home, "DELETE FROM key_slots")
    assert "a key slot" in reported(vault_home)


def test_a_facilitator_removed_by_the_others_is_not_told_the_vault_was_changed(vault_home: Path):
    with unlocked_workspace(vault_home) as vault:
        tuesday, thursday = vault.create_group("Tuesday"), vault.create_group("Thursday")
        robin = vault.add_cofacilitator(tuesday.id, "Robin", ROBINS, kdf=FLOOR_KDF)
        vault.give_group(thursday.id, robin.id)
    with Workspace.open(vault_home) as as_robin:
        as_robin.unlock(ROBINS)  # Robin has seen both groups
    with unlocked_workspace(vault_home) as vault:
        vault.remove_facilitator(tuesday.id, robin.id)
    with Workspace.open(vault_home) as as_robin:
        as_robin.unlock(ROBINS)
        assert [group.name for group in as_robin.groups()] == ["Thursday"]


def test_locking_leaves_no_key_behind_of_a_group_made_since_unlocking(vault_home: Path):
    with unlocked_workspace(vault_home) as vault:
        group = vault.create_group("Tuesday")
        held = weakref.ref(vault._sealers[group.id])  # noqa: SLF001 - the key holder itself
        vault.lock()
        gc.collect()
        assert held() is None
