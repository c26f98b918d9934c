"""What to do now, in plain words, for each part of the meeting."""

from __future__ import annotations

from datetime import datetime

from textual.content import Content

from circle.domain.group import PhaseKind
from circle.domain.session import RoundOrderMode
from circle.domain.session.pacer import pacer
from circle.workspace import Meeting
from circle.ui.text import plain


# The parts whose guidance shows the breathing pacer, redrawn as the clock moves.
PACED_PARTS = frozenset({PhaseKind.BREAK, PhaseKind.GROUNDING})


def _and_guests(guests: int) -> str:
    return "" if not guests else f", and {guests} guest{'s' if guests > 1 else ''}"


def guidance(meeting: Meeting, now: datetime) -> Content:
    state = meeting.state
    rules = meeting.group.rules
    agreements = meeting.group.profile.agreements
    fmt = meeting.group.profile.format
    phase = state.phase
    if phase is None:
        if not rules.keeps_names:
            return Content(
                f"Attendance: {state.headcount} in the room.\n\n"
                "k adds one, j takes one away.\nPress n to begin with the opening."
            )
        return Content(
            f"Attendance: {len(state.present)} here{_and_guests(state.guests)}.\n\n"
            "Enter or t marks the highlighted person here (or not).\n"
            "Shift+N adds a newcomer. / finds a name.\n\n"
            "Press n to begin with the opening."
        )
    if phase is PhaseKind.OPENING:
        parts: list[Content | str] = []
        if state.full_agreements_due:
            parts.append("A newcomer is here: please read everything below, the limits too.\n\n")
        parts.append(plain(agreements.text))
        parts.append("\n\nLimits of confidentiality\n")
        parts.append(plain(agreements.confidentiality_limits))
        if agreements.mandated_reporter:
            parts.append("\n\n")
            parts.append(plain(agreements.mandated_reporter))
        done = (
            "Agreements read ✓"
            if state.agreements_read
            else "v shows them large, for reading aloud. Press r when they have been read."
        )
        parts.append(f"\n\n{done}  n moves on to the check-in.")
        return Content.assemble(*parts)
    if phase in PACED_PARTS:
        elapsed = state.phase_timer.elapsed(now) if state.phase_timer else 0.0
        if phase is PhaseKind.GROUNDING:
            return Content(f"Grounding: breathe together, slowly.\n\n{pacer(elapsed)}\n\nn moves on.")
        return Content(f"Break.\n\n{pacer(elapsed)}\n\nn moves on when everyone is back.")
    if phase is PhaseKind.READING:
        return Content("The reading.\n\nn moves on when it has been read.")
    if phase is PhaseKind.OWN:
        title = state.part.shown_title if state.part else ""
        return Content.assemble(plain(title), ".\n\nn moves on when the group is ready.")
    round_help = "Space starts the next turn (and ends it). p lets someone pass: passing is fine. + adds a minute."
    if phase is PhaseKind.SHARING:
        queue = ", ".join(meeting.name(member) for member in state.queue) or "nobody yet"
        return Content.assemble(
            "Sharing. a adds the highlighted person to the queue as hands go up; [ and ] move them; x removes.\n\n",
            "Queue: ", plain(queue), "\n\n", round_help,
        )
    mode = RoundOrderMode(state.round_order_mode) if state.round_order_mode else None
    order = f"Order: {mode.value}. o changes it." if mode else "o sets the order: roster, random or volunteers."
    if phase is PhaseKind.CLOSING:
        upcoming = state.next_meeting or "not set (d sets it)"
        pulse: list[Content | str] = []
        if rules.takes_pulse and state.pulse is None:
            # The question is the group's own text: shown literally, never as markup.
            question = plain(f"“{rules.pulse_question}”")
            pulse = ["Pulse: ask ", question, " for a show of hands from 1 to 5; u counts them.\n\n"]
        return Content.assemble(
            plain(fmt.closing_prompt), " Passing is fine.\n\n",
            "Remind everyone: what was said here stays here.\n\n",
            *pulse,
            f"Next meeting: {upcoming}\n\n{order}\n{round_help}\nc closes the meeting.",
        )
    return Content.assemble(plain(fmt.check_in_prompt), f"\n\n{order}\n{round_help}")
