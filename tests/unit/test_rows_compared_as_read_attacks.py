"""A view that compares each group's rows as it reads them (`circle trends`) tried with changes the full unlock
refuses, made to the vault file by someone without a key: each must be refused before anything it changed is
printed. A change a running circle makes beside the view is its own, and is not taken for one."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from circle.domain.clock import FakeClock
from circle.store.errors import VaultChangedOutside
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace
from tests.cli.test_cli import ok
from tests.conftest import PASSPHRASE, unlocked_workspace
from tests.damage import run_sql
from tests.unit.test_changed_outside import CLOCK, ROBINS, a_group_with_history
from tests.unit.test_rows_compared_as_read import closed_group, counts, counts_view

# The rows a copy of the vault is put back from: what `circle trends` reads of a group, and who reads it.
PUT_BACK = {"groups": "id", "trend_history": "group_id", "facilitators": "id"}


def rows_of(home: Path, tables: tuple[str, ...] = tuple(PUT_BACK)) -> dict[str, list[tuple]]:
    return {table: run_sql(home, f"SELECT * FROM {table}") for table in tables}


def put_back(home: Path, older: dict[str, list[tuple]]) -> None:
    """Each row of these tables as it was in an older copy of the same vault, every column of it."""
    for table, rows in older.items():
        key = PUT_BACK[table]
        columns = [row[1] for row in run_sql(home, f"PRAGMA table_info({table})")]
        for row in rows:
            assigned = ", ".join(f"{column} = ?" for column in columns)
            run_sql(home, f"UPDATE {table} SET {assigned} WHERE {key} = ?", [*row, row[columns.index(key)]])


def a_meeting_held_later(home: Path, group_id: str, passphrase: str = PASSPHRASE) -> None:
    with Workspace.open(home, clock=FakeClock(CLOCK + timedelta(days=7))) as vault:
        vault.unlock(passphrase)
        vault.meeting(group_id).close()


def test_the_counts_and_manifest_of_an_older_copy_put_back_with_the_facilitators_record_are_refused(
    vault_home: Path,
):
    group_id = closed_group(vault_home)
    with counts_view(vault_home) as view:
        older_report = counts(view)
    older = rows_of(vault_home)
    a_meeting_held_later(vault_home, group_id)
    with counts_view(vault_home) as view:
        assert counts(view) != older_report  # the later meeting is counted

    put_back(vault_home, older)  # the group's row with its manifest, its kept counts and the facilitator's record

    with Workspace.open(vault_home) as vault, pytest.raises(VaultChangedOutside, match="the meetings"):
        vault.unlock(PASSPHRASE)  # the meetings held since are not those the manifest put back names
    with pytest.raises(VaultChangedOutside, match="the meetings"), counts_view(vault_home):
        pass  # nor for a report, which would be the older copy's, the later meeting left out


def test_the_counts_and_manifest_of_an_older_copy_put_back_under_a_cofacilitators_later_meeting_are_refused(
    vault_home: Path,
):
    """The facilitator's own record is left as it is: what they last saw is older than the meeting their
    co-facilitator held since, so only the group's rows can tell that its manifest was put back."""
    group_id = closed_group(vault_home)
    with unlocked_workspace(vault_home) as vault:
        vault.add_cofacilitator(group_id, "Robin", ROBINS, kdf=FLOOR_KDF)
    with Workspace.open(vault_home) as robin:
        robin.unlock(ROBINS)  # Robin's first unlock names them in the group
    with unlocked_workspace(vault_home):
        pass  # what this facilitator last saw: the group as it is now
    older = rows_of(vault_home, ("groups", "trend_history"))
    a_meeting_held_later(vault_home, group_id, ROBINS)

    put_back(vault_home, older)

    with Workspace.open(vault_home) as vault, pytest.raises(VaultChangedOutside, match="the meetings"):
        vault.unlock(PASSPHRASE)
    with pytest.raises(VaultChangedOutside, match="the meetings"), counts_view(vault_home):
        pass


def test_circle_trends_refuses_a_groups_row_and_counts_put_back_as_the_app_does(run_circle, vault_home: Path):
    group_id = closed_group(vault_home)
    older_csv = ok(run_circle("trends", "--format", "csv", home=vault_home))
    older = rows_of(vault_home)
    a_meeting_held_later(vault_home, group_id)
    assert ok(run_circle("trends", "--format", "csv", home=vault_home)) != older_csv

    put_back(vault_home, older)

    assert "changed outside circle" in run_circle("group", "list", home=vault_home).stderr
    printed = run_circle("trends", "--format", "csv", home=vault_home)
    assert (printed.returncode, printed.stdout) == (1, ""), "the older copy's figures, printed as the vault's"


# What each group is, compared at the unlock itself, before anything of the group is read.
GROUP_ITSELF_CHANGED = {
    "the group's signing key taken away": ("UPDATE groups SET signing = NULL", "the group's signing key"),
    "the group's facilitators' names taken away": ("DELETE FROM group_facilitators", "who holds the group's key"),
    "a key slot of another version": ("UPDATE key_slots SET key_version = key_version + 1", "a key slot"),
    "the facilitator's key slot taken away": ("DELETE FROM key_slots", "a key slot"),
}


@pytest.mark.parametrize("change", GROUP_ITSELF_CHANGED, ids=list(GROUP_ITSELF_CHANGED))
def test_what_a_group_is_changed_outside_circle_is_refused_at_the_unlock_of_a_counts_view(
    vault_home: Path, change: str
):
    closed_group(vault_home)
    sql, named = GROUP_ITSELF_CHANGED[change]
    run_sql(vault_home, sql)
    with pytest.raises(VaultChangedOutside, match=named), counts_view(vault_home):
        pass


def test_a_change_a_running_circle_makes_after_the_view_unlocked_is_compared_as_its_own(vault_home: Path):
    group_id = closed_group(vault_home)
    with counts_view(vault_home) as view:
        with unlocked_workspace(vault_home) as vault:
            vault.add_member(group_id, "Cy")
            vault.meeting(group_id).close()
        assert "Cy" in [member.name for member in view.members(group_id)]
        assert view.trends([group_id], by="month", since=CLOCK.date(), meetings=False).groups


def test_rows_changed_outside_circle_after_the_view_unlocked_are_refused_when_first_read(vault_home: Path):
    group_id = closed_group(vault_home)
    with counts_view(vault_home) as view:
        run_sql(vault_home, "DELETE FROM members WHERE rowid = 1")
        with pytest.raises(VaultChangedOutside, match="the roster"):
            view.members(group_id)


def test_counts_moved_from_another_group_cannot_hide_a_change_to_the_meetings(vault_home: Path):
    tuesday, other = closed_group(vault_home), closed_group(vault_home)
    run_sql(vault_home, "DELETE FROM sessions WHERE group_id = ? AND rowid = (SELECT min(rowid) FROM sessions"
            " WHERE group_id = ?)", [tuesday, tuesday])
    run_sql(vault_home, "INSERT OR REPLACE INTO trend_history SELECT ?, history, week, month, quarter"
            " FROM trend_history WHERE group_id = ?", [tuesday, other])
    with pytest.raises(VaultChangedOutside, match="the meetings"), counts_view(vault_home) as view:
        counts(view)


def test_a_meeting_left_open_and_marked_closed_outside_circle_is_refused_by_a_counts_view(vault_home: Path):
    a_group_with_history(vault_home)  # its second meeting is still open: nothing is kept while it is
    run_sql(vault_home, "UPDATE sessions SET status = 'closed' WHERE status = 'open'")
    with pytest.raises(VaultChangedOutside, match="the meetings"), counts_view(vault_home) as view:
        counts(view)


def test_a_running_circles_write_in_the_midst_of_a_comparison_is_not_taken_for_a_change(vault_home: Path):
    """The manifest and the rows are read in one snapshot: read apart, a write between them would be a mismatch."""
    group_id = closed_group(vault_home)
    with counts_view(vault_home) as view, unlocked_workspace(vault_home) as running:
        written = []

        def write_once() -> int:  # SQLite calls it as the view's first statement runs: the manifest's read
            if not written:
                written.append(running.add_member(group_id, "Cy"))
            return 0

        view_conn = view._context.repo.conn
        view_conn.set_progress_handler(write_once, 1)
        try:
            view.members(group_id)  # compares the roster with the manifest read as the member was added
        finally:
            view_conn.set_progress_handler(None, 1)
        assert written
        assert "Cy" in [member.name for member in view.members(group_id)]
