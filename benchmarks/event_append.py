"""Event append: sealing one event and committing it with synchronous=FULL, as a live meeting does.

Baseline: the same number of bytes inserted into a bare SQLite table, one transaction each,
with the same journal mode and synchronous setting, in the same folder, in the same run. The
ratio is circle's own cost (sealing, the insert through sqlite-utils) over the disk's.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from benchmarks.common import Figure, median, percentile
from benchmarks.meeting_setup import meeting_in_sharing
from circle.domain.session import Pause, Resume

APPENDS = 300


def _appends() -> tuple[list[float], list[float]]:
    """circle's appends, then the bare baseline's in the same folder."""
    times = []
    with meeting_in_sharing() as (workspace, meeting):
        live, log, sealer = meeting._live, meeting._log, meeting._sealer  # noqa: SLF001 - the append alone
        size = 0
        for turn in range(APPENDS):
            events = live.propose(Pause() if turn % 2 == 0 else Resume())
            started = time.perf_counter()
            log.append(sealer, meeting.session_id, events)
            times.append(time.perf_counter() - started)
            live.accept(events)
            size = max(size, len(sealer.seal_json("session_events", "data", events[0].id, events[0].to_dict())))
        return times, _bare_appends(workspace.locations.data, size)


def _bare_appends(folder: Path, size: int) -> list[float]:
    conn = sqlite3.connect(folder / "bare.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, data BLOB NOT NULL)")
    payload = bytes(size)
    times = []
    for _ in range(APPENDS):
        started = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO events (data) VALUES (?)", [payload])
        conn.execute("COMMIT")
        times.append(time.perf_counter() - started)
    conn.close()
    return times


def measure() -> list[Figure]:
    circle, bare = _appends()
    return [
        Figure("event append (seal + commit), median", median(circle) * 1000, median(bare) * 1000, "ms"),
        Figure("event append (seal + commit), p95", percentile(circle, 0.95) * 1000,
               percentile(bare, 0.95) * 1000, "ms"),
    ]


if __name__ == "__main__":
    from benchmarks.common import print_table

    print_table(measure())
