"""What the parent checks after each kill, on a copy of the vault as the kill left it.

The copy is checked, not the vault itself: opening and closing a database folds its write-ahead log
away, and the next child must meet the vault exactly as the crash left it.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from torture_meeting import FIRST_MEETING, Step, boundaries, meeting_steps, state_after

from circle.domain.clock import FakeClock
from circle.domain.session import summary
from circle.workspace import Workspace
from circle.store.records_upgrade import EMPTIED_MEETING_COLUMNS
from tests.stored_rows import opened_meetings


class TortureFailed(AssertionError):
    pass


def require(condition: bool, problem: str) -> None:
    if not condition:
        raise TortureFailed(problem)


@dataclass
class Ledger:
    """Everything any child reported as committed, and what the checks have confirmed since."""

    events: dict[str, dict[int, str]] = field(default_factory=dict)  # session -> seq -> event id
    numbers: dict[str, int] = field(default_factory=dict)  # session -> which scripted meeting it is
    closed: set[str] = field(default_factory=set)
    confirmed_closed: set[str] = field(default_factory=set)

    def take(self, line: str) -> bool:
        """Note one report; False when it only repeats an event already known (a resumed log)."""
        word, *rest = line.split()
        if word == "meeting":
            number, session = int(rest[0]), rest[1]
            require(self.numbers.setdefault(session, number) == number, "a meeting was resumed as another one")
        elif word == "event":
            session, seq, event_id = rest[0], int(rest[1]), rest[2]
            log = self.events.setdefault(session, {})
            if seq in log:
                require(log[seq] == event_id, f"event {seq} of a meeting came back with another id")
                return False
            log[seq] = event_id
        elif word == "closed":
            self.closed.add(rest[0])
        else:
            require(word == "ready", f"the child reported something unknown: {word}")
        return True


@dataclass(frozen=True)
class _Row:
    status: str
    held_on: str
    headcount: int
    newcomers: int
    shared_turns: int
    passed_turns: int
    actual_minutes: int | None
    pulse: list[int] | None
    events: int
    attendance: int


def _rows(vault: Path, passphrase: str) -> dict[str, _Row]:
    """The integrity check and each meeting's events, with SQLite's own reader; its summary and attendance
    opened as docs/FORMAT.md says, and its clear counting columns checked to hold nothing."""
    conn = sqlite3.connect(vault)
    try:
        verdict = conn.execute("PRAGMA integrity_check").fetchall()
        require(verdict == [("ok",)], f"integrity_check says {verdict[:3]}")
        events = dict(conn.execute("SELECT session_id, count(*) FROM session_events GROUP BY session_id").fetchall())
        rows_left = conn.execute("SELECT count(*) FROM attendance").fetchone()[0]
    finally:
        conn.close()
    require(rows_left == 0, "attendance was written in clear rows")
    found = {}
    for session, meeting in opened_meetings(vault, passphrase).items():
        clear, summary = meeting.clear, meeting.summary
        emptied = [clear[name] for name in EMPTIED_MEETING_COLUMNS]
        require(emptied == list(EMPTIED_MEETING_COLUMNS.values()), "a meeting's counts were written in clear columns")
        found[session] = _Row(
            clear["status"], clear["held_on"], summary["headcount"], summary["newcomers"], summary["shared_turns"],
            summary["passed_turns"], summary["actual_minutes"], summary["pulse"], events.get(session, 0),
            len(meeting.attendance or []),
        )
    return found


def check_survivor(home: Path, scratch: Path, ledger: Ledger, *, seed: int, passphrase: str) -> None:
    """Copy the vault as the kill left it, then check it against everything the children reported."""
    copy = scratch / "survivor"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(home, copy)
    rows = _rows(copy / "data" / "circle.db", passphrase)
    with Workspace.open(copy, clock=FakeClock(FIRST_MEETING)) as workspace:
        workspace.unlock(passphrase)
        overview = workspace.groups()[0]
        group = workspace.group(overview.id)
        members = sorted(member.id for member in workspace.members(group.id))

        def steps(number: int) -> list[Step]:
            return meeting_steps(group, workspace.facilitator_id, members, seed=seed, number=number)

        for session in ledger.events.keys() | ledger.closed:
            require(session in rows, "a meeting the child had committed events of is gone")
        for session in ledger.closed:
            require(rows[session].status == "closed", "a meeting the child had closed is open again")
        open_now = [session for session, row in rows.items() if row.status == "open"]
        require(len(open_now) <= 1, f"{len(open_now)} meetings are open at once")
        closed = [session for session, row in rows.items() if row.status == "closed"]
        require(overview.meetings_held == len(closed), "the group's count of meetings held is wrong")
        for session in closed:
            if session not in ledger.confirmed_closed:
                require(session in ledger.numbers, "a meeting was closed that no child ever ran")
                _check_closed(rows[session], steps(ledger.numbers[session]), len(members))
                ledger.confirmed_closed.add(session)
                ledger.events.pop(session, None)
        if open_now:
            session = open_now[0]
            number = ledger.numbers.setdefault(session, overview.meetings_held)
            require(number == overview.meetings_held, "the open meeting is not the next one in the script")
            require(group.id in workspace.meetings_in_progress(), "the open meeting is not in progress")
            meeting = workspace.meeting(group.id)
            require(meeting.session_id == session, "the meeting in progress is another one")
            stored = {event.seq: event.id for event in meeting.events}
            reported = ledger.events.get(session, {})
            lost = [seq for seq, event_id in reported.items() if stored.get(seq) != event_id]
            require(not lost, f"committed events are missing or changed: seq {lost[:5]}")
            script = steps(number)
            counts = boundaries(script)
            held = len(meeting.events)
            require(len(reported) <= counts[-1], f"the child reported {len(reported)} events of a shorter script")
            first_possible = min(count for count in counts if count >= len(reported))
            at_most = counts[min(counts.index(first_possible) + 1, len(counts) - 1)]
            require(
                held in counts and len(reported) <= held <= at_most,
                f"the log holds {held} events; the child had reported {len(reported)}",
            )
            require(meeting.state == state_after(script, held), f"the state replayed from {held} events is not the script's")
            ledger.events[session] = stored  # what survived this kill must survive every later one


def _check_closed(row: _Row, steps: list[Step], roster: int) -> None:
    counts = summary(state_after(steps, boundaries(steps)[-1]), steps[-1].at)
    assert counts.started_at is not None
    expected = _Row(
        status="closed",
        held_on=counts.started_at.astimezone().date().isoformat(),
        headcount=counts.headcount,
        newcomers=len(counts.newcomers),
        shared_turns=counts.shared_turns,
        passed_turns=counts.passed_turns,
        actual_minutes=round(counts.actual_minutes),
        pulse=None if counts.pulse is None else list(counts.pulse),
        events=0,
        attendance=roster,
    )
    require(row == expected, f"a closed meeting's record is {row}, expected {expected}")
