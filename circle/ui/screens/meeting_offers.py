"""Which of the meeting's keys fit this moment: a key that would do nothing here is not offered, nor shown."""

from __future__ import annotations

from circle.domain.group import PhaseKind
from circle.domain.rules import NotesPolicy
from circle.workspace import Meeting


def nobody_shared(meeting: Meeting) -> bool:
    """A meeting may be discarded as opened by mistake only before anyone has taken a turn."""
    state = meeting.state
    return state.shared_count == 0 and state.passed_count == 0 and not state.in_turn


def keys_offered(meeting: Meeting) -> dict[str, bool | None]:
    """Each of the meeting screen's actions, and whether it is offered now.

    None offers a key in the footer, dimmed, without it working: "+1 min" between the turns of a round, so the
    footer keeps its shape as each turn starts and ends instead of being laid out again on every turn.
    """
    state = meeting.state
    names = meeting.group.rules.keeps_names
    phase = state.phase
    in_round = phase in (PhaseKind.CHECK_IN, PhaseKind.SHARING, PhaseKind.CLOSING)
    takes_pulse = phase is PhaseKind.CLOSING and meeting.group.rules.takes_pulse
    return {
        "turn": in_round,
        "pass_turn": in_round,
        "extend": True if state.in_turn else (None if in_round else False),
        "pause": state.is_started,
        "toggle_here": names,
        "newcomer": names,
        "guest": names,
        "left_early": names and state.is_started,
        "step_out": names and state.is_open,
        "enqueue": names and phase is PhaseKind.SHARING,
        "dequeue": names and phase is PhaseKind.SHARING,
        "move": names and phase is PhaseKind.SHARING,
        "round_order": names and phase in (PhaseKind.CHECK_IN, PhaseKind.CLOSING),
        "agreements_read": phase is PhaseKind.OPENING,
        "read_aloud": phase is PhaseKind.OPENING,
        "headcount": not names,
        "next_meeting": phase is PhaseKind.CLOSING,
        "pulse": names and takes_pulse,
        "pulse_unshown": not names and takes_pulse,
        "filter": names,
        "next_phase": state.phase_index is None or state.phase_index < len(state.phases) - 1,
        "close_meeting": phase is PhaseKind.CLOSING,
        "close_meeting_early": phase is not PhaseKind.CLOSING,
        "follow_up": names and meeting.group.rules.notes is not NotesPolicy.NONE,
        "discard_meeting": nobody_shared(meeting),
        "grounding": state.is_open,
    }
