"""A meeting in its sharing part on a fresh demo vault, shared by the meeting benchmarks."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from circle.demo import DEMO_PASSPHRASE, build_demo
from circle.domain.clock import Clock
from circle.domain.group import PhaseKind
from circle.domain.session import Arrive, EndTurn, NextPhase, Pause, Resume, StartTurn
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace
from circle.workspace.meeting import Meeting

PRESENT = 12


@contextmanager
def meeting_in_sharing(
    clock: Clock | None = None, *, present: int = PRESENT, events: int = 0
) -> Iterator[tuple[Workspace, Meeting]]:
    """An unlocked demo vault with a 90-minute group's meeting open at its sharing part.

    `present` people are here (members are added to the group if it has fewer); with `events`, the
    log already holds at least that many, as a long meeting's would: a round of turns, then pauses.
    """
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
            for number in range(len(workspace.members(group_id)), present):
                workspace.add_member(group_id, f"Visitor {number:03d}")
            meeting = workspace.meeting(group_id)
            for member in workspace.members(group_id)[:present]:
                meeting.do(Arrive(member.id))
            while meeting.state.phase is not PhaseKind.SHARING:
                meeting.do(NextPhase(confirmed=True))
            if events:
                _a_long_meeting(meeting, events)
            yield workspace, meeting


def _a_long_meeting(meeting: Meeting, events: int) -> None:
    """Each person here takes a turn, then the meeting pauses and resumes until the log is `events` long."""
    for member in sorted(meeting.state.present):
        if len(meeting.events) >= events:
            return
        meeting.do(StartTurn(member))
        meeting.do(EndTurn())
    while len(meeting.events) < events:
        meeting.do(Pause())
        meeting.do(Resume())
