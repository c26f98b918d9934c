"""The vault file removed, replaced or moved away while a circle has it open.

What is right: the running circle stops using the file at once, and its next read or write says so in one
line. Whatever is at the path now wins, because someone (or a sync tool) put it there: the old file's
write-ahead log is folded into the old file before circle lets go of it, so it can never be read into the
new one. What was saved before the move is in the moved file, whole; a removed file stays removed.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from fault_tools import GROUP, FaultChild, integrity, vault_of

from circle.workspace import Workspace

OTHER_GROUP = "Replacement Group"


def assert_stopped_in_one_line(circle: FaultChild) -> None:
    for command in ("step", "read"):
        message = circle.refusal(command)
        assert "moved, removed or replaced" in message


def test_a_vault_removed_under_an_open_circle_stops_it_in_one_line_and_leaves_nothing_to_resurrect(
    open_circle: FaultChild, group_home: Path, run_circle
) -> None:
    open_circle.step()
    vault_of(group_home).unlink()
    assert_stopped_in_one_line(open_circle)
    open_circle.close()
    fresh = run_circle("group", "list", home=group_home)
    assert fresh.returncode == 1
    assert "no facilitator yet" in fresh.stderr, "a new, empty vault: no page of the removed one came back"
    assert integrity(vault_of(group_home)) == [("ok",)]


def test_a_vault_replaced_under_an_open_circle_is_never_written_over(
    open_circle: FaultChild, group_home: Path, _template_vault: Path, tmp_path: Path, passphrase: str, run_circle
) -> None:
    replacement = tmp_path / "replacement"
    shutil.copytree(_template_vault, replacement)
    with Workspace.open(replacement) as workspace:
        workspace.unlock(passphrase)
        workspace.create_group(OTHER_GROUP)
    open_circle.step()
    os.replace(vault_of(replacement), vault_of(group_home))
    placed = vault_of(group_home).read_bytes()
    assert_stopped_in_one_line(open_circle)
    open_circle.close()
    assert vault_of(group_home).read_bytes() == placed
    listed = run_circle("group", "list", home=group_home)
    assert listed.returncode == 0, listed.stderr
    assert OTHER_GROUP in listed.stdout and GROUP not in listed.stdout
    assert integrity(vault_of(group_home)) == [("ok",)]


def test_a_vault_moved_away_from_an_open_circle_keeps_everything_saved_before(
    open_circle: FaultChild, group_home: Path, tmp_path: Path, passphrase: str
) -> None:
    committed = [open_circle.step() for _ in range(3)]
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "data").mkdir(parents=True)
    vault_of(group_home).rename(vault_of(elsewhere))  # the write-ahead log stays behind, as a file manager leaves it
    assert_stopped_in_one_line(open_circle)
    open_circle.close()
    assert integrity(vault_of(elsewhere)) == [("ok",)]
    with Workspace.open(elsewhere) as workspace:
        workspace.unlock(passphrase)
        meeting = workspace.meeting(workspace.meetings_in_progress()[0])
        assert [f"{event.seq}:{event.id}" for event in meeting.events][1:] == committed
