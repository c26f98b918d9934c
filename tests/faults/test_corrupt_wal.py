"""A damaged write-ahead log, found when the vault opens: SQLite's own recovery keeps every whole commit before
the damage, and the main database is never touched by the garbage."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fault_tools import GROUP, FaultChild, integrity, vault_of

from circle.workspace import Workspace

GARBAGE = bytes(range(256)) * 64
WAL_HEADER_BYTES = 32


@pytest.fixture
def crashed_with_a_log(group_home: Path, passphrase: str) -> list[str]:
    """A circle killed mid-meeting, so its last commits are still only in the write-ahead log."""
    circle = FaultChild(group_home, passphrase)
    try:
        assert circle.send("meeting").startswith("ok")
        committed = [circle.step() for _ in range(5)]
    finally:
        circle.kill()
    assert vault_of(group_home).with_name("circle.db-wal").stat().st_size > 0
    return committed


def meeting_events(home: Path, passphrase: str) -> list[str]:
    """The meeting in progress, replayed: `seq:id` of each event (the opening first); [] when there is none."""
    with Workspace.open(home) as workspace:
        workspace.unlock(passphrase)
        assert [overview.name for overview in workspace.groups()] == [GROUP]
        assert len(workspace.members(workspace.groups()[0].id)) == 3
        in_progress = workspace.meetings_in_progress()
        if not in_progress:
            return []
        return [f"{event.seq}:{event.id}" for event in workspace.meeting(in_progress[0]).events]


def damage(wal: Path, *, at: int | None) -> None:
    """Garbage appended (at=None) or written over the log from byte `at`."""
    with wal.open("r+b") as handle:
        handle.seek(0, os.SEEK_END) if at is None else handle.seek(at)
        handle.write(GARBAGE)


def test_garbage_after_the_last_commit_is_ignored_and_every_commit_stays(
    crashed_with_a_log: list[str], group_home: Path, passphrase: str, run_circle
) -> None:
    damage(vault_of(group_home).with_name("circle.db-wal"), at=None)
    listed = run_circle("group", "list", home=group_home)
    assert listed.returncode == 0, listed.stderr
    assert meeting_events(group_home, passphrase)[1:] == crashed_with_a_log
    assert integrity(vault_of(group_home)) == [("ok",)]


def test_garbage_inside_the_log_keeps_the_commits_before_it_in_order(
    crashed_with_a_log: list[str], group_home: Path, passphrase: str, run_circle
) -> None:
    wal = vault_of(group_home).with_name("circle.db-wal")
    damage(wal, at=wal.stat().st_size // 2)
    listed = run_circle("group", "list", home=group_home)
    assert listed.returncode == 0, listed.stderr
    kept = meeting_events(group_home, passphrase)[1:]
    assert kept == crashed_with_a_log[: len(kept)], "what survives is a prefix of what was committed, no gap"
    assert integrity(vault_of(group_home)) == [("ok",)]


def test_garbage_over_the_whole_log_leaves_the_main_database_whole(
    crashed_with_a_log: list[str], group_home: Path, passphrase: str, run_circle
) -> None:
    wal = vault_of(group_home).with_name("circle.db-wal")
    damage(wal, at=0)
    listed = run_circle("group", "list", home=group_home)
    assert listed.returncode == 0, listed.stderr
    assert GROUP in listed.stdout
    assert meeting_events(group_home, passphrase) == [], "the meeting lived only in the damaged log"
    assert integrity(vault_of(group_home)) == [("ok",)]
