"""Kill circle in the middle of a turn; reopening lands on the same phase and speaker, with time run on."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from circle.domain.session import PhaseKind
from circle.workspace import Workspace

REPO = Path(__file__).resolve().parents[2]

MEETING_THEN_KILL = textwrap.dedent(
    """
    import os, signal, sys
    from circle.domain import session as s
    from circle.workspace import Workspace

    workspace = Workspace.open(sys.argv[1])
    workspace.unlock(sys.argv[2])
    group = workspace.groups()[0]
    meeting = workspace.meeting(group.id)
    for member in workspace.members(group.id):
        meeting.do(s.Arrive(member.id))
    meeting.do(s.NextPhase())
    meeting.do(s.ReadAgreements())
    meeting.do(s.NextPhase())
    meeting.order_round(s.RoundOrderMode.ROSTER)
    meeting.do(s.StartTurn())
    print(meeting.state.speaker, meeting.state.event_count, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_a_meeting_killed_mid_turn_comes_back_on_the_same_speaker_with_time_run_on(
    vault_home: Path, passphrase: str
) -> None:
    with Workspace.open(vault_home) as workspace:
        workspace.unlock(passphrase)
        group = workspace.create_group("Killed mid-turn")
        for name in ("Ada", "Bo", "Cy"):
            workspace.add_member(group.id, name)

    done = subprocess.run(
        [sys.executable, "-c", MEETING_THEN_KILL, str(vault_home), passphrase],
        capture_output=True, text=True, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert done.returncode == -signal.SIGKILL
    speaker, committed = done.stdout.split()
    killed_at = time.monotonic()

    with Workspace.open(vault_home) as workspace:
        workspace.unlock(passphrase)
        assert workspace.meetings_in_progress() == [group.id]
        meeting = workspace.meeting(group.id)
        state = meeting.state
        assert state.event_count == int(committed)
        assert state.phase is PhaseKind.CHECK_IN
        assert state.speaker == speaker
        assert state.speaker_timer is not None
        assert state.speaker_timer.elapsed(meeting.now()) >= time.monotonic() - killed_at
