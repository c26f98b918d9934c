"""The one-writer lock holds against a renamed or removed lock file: two real circles never both go on writing.

An flock belongs to the open file, so a renamed `circle.lock` used to leave the path free for a second circle.
"""

from __future__ import annotations

from pathlib import Path

from fault_tools import FaultChild, assert_one_line, integrity, vault_of

from circle.workspace import Workspace

IN_USE = "already open in another circle window"


def lock_of(home: Path) -> Path:
    return home / "data" / "circle.lock"


def committed_events(home: Path, passphrase: str) -> list[str]:
    with Workspace.open(home) as workspace:
        workspace.unlock(passphrase)
        meeting = workspace.meeting(workspace.meetings_in_progress()[0])
        return [f"{event.seq}:{event.id}" for event in meeting.events][1:]


def test_a_second_circle_started_after_the_lock_was_renamed_stops_the_first_from_writing_anything_more(
    open_circle: FaultChild, group_home: Path, passphrase: str
) -> None:
    committed = [open_circle.step()]
    lock_of(group_home).rename(lock_of(group_home).with_name("circle.lock.moved"))
    second = FaultChild(group_home, passphrase)  # finds the path free, as it used to, and takes the lock there
    try:
        assert second.send("meeting").startswith("ok")
        committed.append(second.step())
        refused = open_circle.refusal("step")  # the first circle sees its lock is no longer the one at the path
        assert IN_USE in refused
        committed.append(second.step())  # the second goes on alone
        second.close()
    finally:
        second.kill()
    # Even with the second gone, the first stays stopped: the log it holds is no longer the vault's.
    assert IN_USE in open_circle.refusal("step")
    open_circle.close()
    assert committed_events(group_home, passphrase) == committed
    assert integrity(vault_of(group_home)) == [("ok",)]


def test_after_the_lock_file_is_removed_the_first_circle_takes_it_again_at_its_next_write_and_a_second_is_refused(
    open_circle: FaultChild, group_home: Path, passphrase: str, run_circle
) -> None:
    committed = [open_circle.step()]
    lock_of(group_home).unlink()
    committed.append(open_circle.step())
    assert lock_of(group_home).exists()
    for second in (("group", "add", "Another group"), ("members", "list", "Fault Line")):
        refused = run_circle(*second, home=group_home)
        assert refused.returncode == 1, second
        assert_one_line(refused.stderr, IN_USE)
    committed.append(open_circle.step())
    open_circle.close()
    assert committed_events(group_home, passphrase) == committed
    with Workspace.open(group_home) as workspace:
        workspace.unlock(passphrase)
        assert [group.name for group in workspace.groups()] == ["Fault Line"]
