"""What moving on from a part would leave undone, said once before the facilitator confirms it.

Nobody should fall out of a round or the sharing queue because a key was pressed one time too many, and
the agreements should not be skipped unread. The words count people and never name anyone.
"""

from __future__ import annotations

from circle.domain.group import PhaseKind
from circle.domain.session.errors import PartNotFinished
from circle.domain.session.state import SessionState
from circle.language import _, ngettext

# The parts a round or the queue runs through, where moving on may leave someone unheard.
_ROUNDS = frozenset({PhaseKind.CHECK_IN, PhaseKind.CLOSING, PhaseKind.SHARING})


def _not_yet(phase: PhaseKind, count: int) -> str | None:
    """Who moving on would leave out, counted: whole sentences, so each language counts people its own way."""
    if phase is PhaseKind.CHECK_IN:
        said = ngettext("{count} person has not checked in yet.", "{count} people have not checked in yet.", count)
    elif phase is PhaseKind.CLOSING:
        said = ngettext(
            "{count} person has not had a closing turn yet.", "{count} people have not had a closing turn yet.", count
        )
    elif phase is PhaseKind.SHARING:
        said = ngettext(
            "{count} person is still in the sharing queue.", "{count} people are still in the sharing queue.", count
        )
    else:
        return None
    return said.format(count=count)


def refuse_unfinished(state: SessionState) -> None:
    """PartNotFinished if leaving the current part now would leave someone out or the agreements unread."""
    phase = state.phase
    if phase is PhaseKind.OPENING and not state.agreements_read:
        raise PartNotFinished(_("The agreements have not been marked read."))
    if phase not in _ROUNDS or state.headcount_only:
        return
    waiting = len(state.not_yet_heard)
    said = _not_yet(phase, waiting) if waiting else None
    if said is not None:
        raise PartNotFinished(said, waiting)
