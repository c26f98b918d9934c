"""A meeting in its sharing part on a fresh demo vault, shared by the meeting benchmarks."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from circle.demo import DEMO_PASSPHRASE, build_demo
from circle.domain.clock import Clock
from circle.domain.group import PhaseKind
from circle.domain.session import Arrive, NextPhase
from circle.workspace.meeting import Meeting
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace

PRESENT = 12


@contextmanager
def meeting_in_sharing(clock: Clock | None = None) -> Iterator[tuple[Workspace, Meeting]]:
    """An unlocked demo vault with a 90-minute group's meeting open at its sharing part."""
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "vault"
        build_demo(home, kdf=FLOOR_KDF)
        with Workspace.open(home, clock=clock) as workspace:
            workspace.unlock(DEMO_PASSPHRASE)
            group_id = next(
                overview.id
                for overview in workspace.groups()
                if PhaseKind.SHARING in {phase.kind for phase in workspace.group(overview.id).profile.format.phases}
            )
            meeting = workspace.meeting(group_id)
            for member in workspace.members(group_id)[:PRESENT]:
                meeting.do(Arrive(member.id))
            while meeting.state.phase is not PhaseKind.SHARING:
                meeting.do(NextPhase(confirmed=True))
            yield workspace, meeting
