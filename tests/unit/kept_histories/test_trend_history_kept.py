"""Each group's trend history, kept sealed so that trends open no meeting: the counts are always those of the
meetings as they are now, whatever was done to the kept history, and nothing the meetings lost stays in it."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

import pytest

from circle.demo import DEMO_PASSPHRASE
from circle.domain.records import MeetingRecord, MeetingStatus
from circle.domain.session import Arrive
from circle.paths import locations
from circle.workspace import Workspace
from tests.kept_histories import (
    assert_counted_from_the_meetings,
    group_ids,
    kept,
    write_outside,
)
from tests.older_vaults import make_older


def a_past_meeting(group_id: str, days_ago: int) -> MeetingRecord:
    held_on = date.today() - timedelta(days=days_ago)
    return MeetingRecord(id=f"past-{days_ago}", group_id=group_id, held_on=held_on, status=MeetingStatus.CLOSED,
                         planned_minutes=90, actual_minutes=90, headcount=7, newcomers=0)


def test_a_new_vault_keeps_each_groups_history_and_trends_open_no_meeting_for_it(workspace: Workspace) -> None:
    ids = group_ids(workspace)
    assert sorted(kept(workspace)) == ids
    assert workspace.sealed_trend_facts(ids).worked_out() == []
    assert_counted_from_the_meetings(workspace)


def test_closing_a_meeting_keeps_its_groups_history_counted_with_it(workspace: Workspace) -> None:
    group_id = next(group for group in group_ids(workspace) if workspace.members(group))
    meeting = workspace.meeting(group_id)
    meeting.do(Arrive(workspace.members(group_id)[0].id))
    meeting.close()
    assert group_id in kept(workspace)
    assert workspace.sealed_trend_facts([group_id]).worked_out() == []
    assert_counted_from_the_meetings(workspace)


@pytest.mark.parametrize(
    "change",
    [
        "INSERT INTO sessions (id, group_id, held_on, status) VALUES ('new', :group, '2020-01-07', 'cancelled')",
        "UPDATE sessions SET held_on = '2020-01-07' WHERE id = (SELECT max(id) FROM sessions WHERE group_id = :group)",
        "DELETE FROM sessions WHERE id = (SELECT max(id) FROM sessions WHERE group_id = :group)",
    ],
    ids=["a meeting added", "a meeting changed", "a meeting deleted"],
)
def test_any_change_to_a_groups_meetings_deletes_its_kept_history_in_the_same_statement(
    workspace: Workspace, change: str
) -> None:
    group_id, *others = group_ids(workspace)
    with closing(sqlite3.connect(workspace.locations.vault_file)) as conn, conn:
        conn.execute("PRAGMA foreign_keys = OFF")  # a deleted meeting's attendance rows are beside the point
        conn.execute(change, {"group": group_id})
        assert conn.execute("SELECT count(*) FROM trend_history WHERE group_id = ?", [group_id]).fetchone() == (0,)
    assert sorted(kept(workspace)) == others


def test_a_meeting_recorded_after_the_fact_is_counted_at_once(workspace: Workspace) -> None:
    group_id = group_ids(workspace)[0]
    workspace.record_meetings(group_id, [a_past_meeting(group_id, 3)], [])
    assert group_id not in kept(workspace)
    assert_counted_from_the_meetings(workspace)
    assert group_id in kept(workspace)  # counting where circle may write keeps it again


def test_a_history_put_back_from_before_a_meeting_was_recorded_is_not_used(workspace: Workspace) -> None:
    group_id = group_ids(workspace)[0]
    older = kept(workspace)[group_id]
    workspace.record_meetings(group_id, [a_past_meeting(group_id, 3)], [])
    workspace.trends([group_id])  # kept again, with the new meeting
    write_outside(workspace, "UPDATE trend_history SET history = ? WHERE group_id = ?", [older, group_id])
    assert [group.sealer.group_id for group in workspace.sealed_trend_facts([group_id]).worked_out()] == [group_id]
    assert_counted_from_the_meetings(workspace)


def test_a_history_moved_to_another_group_or_damaged_is_worked_out_again(workspace: Workspace) -> None:
    first, second, third = group_ids(workspace)
    histories = kept(workspace)
    write_outside(workspace, "UPDATE trend_history SET history = ? WHERE group_id = ?", [histories[first], second])
    write_outside(workspace, "UPDATE trend_history SET history = ? WHERE group_id = ?", [histories[second], first])
    damaged = bytearray(histories[third])
    damaged[-1] ^= 1
    write_outside(workspace, "UPDATE trend_history SET history = ? WHERE group_id = ?", [bytes(damaged), third])
    assert len(workspace.sealed_trend_facts([first, second, third]).worked_out()) == 3
    assert_counted_from_the_meetings(workspace)
    assert workspace.sealed_trend_facts([first, second, third]).worked_out() == []  # and kept right again


def test_a_read_only_view_counts_from_the_meetings_and_keeps_nothing(home: Path) -> None:
    with Workspace.open(home) as writer:
        writer.unlock(DEMO_PASSPHRASE)
        write_outside(writer, "DELETE FROM trend_history", [])
    reader = Workspace.open_to_read(locations(home))
    try:
        reader.unlock(DEMO_PASSPHRASE)
        assert_counted_from_the_meetings(reader)
        assert kept(reader) == {}
    finally:
        reader.close()


def test_a_history_worked_out_before_its_meetings_changed_is_not_kept(workspace: Workspace) -> None:
    group_id = group_ids(workspace)[0]
    write_outside(workspace, "DELETE FROM trend_history WHERE group_id = ?", [group_id])
    read = workspace.sealed_trend_facts([group_id])
    made = read.histories()
    workspace.record_meetings(group_id, [a_past_meeting(group_id, 3)], [])  # meanwhile, on the vault's thread
    workspace.keep_trend_histories(read.to_keep(made))
    assert group_id not in kept(workspace)


def test_a_kept_history_names_no_one(workspace: Workspace) -> None:
    from circle.store.trend_history import COLUMN, TABLE

    group_id = next(group for group in group_ids(workspace) if workspace.members(group))
    sealer = workspace._keyring.sealers[group_id]
    opened = sealer.open_text(TABLE, COLUMN, group_id, kept(workspace)[group_id])
    names = [member.name for member in workspace.members(group_id)]
    assert names and not any(name in opened for name in names)


def test_a_vault_of_the_previous_release_gains_kept_histories_without_a_count_changing(home: Path) -> None:
    make_older(home, DEMO_PASSPHRASE, last_migration="m009_held_meetings_index")
    with Workspace.open(home) as workspace:
        workspace.unlock(DEMO_PASSPHRASE)
        assert kept(workspace) == {}
        assert_counted_from_the_meetings(workspace)
        assert sorted(kept(workspace)) == group_ids(workspace)
