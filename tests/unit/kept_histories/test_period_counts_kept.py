"""Each group's counts per week, month and quarter, kept beside its history: a report of whole periods is read from
them, equal to what the meetings give on any day and over any range of whole periods; anything that is not
counts of this group's meetings as they are now, for this kind of period, is passed over."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from circle.demo import DEMO_PASSPHRASE
from circle.domain.trends.compute import period_counts, trends_of
from circle.domain.trends.period_counts import PeriodCounts, trends_from_counts, whole_periods
from circle.domain.trends.periods import Period, period_last_day, period_start
from circle.paths import locations
from circle.store.trend_history import TABLE, read_period_counts
from circle.workspace import Workspace
from tests.kept_histories import (
    assert_counted_from_the_meetings,
    group_ids,
    periods,
    write_outside,
)
from tests.older_vaults import make_older
from tests.stored_rows import stored_rows

MONTH = Period.MONTH.value


def kept_counts(workspace: Workspace, column: str = MONTH) -> dict[str, bytes]:
    return dict(stored_rows(workspace, f"SELECT group_id, {column} FROM {TABLE}"))


def opened(workspace: Workspace, group_id: str, column: str = MONTH) -> dict[str, Any]:
    sealer = workspace._sealers[group_id]
    return json.loads(sealer.open_text(TABLE, column, group_id, kept_counts(workspace, column)[group_id]))


def reseal(workspace: Workspace, group_id: str, change: Callable[[dict[str, Any]], None]) -> None:
    """What a holder of the group's key could write: the group's own month counts, with the right digest, changed."""
    value = opened(workspace, group_id)
    change(value)
    sealed = workspace._sealers[group_id].seal_json(TABLE, MONTH, group_id, value)
    write_outside(workspace, f"UPDATE {TABLE} SET {MONTH} = ? WHERE group_id = ?", [sealed, group_id])


def read_kept(workspace: Workspace, group_id: str) -> list[PeriodCounts] | None:
    return read_period_counts(workspace._context.repo, workspace._sealers[group_id], Period.MONTH)


def busiest_group(workspace: Workspace) -> str:
    """The group with names and the most meetings, so that every kind of count is in its periods."""
    made = workspace.trend_histories(group_ids(workspace))
    return max((group for group in made if made[group].keeps_names), key=lambda group: len(made[group].closed))


def first_held(value: dict[str, Any]) -> int:
    return next(index for index, held in enumerate(value["columns"]["held"]) if held)


def month_report(workspace: Workspace, **span: date) -> dict[str, list[dict[str, Any]]]:
    return periods(workspace.trends(by=Period.MONTH, meetings=False, **span))


def test_every_group_keeps_its_counts_for_each_kind_of_period_as_its_history_gives_them(workspace: Workspace) -> None:
    made = workspace.trend_histories(group_ids(workspace))
    for by in Period:
        stored = kept_counts(workspace, by.value)
        assert sorted(stored) == sorted(made)
        for group_id, history in made.items():
            value = opened(workspace, group_id, by.value)
            assert len(value["columns"]["held"]) == len(period_counts(history, by)) > 0


def test_a_report_of_whole_periods_is_read_from_the_kept_counts_and_any_other_range_from_the_history(
    workspace: Workspace,
) -> None:
    group_id = busiest_group(workspace)
    value = opened(workspace, group_id)
    cancelled = value["columns"]["cancelled"][first_held(value)]
    reseal(workspace, group_id, set_column("cancelled", cancelled + 40))
    first = month_report(workspace)[group_id][0]["first_day"]
    assert month_report(workspace)[group_id][0]["cancelled"] == cancelled + 40
    assert month_report(workspace, since=date.fromisoformat(first))[group_id][0]["cancelled"] == cancelled + 40
    # A range that cuts a month is counted from the history, which the sealed change did not touch.
    cut = month_report(workspace, since=date.fromisoformat(first) + timedelta(days=1))
    assert all(period["cancelled"] < 40 for period in cut[group_id])


def test_a_meeting_closed_lets_go_of_the_counts_and_keeps_them_again_with_it(workspace: Workspace) -> None:
    from circle.domain.session import Arrive

    group_id = next(group for group in group_ids(workspace) if workspace.members(group))
    before = kept_counts(workspace)[group_id]
    meeting = workspace.meeting(group_id)
    meeting.do(Arrive(workspace.members(group_id)[0].id))
    meeting.close()
    assert kept_counts(workspace)[group_id] != before
    assert_counted_from_the_meetings(workspace)


def test_counts_moved_from_another_group_or_another_kind_of_period_are_passed_over(workspace: Workspace) -> None:
    one, other = group_ids(workspace)[:2]
    weeks = kept_counts(workspace, Period.WEEK.value)[one]
    write_outside(workspace, f"UPDATE {TABLE} SET {MONTH} = ? WHERE group_id = ?", [kept_counts(workspace)[one], other])
    write_outside(workspace, f"UPDATE {TABLE} SET {MONTH} = ? WHERE group_id = ?", [weeks, one])
    assert_counted_from_the_meetings(workspace)


def test_counts_of_the_meetings_as_they_were_are_passed_over(workspace: Workspace) -> None:
    group_id = busiest_group(workspace)
    reseal(workspace, group_id, lambda value: value.__setitem__("meetings", "the digest of other meetings"))
    assert read_kept(workspace, group_id) is None
    assert_counted_from_the_meetings(workspace)


def set_column(name: str, to: Any) -> Callable[[dict[str, Any]], None]:
    """Sets the count in the column of this name of the first period that held a meeting."""
    return lambda value: value["columns"][name].__setitem__(first_held(value), to)


Change = Callable[[list[int]], Any]


def set_newcomers(days: Change, back: Change) -> Callable[[dict[str, Any]], None]:
    """Changes the first period with newcomers first here on two days or more."""

    def change(value: dict[str, Any]) -> None:
        columns = value["columns"]
        at = next(index for index, each in enumerate(columns["newcomer_days"]) if len(set(each or ())) > 1)
        columns["newcomer_days"][at], columns["came_back"][at] = days(columns["newcomer_days"][at]), back(
            columns["came_back"][at]
        )

    return change


def same(values: list[int]) -> list[int]:
    return values


def set_in_value(*path: str, to: Any) -> Callable[[dict[str, Any]], None]:
    def change(value: dict[str, Any]) -> None:
        *outer, last = path
        for key in outer:
            value = value[key]
        value[last] = to

    return change


MALFORMED: dict[str, Callable[[dict[str, Any]], None]] = {
    "a count that is text": set_column("held", "3"),
    "a negative count": set_column("newcomers", -1),
    "a count that is true": set_column("dropped_off", True),
    "a mean where nothing was held": set_column("held", 0),
    "no median where something was": set_column("median_attendance", None),
    "a mean that is text": set_column("mean_attendance", "4.5"),
    "a pulse of three answers": set_column("pulse", [1, 2, 3]),
    "a pulse that is a number": set_column("pulse", 3),
    "a newcomer who came back twice": set_newcomers(same, lambda back: [2] * len(back)),
    "a newcomer who came back in words": set_newcomers(same, lambda back: ["yes"] * len(back)),
    "a newcomer first here after the period": set_newcomers(lambda days: [*days[:-1], 200], same),
    "a newcomer first here before it": set_newcomers(lambda days: [-1, *days[1:]], same),
    "newcomers out of order": set_newcomers(lambda days: sorted(days, reverse=True), same),
    "one newcomer fewer than came back": set_newcomers(lambda days: days[1:], same),
    "newcomers and nothing of who came back": set_newcomers(same, lambda back: None),
    "a first day that is not a day": lambda value: value.__setitem__("first_day", "someday"),
    "a first day mid-month": lambda value: value.__setitem__("first_day", "2025-01-15"),
    "no first day": lambda value: value.__setitem__("first_day", None),
    "one column a period short": lambda value: value["columns"]["stayed"].pop(),
    "a column missing": lambda value: value["columns"].pop("guests"),
    "a column that is not a list": set_in_value("columns", "held", to={"a": 1}),
    "columns that are not an object": lambda value: value.__setitem__("columns", [[1]]),
    "counts of weeks": lambda value: value.__setitem__("by", "week"),
    "a shape of a newer circle": lambda value: value.__setitem__("shape", 2),
}


@pytest.mark.parametrize("change", MALFORMED.values(), ids=MALFORMED.keys())
def test_sealed_counts_that_do_not_hold_together_are_counted_again_from_the_history(
    workspace: Workspace, change: Callable[[dict[str, Any]], None]
) -> None:
    group_id = busiest_group(workspace)
    assert read_kept(workspace, group_id) is not None
    reseal(workspace, group_id, change)
    assert read_kept(workspace, group_id) is None
    assert_counted_from_the_meetings(workspace)


def test_a_sealed_value_that_is_no_object_is_passed_over(workspace: Workspace) -> None:
    group_id = busiest_group(workspace)
    sealed = workspace._sealers[group_id].seal_json(TABLE, MONTH, group_id, [1, 2, 3])
    write_outside(workspace, f"UPDATE {TABLE} SET {MONTH} = ? WHERE group_id = ?", [sealed, group_id])
    assert read_kept(workspace, group_id) is None
    assert_counted_from_the_meetings(workspace)


def test_kept_counts_name_no_one(workspace: Workspace) -> None:
    group_id = busiest_group(workspace)
    names = [member.name for member in workspace.members(group_id)]
    ids = [member.id for member in workspace.members(group_id)]
    for by in Period:
        text = json.dumps(opened(workspace, group_id, by.value))
        assert names and not any(each in text for each in [*names, *ids])


@pytest.mark.parametrize("by", list(Period))
def test_circle_trends_prints_the_same_report_from_kept_counts_as_from_the_meetings(run_circle, home: Path,
                                                                                    by: Period) -> None:
    for form in ("csv", "json"):
        command = ("trends", "--format", form, "--by", by.value)
        from_counts = run_circle(*command, home=home, passphrase=DEMO_PASSPHRASE)
        with Workspace.open(home) as workspace:
            write_outside(workspace, f"UPDATE {TABLE} SET {by.value} = NULL", [])
        from_meetings = run_circle(*command, home=home, passphrase=DEMO_PASSPHRASE)
        assert from_counts.returncode == from_meetings.returncode == 0, from_counts.stderr + from_meetings.stderr
        assert from_counts.stdout == from_meetings.stdout and from_counts.stdout.count("\n") > 20
        keep_again(home)


def keep_again(home: Path) -> None:
    """Every group's history and counts kept again, as the close of a meeting keeps its group's."""
    with Workspace.open(home) as workspace:
        workspace.unlock(DEMO_PASSPHRASE)
        write_outside(workspace, f"DELETE FROM {TABLE}", [])
        workspace.trend_histories(group_ids(workspace))
        assert all(kept_counts(workspace).values())


def test_a_vault_of_the_previous_release_keeps_counts_when_its_histories_are_next_worked_out(home: Path) -> None:
    make_older(home, DEMO_PASSPHRASE, last_migration="m010_trend_history")
    with closing(sqlite3.connect(locations(home).vault_file)) as conn:
        assert conn.execute(f"SELECT count(*) FROM {TABLE}").fetchone()[0] > 0  # histories kept, without counts
    with Workspace.open(home) as workspace:
        workspace.unlock(DEMO_PASSPHRASE)
        assert kept_counts(workspace) == {}  # let go by the upgrade, to be kept again with their counts
        assert_counted_from_the_meetings(workspace)
        assert sorted(kept_counts(workspace)) == group_ids(workspace) and all(kept_counts(workspace).values())


@pytest.mark.parametrize("last_migration", ["m010_trend_history", "m009_held_meetings_index"])
def test_circle_trends_reads_a_vault_not_yet_given_what_saves_it_work_counting_from_the_meetings(
    run_circle, home: Path, last_migration: str
) -> None:
    """What m010 and m011 add is kept only to save work: a reader need not wait for circle to open the vault."""
    upgraded = run_circle("trends", "--format", "csv", home=home, passphrase=DEMO_PASSPHRASE)
    make_older(home, DEMO_PASSPHRASE, last_migration=last_migration)
    older = run_circle("trends", "--format", "csv", home=home, passphrase=DEMO_PASSPHRASE)
    assert older.returncode == upgraded.returncode == 0, older.stderr
    assert older.stdout == upgraded.stdout
    with closing(sqlite3.connect(locations(home).vault_file)) as conn:
        applied = {name for (name,) in conn.execute("SELECT name FROM _sqlite_migrations")}
    assert "m011_period_counts" not in applied  # only read: the upgrade is left to circle


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    by=st.sampled_from(list(Period)),
    since=st.none() | st.integers(min_value=0, max_value=800),
    until=st.none() | st.integers(min_value=0, max_value=800),
    today=st.integers(min_value=-400, max_value=60),
)
def test_counts_give_the_engines_periods_over_any_range_of_whole_periods_on_any_day(
    workspace: Workspace, by: Period, since: int | None, until: int | None, today: int
) -> None:
    """Days counted back from today; each end moved out to the edge of its period."""
    first = None if since is None else period_start(date.today() - timedelta(days=since), by)
    last = None if until is None else period_last_day(date.today() - timedelta(days=until), by)
    on = date.today() + timedelta(days=today)
    assert whole_periods(by, first, last)
    made = workspace.trend_histories(group_ids(workspace))
    engine = trends_of(made, by=by, since=first, until=last, today=on, meetings=False)
    for group_id, history in made.items():
        counted = trends_from_counts(period_counts(history, by), by, first, last, on)
        assert counted == (engine.groups[group_id].periods if group_id in engine.groups else ())
