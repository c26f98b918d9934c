"""A full disk: the change that does not fit is refused in one line, and everything saved before it stays.

Two ways to fill a disk: a file-size limit (RLIMIT_FSIZE, so writes fail with EFBIG), which needs nothing
special, and a small tmpfs really filled up (ENOSPC), which needs a mount.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fault_tools import GROUP, FaultChild, assert_one_line, fill, integrity, small_disk, vault_of

from circle.workspace import Workspace

LIMITER = Path(__file__).resolve().parent / "file_size_limit"
ROSTER = "name\n" + "".join(f"Person {number}\n" for number in range(3000))


def stored_events(home: Path, passphrase: str) -> list[str]:
    with Workspace.open(home) as workspace:
        workspace.unlock(passphrase)
        group_id = workspace.groups()[0].id
        assert workspace.meetings_in_progress() == [group_id]
        return [f"{event.seq}:{event.id}" for event in workspace.meeting(group_id).events]


def test_a_meeting_step_that_does_not_fit_is_refused_in_one_line_and_the_meeting_goes_on_after(
    open_circle: FaultChild, group_home: Path, passphrase: str
) -> None:
    committed = [open_circle.step() for _ in range(3)]
    wal = vault_of(group_home).with_name("circle.db-wal")
    assert open_circle.send(f"limit {wal.stat().st_size}") == "ok"
    message = open_circle.refusal("step")
    assert "not saved" in message
    assert open_circle.send("read").startswith("ok"), "reading goes on while nothing can be written"
    assert open_circle.send("limit 0") == "ok"  # space again
    committed.append(open_circle.step())
    open_circle.close()
    assert integrity(vault_of(group_home)) == [("ok",)]
    assert stored_events(group_home, passphrase)[1:] == committed  # event 0 is the opening


def test_the_refused_step_is_not_shown_as_done(open_circle: FaultChild, group_home: Path) -> None:
    before = int(open_circle.send("step").split()[1])
    wal = vault_of(group_home).with_name("circle.db-wal")
    open_circle.send(f"limit {wal.stat().st_size}")
    refused = open_circle.send("step").split()
    assert refused[:2] == ["refused", str(before)]


def test_a_roster_too_big_for_the_disk_adds_nobody_and_says_so_in_one_line(
    group_home: Path, run_circle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(LIMITER))
    refused = run_circle(
        "members", "import", GROUP, str(roster), home=group_home, env={"CIRCLE_TEST_FILE_SIZE_LIMIT": "65536"}
    )
    assert refused.returncode == 1
    assert_one_line(refused.stderr, "not saved")
    monkeypatch.delenv("PYTHONPATH")
    listed = run_circle("members", "list", GROUP, home=group_home)
    assert listed.returncode == 0, listed.stderr
    assert len(listed.stdout.splitlines()) == 3
    assert integrity(vault_of(group_home)) == [("ok",)]


@pytest.mark.parametrize(
    "command", [("group", "list"), ("group", "add", "Another group"), ()], ids=["group list", "group add", "the app"]
)
def test_on_a_disk_full_to_the_last_byte_every_way_in_says_so_in_one_line(
    group_home: Path, run_circle, tmp_path: Path, command: tuple[str, ...]
) -> None:
    with small_disk(tmp_path / "disk", "2m") as disk:
        home = disk / "home"
        shutil.copytree(group_home, home)
        filler = fill(disk)
        refused = run_circle(*command, home=home)
        assert refused.returncode == 1
        assert_one_line(refused.stderr, "disk is full")
        filler.unlink()
        listed = run_circle("group", "list", home=home)
        assert listed.returncode == 0, listed.stderr
        assert GROUP in listed.stdout
        assert integrity(vault_of(home)) == [("ok",)]


def test_a_roster_import_that_does_not_fit_on_the_disk_adds_nobody(
    group_home: Path, run_circle, tmp_path: Path
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    with small_disk(tmp_path / "disk", "2m") as disk:
        home = disk / "home"
        shutil.copytree(group_home, home)
        filler = fill(disk, leave=40_000)  # room to open the vault, not for 3000 people
        refused = run_circle("members", "import", GROUP, str(roster), home=home)
        assert refused.returncode == 1
        assert_one_line(refused.stderr, "disk is full")
        filler.unlink()
        listed = run_circle("members", "list", GROUP, home=home)
        assert listed.returncode == 0, listed.stderr
        assert len(listed.stdout.splitlines()) == 3
        assert integrity(vault_of(home)) == [("ok",)]
