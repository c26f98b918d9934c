"""What tests of kept trend histories check against (their demo vault is in tests/unit/kept_histories/conftest.py)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date, timedelta
from typing import Any

from circle.domain.trends.compute import (
    TrendReport,
    compute_trends,
    dropped_off,
    dropped_off_of,
)
from circle.domain.trends.periods import Period, period_last_day, period_start
from circle.workspace import Workspace
from tests.stored_rows import stored_rows

SINCE, UNTIL = date.today() - timedelta(days=300), date.today() - timedelta(days=60)


def group_ids(workspace: Workspace) -> list[str]:
    return sorted(group.id for group in workspace.groups())


def kept(workspace: Workspace) -> dict[str, bytes]:
    return dict(stored_rows(workspace, "SELECT group_id, history FROM trend_history"))


def write_outside(workspace: Workspace, sql: str, parameters: list[object]) -> None:
    """A change made to the vault file by something other than circle."""
    with closing(sqlite3.connect(workspace.locations.vault_file)) as conn, conn:
        conn.execute(sql, parameters)


def assert_counted_from_the_meetings(workspace: Workspace) -> None:
    """Every report, and who stopped coming, as counted from the meetings themselves."""
    ids = group_ids(workspace)
    facts = workspace.trend_facts(ids)
    today = workspace.clock.now().date()
    for by in Period:
        for since, until in ((None, None), (SINCE, UNTIL), whole_periods_around(SINCE, UNTIL, by)):
            kept_report = workspace.trends(ids, by=by, since=since, until=until)
            from_meetings = compute_trends(*facts, by=by, since=since, until=until, today=today)
            assert kept_report.to_dict() == from_meetings.to_dict()
            assert periods(workspace.trends(ids, by=by, since=since, until=until, meetings=False)) == periods(
                from_meetings
            )
    assert dropped_off_of(workspace.trend_histories(ids)) == dropped_off(*facts)


def whole_periods_around(since: date, until: date, by: Period) -> tuple[date, date]:
    """The range of whole periods that holds since and until."""
    return period_start(since, by), period_last_day(until, by)


def periods(report: TrendReport) -> dict[str, list[dict[str, Any]]]:
    """Each group's periods as reported, and nothing of its meetings."""
    return {group_id: [period.to_dict() for period in trends.periods] for group_id, trends in report.groups.items()}
