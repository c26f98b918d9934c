"""A read-only view unlocked to report counts compares what each group is at unlock, and the rest of its rows with
the group's manifest only as it reads them: every change the full unlock reports is still reported before
anything changed is read, and a report from the counts each group keeps reads no meeting or name at all."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest

from circle.domain.clock import FakeClock
from circle.domain.trends.series import TrendReport
from circle.paths import locations
from circle.store.errors import VaultChangedOutside
from circle.workspace import Workspace
from tests.conftest import PASSPHRASE, unlocked_workspace
from tests.damage import run_sql
from tests.unit.test_changed_outside import CLOCK, TAMPERING, a_group_with_history


@contextmanager
def counts_view(home: Path) -> Iterator[Workspace]:
    with Workspace.open_to_read(locations(home)) as view:
        view.unlock(PASSPHRASE, rows_as_read=True)
        yield view


def closed_group(home: Path) -> str:
    """A group whose meetings are all closed, so its counts are kept as its last close leaves them."""
    group_id = a_group_with_history(home)
    with unlocked_workspace(home, FakeClock(CLOCK)) as vault:
        vault.meeting(group_id).close()
    return group_id


def counts(view: Workspace) -> TrendReport:
    return view.trends(by="month", meetings=False)


@pytest.mark.parametrize("tampering", TAMPERING, ids=list(TAMPERING))
def test_every_change_the_unlock_reports_is_reported_by_a_counts_view_before_it_reads_that_part(
    vault_home: Path, tampering: str
):
    group_id = a_group_with_history(vault_home)
    change, named = TAMPERING[tampering]
    change(vault_home)
    with pytest.raises(VaultChangedOutside) as refused, counts_view(vault_home) as view:
        view.members(group_id)  # reads the roster, and asks for the group's rows whole
    assert named in str(refused.value)


def test_a_report_from_kept_counts_goes_on_over_a_changed_roster_and_names_stop_at_it(vault_home: Path):
    group_id = closed_group(vault_home)
    with counts_view(vault_home) as view:
        before = counts(view)
    run_sql(vault_home, "DELETE FROM members WHERE rowid = 1")

    with counts_view(vault_home) as view:
        assert counts(view) == before  # the counts kept are those of the meetings the manifest names
        with pytest.raises(VaultChangedOutside, match="the roster"):
            view.dropped_off_names(group_id)
        with pytest.raises(VaultChangedOutside, match="the roster"):
            view.members(group_id)  # refused again, not let through the second time


def test_finding_a_group_by_its_name_reads_only_the_names_of_the_groups(vault_home: Path):
    group_id = closed_group(vault_home)
    run_sql(vault_home, "DELETE FROM members WHERE rowid = 1")
    with counts_view(vault_home) as view:
        assert view.find_group("TUESDAY").id == group_id
        assert view.trends([group_id], by="month", meetings=False).groups


def test_counts_worked_out_again_from_the_meetings_wait_for_the_meetings_to_be_compared(vault_home: Path):
    closed_group(vault_home)
    with counts_view(vault_home) as view:
        before = counts(view)
    run_sql(vault_home, "DELETE FROM trend_history")  # nothing kept: the meetings are read

    with counts_view(vault_home) as view:
        assert counts(view) == before
    run_sql(vault_home, "UPDATE sessions SET headcount = headcount + 1 WHERE status = 'closed'")  # as many as before
    with counts_view(vault_home) as view, pytest.raises(VaultChangedOutside, match="the meetings"):
        counts(view)


def test_meetings_other_than_as_many_as_the_manifest_names_are_refused_at_the_unlock_of_a_counts_view(
    vault_home: Path,
):
    closed_group(vault_home)
    run_sql(vault_home, "DELETE FROM sessions WHERE status = 'closed'")
    with pytest.raises(VaultChangedOutside, match="the meetings"), counts_view(vault_home):
        pass


def test_a_group_name_put_back_from_before_is_reported_at_the_unlock_itself(vault_home: Path):
    group_id = closed_group(vault_home)
    [(first_name,)] = run_sql(vault_home, "SELECT name FROM groups WHERE id = ?", [group_id])
    with unlocked_workspace(vault_home, FakeClock(CLOCK)) as vault:
        vault.save_group(replace(vault.group(group_id), name="Thursday"))
    run_sql(vault_home, "UPDATE groups SET name = ? WHERE id = ?", [first_name, group_id])

    with pytest.raises(VaultChangedOutside, match="the group's settings"), counts_view(vault_home):
        pass


def test_only_a_view_that_writes_nothing_may_leave_rows_to_be_compared_as_read(vault_home: Path):
    a_group_with_history(vault_home)
    with Workspace.open(vault_home) as vault, pytest.raises(ValueError):
        vault.unlock(PASSPHRASE, rows_as_read=True)


@pytest.mark.parametrize("reads", ["meetings", ("meeting",), ("settings", "minutes")])
def test_a_read_that_names_a_part_no_manifest_has_is_a_mistake_not_a_read_compared_with_nothing(
    vault_home: Path, reads: object
):
    group_id = closed_group(vault_home)
    with counts_view(vault_home) as view, pytest.raises(ValueError):
        view._context.sealer(group_id, reads=reads)


def test_a_view_that_compares_rows_as_read_accepts_no_changes_since_it_writes_nothing(vault_home: Path):
    a_group_with_history(vault_home)
    with Workspace.open_to_read(locations(vault_home)) as view, pytest.raises(ValueError):
        view.unlock(PASSPHRASE, rows_as_read=True, accept_changes=True)
