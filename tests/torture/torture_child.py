"""The process the crash torture kills: scripted meetings on a real vault, one after another, until killed.

    python torture_child.py HOME SEED        (the passphrase in CIRCLE_PASSPHRASE)

It reports on stdout, flushed, only what has already been committed:
    ready                           the vault is open and unlocked
    meeting NUMBER SESSION          a meeting opened or resumed
    event SESSION SEQ ID            an event whose commit has returned
    closed SESSION                  the meeting's record is kept and its log gone
A meeting left open by the last kill is resumed from its log, at the step after the last one stored.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from torture_meeting import boundaries, meeting_steps

from circle.domain.clock import FakeClock
from circle.domain.session import Close
from circle.workspace import Workspace

if TYPE_CHECKING:
    from circle.workspace.meeting import Meeting  # loaded by the first meeting, as in the app


def report(*words: object) -> None:
    print(*words, flush=True)


def report_events(meeting: Meeting, start: int) -> int:
    for event in meeting.events[start:]:
        report("event", meeting.session_id, event.seq, event.id)
    return len(meeting.events)


def run_meeting(workspace: Workspace, clock: FakeClock, seed: int) -> None:
    overview = workspace.groups()[0]
    group = workspace.group(overview.id)
    member_ids = sorted(member.id for member in workspace.members(group.id))
    steps = meeting_steps(group, workspace.facilitator_id, member_ids, seed=seed, number=overview.meetings_held)
    if group.id not in workspace.meetings_in_progress():
        clock.set(steps[0].at)  # the opening happens inside workspace.meeting()
    meeting = workspace.meeting(group.id)
    report("meeting", overview.meetings_held, meeting.session_id)
    reported = report_events(meeting, 0)  # again after a resume: the parent checks they match
    done = boundaries(steps).index(meeting.state.event_count)
    for step in steps[done:]:
        clock.set(step.at)
        if isinstance(step.command, Close):
            break
        meeting.do(step.command)
        reported = report_events(meeting, reported)
    clock.set(steps[-1].at)
    meeting.close()
    report_events(meeting, reported)
    report("closed", meeting.session_id)


def main() -> None:
    home, seed = sys.argv[1], int(sys.argv[2])
    clock = FakeClock()
    workspace = Workspace.open(home, clock=clock)
    workspace.unlock(os.environ["CIRCLE_PASSPHRASE"])
    report("ready")
    while True:
        run_meeting(workspace, clock, seed)


if __name__ == "__main__":
    main()
