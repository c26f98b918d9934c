"""What moving on from a part would leave undone, said once before the facilitator confirms it.

Nobody should fall out of a round or the sharing queue because a key was pressed one time too many, and
the agreements should not be skipped unread. The words count people and never name anyone.
"""

from __future__ import annotations

from circle.domain.group import PhaseKind
from circle.domain.session.errors import PartNotFinished
from circle.domain.session.state import SessionState

_NOT_YET = {
    PhaseKind.CHECK_IN: ("has not checked in yet", "have not checked in yet"),
    PhaseKind.CLOSING: ("has not had a closing turn yet", "have not had a closing turn yet"),
    PhaseKind.SHARING: ("is still in the sharing queue", "are still in the sharing queue"),
}


def _people(count: int, one: str, many: str) -> str:
    return f"1 person {one}." if count == 1 else f"{count} people {many}."


def refuse_unfinished(state: SessionState) -> None:
    """PartNotFinished if leaving the current part now would leave someone out or the agreements unread."""
    phase = state.phase
    if phase is PhaseKind.OPENING and not state.agreements_read:
        raise PartNotFinished("The agreements have not been marked read.")
    if phase not in _NOT_YET or state.headcount_only:
        return
    waiting = len(state.not_yet_heard)
    if waiting:
        raise PartNotFinished(_people(waiting, *_NOT_YET[phase]), waiting)
