"""A meeting's steps are written with plain SQL: sqlite-utils (and the ~5 MB it loads) stays out of a meeting.

The meeting runs in a fresh interpreter, on a demo vault made beforehand, so that nothing this test process
loaded counts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from circle.demo import build_demo
from circle.vault.keyring import FLOOR_KDF

REPO_ROOT = Path(__file__).resolve().parents[2]

MEETING = """
import json, sys
from circle.demo import DEMO_PASSPHRASE
from circle.domain.session import Arrive, EndTurn, NextPhase, Pause, Resume, StartTurn
from circle.workspace import Workspace

with Workspace.open(sys.argv[1]) as workspace:
    workspace.unlock(DEMO_PASSPHRASE)
    group_id = workspace.groups()[0].id
    before = "sqlite_utils" in sys.modules
    meeting = workspace.meeting(group_id)
    for member in workspace.members(group_id)[:3]:
        meeting.do(Arrive(member.id))
    meeting.do(NextPhase(confirmed=True))
    meeting.do(Pause())
    meeting.do(Resume())
    written = len(meeting.events)

with Workspace.open(sys.argv[1]) as workspace:
    workspace.unlock(DEMO_PASSPHRASE)
    read_back = len(workspace.meeting(group_id).events)
print(json.dumps([before, "sqlite_utils" in sys.modules, written, read_back]))
"""


def test_a_meeting_writes_its_steps_without_loading_sqlite_utils_and_they_are_all_read_back(tmp_path: Path):
    home = tmp_path / "vault"
    build_demo(home, kdf=FLOOR_KDF)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))}
    result = subprocess.run(
        [sys.executable, "-c", MEETING, str(home)], env=env, cwd=REPO_ROOT, capture_output=True, text=True,
        timeout=120, check=True,
    )
    before, after, written, read_back = json.loads(result.stdout.strip().splitlines()[-1])
    assert (before, after) == (False, False)
    assert written >= 6 and read_back == written
