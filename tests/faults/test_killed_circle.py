"""A lock left behind by a killed process never blocks the next circle: the lock file stays, its lock does not.

The processes are real and are killed with SIGKILL, so nothing of theirs runs on the way out.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from fault_tools import GROUP, REPO, FaultChild, assert_one_line, integrity, vault_of

from circle.lead.folder import LeadFolder
from circle.paths import locations
from circle.vault.keyring import FLOOR_KDF

IN_USE = "already open in another circle window"
LEAD = "a lamp in every window"

HOLD_A_LOCK = textwrap.dedent("""
    import sys
    from pathlib import Path
    from circle.store.lock import VaultLock

    VaultLock(Path(sys.argv[1])).acquire()
    print("held", flush=True)
    sys.stdin.read()  # held until killed
""")


def killed(process: subprocess.Popen[str]) -> None:
    os.kill(process.pid, signal.SIGKILL)
    process.communicate()
    assert process.returncode == -signal.SIGKILL


def test_a_circle_killed_in_the_middle_of_a_meeting_leaves_the_vault_to_the_next_one(
    open_circle: FaultChild, group_home: Path, run_circle
) -> None:
    open_circle.step()
    assert_one_line(run_circle("group", "list", home=group_home).stderr, IN_USE)
    killed(open_circle.process)
    assert (group_home / "data" / "circle.lock").exists()  # the file is left behind; its lock went with the process
    listed = run_circle("group", "list", home=group_home)
    assert listed.returncode == 0, listed.stderr
    assert GROUP in listed.stdout
    assert run_circle("group", "add", "Another group", home=group_home).returncode == 0
    assert integrity(vault_of(group_home)) == [("ok",)]


def test_a_process_killed_while_holding_the_lead_store_lock_leaves_the_next_import_free(
    tmp_path: Path, run_circle
) -> None:
    home = tmp_path / "lead-laptop"
    LeadFolder(locations(home)).create_key(LEAD, kdf=FLOOR_KDF)
    inbox = tmp_path / "shared"
    inbox.mkdir()
    lock = locations(home).lead_dir / "lead.lock"
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_A_LOCK, str(lock)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"

        def import_the_inbox() -> subprocess.CompletedProcess[str]:
            return run_circle("lead", "import", str(inbox), home=home, passphrase=None,
                              env={"CIRCLE_LEAD_PASSPHRASE": LEAD})

        busy = import_the_inbox()
        assert busy.returncode == 1
        assert_one_line(busy.stderr, "importing into your lead store")
        killed(holder)
        assert lock.exists()
        after = import_the_inbox()
        assert after.returncode == 0, after.stderr
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.communicate()
