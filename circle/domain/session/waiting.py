"""Why nobody is lined up to speak, said as a peer would say it: the room is seldom empty, only the line."""

from __future__ import annotations

from circle.domain.group import PhaseKind
from circle.domain.meeting_format import RoundOrderMode
from circle.domain.session.errors import SessionRuleError
from circle.domain.session.state import SessionState
from circle.language import _


def nobody_lined_up(state: SessionState) -> SessionRuleError:
    if state.phase is PhaseKind.SHARING:
        if state.turns_in_phase:
            return SessionRuleError(_("The queue is empty for now: ask if anyone else would like to share."))
        return SessionRuleError(_("The queue is empty for now: ask who would like to share first."))
    if state.round_order_mode is None:
        return SessionRuleError(_("The round has no order yet: choose one, or ask who would like to go first."))
    if state.round_order_mode == RoundOrderMode.VOLUNTEERS:
        return SessionRuleError(_("Whoever is ready goes next: highlight them to give them the turn."))
    waiting = state.present - set(state.done_in_phase) - {state.speaker}
    if waiting and waiting <= state.stepped_out:
        return SessionRuleError(_("Everyone still to speak has stepped out for now; their turn waits for them."))
    return SessionRuleError(_("Everyone here has had their turn in this round."))
