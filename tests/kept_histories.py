"""What tests of kept trend histories check against (their demo vault is in tests/unit/kept_histories/conftest.py)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date, timedelta

from circle.domain.trends.compute import compute_trends, dropped_off, dropped_off_of
from circle.domain.trends.periods import Period
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
        for since, until in ((None, None), (SINCE, UNTIL)):
            kept_report = workspace.trends(ids, by=by, since=since, until=until)
            from_meetings = compute_trends(*facts, by=by, since=since, until=until, today=today)
            assert kept_report.to_dict() == from_meetings.to_dict()
    assert dropped_off_of(workspace.trend_histories(ids)) == dropped_off(*facts)
