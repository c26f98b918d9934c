"""The retention purge that runs at every unlock: when nothing has expired, and when much has.

Vault: three groups of 60 members, each with a closed meeting and 400 follow-up notes.
- Nothing expired (every unlock, almost always). Baseline: listing the groups for the home
  screen, the other work an unlock does, in the same vault and the same run.
- All 1,200 notes expired. Baseline: a bare SQLite table of as many rows of the same size,
  deleted with the same settings (WAL, secure_delete, a truncating checkpoint), in the same folder.
"""

from __future__ import annotations

import sqlite3
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.common import Figure, median
from circle.domain.clock import FakeClock
from circle.domain.notes import NoteDraft, NoteKind
from circle.domain.roster import RosterEntry
from circle.domain.rules import NotesPolicy
from circle.domain.session import Arrive
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace

GROUPS, MEMBERS, NOTES = 3, 60, 400
ROUNDS = 15
PASSPHRASE = "a benchmark passphrase"


def _fill(workspace: Workspace) -> int:
    """The vault described above; returns the size of one sealed note."""
    workspace.create_facilitator("Bench", PASSPHRASE, kdf=FLOOR_KDF)
    for index in range(GROUPS):
        group = workspace.create_group(f"Group {index}", "support-90")
        workspace.change_rules(group.id, replace(group.rules, notes=NotesPolicy.BRIEF))
        members = workspace.add_members(group.id, [RosterEntry(f"Person{n}", None) for n in range(MEMBERS)])
        meeting = workspace.meeting(group.id)
        for member in members:
            meeting.do(Arrive(member.id))
        for n in range(NOTES):
            meeting.note(NoteDraft(NoteKind.FOLLOW_UP, member_id=members[n % MEMBERS].id, text="Offer a call"))
        meeting.close()
    return len(workspace._repo.rows("SELECT body FROM notes LIMIT 1")[0][0])  # noqa: SLF001


def _timed(action: object) -> float:
    started = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - started


def _bare_delete(folder: Path, rows: int, size: int) -> float:
    conn = sqlite3.connect(folder / "bare.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA secure_delete=ON")
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body BLOB NOT NULL)")
    conn.executemany("INSERT INTO notes (body) VALUES (?)", [(bytes(size),)] * rows)

    def delete() -> None:
        conn.execute("DELETE FROM notes")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    spent = _timed(delete)
    conn.close()
    return spent


def measure() -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        clock = FakeClock(datetime(2026, 3, 2, 19, 0, tzinfo=UTC))
        with Workspace.open(Path(folder) / "home", clock=clock) as workspace:
            size = _fill(workspace)
            nothing_due = [_timed(workspace.purge) for _ in range(ROUNDS)]
            listing = [_timed(workspace.groups) for _ in range(ROUNDS)]
            clock.advance(100 * 24 * 3600)
            all_due = _timed(workspace.purge)
            bare = _bare_delete(Path(folder), GROUPS * NOTES, size)
    return [
        Figure("purge at unlock, nothing expired", median(nothing_due) * 1000, median(listing) * 1000, "ms"),
        Figure("purge of 1,200 expired notes", all_due * 1000, bare * 1000, "ms"),
    ]


if __name__ == "__main__":
    from benchmarks.common import print_table

    print_table(measure())
