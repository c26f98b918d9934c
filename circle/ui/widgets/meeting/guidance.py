"""What to do now, in plain words, for each part of the meeting."""

from __future__ import annotations

from datetime import datetime

from textual.content import Content

from circle.domain.group import PhaseKind
from circle.domain.session import RoundOrderMode
from circle.domain.session.pacer import pacer
from circle.workspace import Meeting
from circle.ui.days import iso_day_words
from circle.ui.text import plain


# The parts whose guidance shows the breathing pacer, redrawn as the clock moves.
PACED_PARTS = frozenset({PhaseKind.BREAK, PhaseKind.GROUNDING})


def _and_guests(guests: int) -> str:
    return "" if not guests else f", and {guests} guest{'s' if guests > 1 else ''}"


def _topic(meeting: Meeting, *, choosing: bool) -> list[Content | str]:
    """'Topic: Boundaries' (the group's words, literally), and the key to take another while it may change."""
    topic = meeting.state.topic
    if not topic:
        return []
    another = " (w chooses another)" if choosing and len(meeting.group.profile.format.topics) > 1 else ""
    return ["Topic: ", plain(topic), f"{another}\n\n"]


def _next_part(meeting: Meeting) -> str:
    """'n moves on to the grounding.' — the part after this one, by its name."""
    state = meeting.state
    following = 0 if state.phase_index is None else state.phase_index + 1
    if following >= len(state.phases):
        return "n moves on."
    part = state.phases[following]
    return f"n moves on to {part.title or 'the ' + part.kind.title.lower()}."


def _empty_queue(turns: int) -> str:
    """An empty queue after turns is a pause, not a failure: say how many have shared and invite more."""
    if not turns:
        return "empty for now; ask who would like to share first"
    said = "one turn so far" if turns == 1 else f"{turns} turns so far"
    return f"empty for now ({said}); ask if anyone else would like to share"


def _heading(meeting: Meeting) -> Content:
    """The part's name as the group gave it ('Sharing after the break'), else its kind's; shown literally."""
    part = meeting.state.part
    return plain(part.shown_title if part is not None else "")


def _titled(meeting: Meeting) -> list[Content | str]:
    """Before a round's prompt: the part's own name, when it has one (the prompt names the usual round)."""
    part = meeting.state.part
    return [plain(part.title), ". "] if part is not None and part.title else []


def guidance(meeting: Meeting, now: datetime) -> Content:
    state = meeting.state
    rules = meeting.group.rules
    agreements = meeting.group.profile.agreements
    fmt = meeting.group.profile.format
    phase = state.phase
    if phase is None:
        begin = "Press " + _next_part(meeting).replace("moves on to", "to begin with")
        if not rules.keeps_names:
            return Content.assemble(
                f"Attendance: {state.headcount} in the room.\n\n",
                *_topic(meeting, choosing=True),
                f"k adds one, j takes one away.\n{begin}",
            )
        return Content.assemble(
            f"Attendance: {len(state.present)} here{_and_guests(state.guests)}.\n\n",
            *_topic(meeting, choosing=True),
            "Enter or t marks the highlighted person here (or not).\n"
            "Shift+N adds a newcomer. / finds a name.\n\n",
            begin,
        )
    if phase is PhaseKind.OPENING:
        # What to press comes first and the newcomer's ask next: the agreements below may run past the pane.
        done = (
            "Agreements read ✓"
            if state.agreements_read
            else "Press r when they have been read. v shows them large, for reading aloud."
        )
        parts: list[Content | str] = [f"{done} {_next_part(meeting)}\n\n", *_topic(meeting, choosing=True)]
        if state.full_agreements_due:
            parts.append("A newcomer is here: please read everything below, the limits of confidentiality too.\n\n")
        parts.append(plain(agreements.text))
        parts.append("\n\nLimits of confidentiality\n")
        parts.append(plain(agreements.confidentiality_limits))
        if agreements.mandated_reporter:
            parts.append("\n\n")
            parts.append(plain(agreements.mandated_reporter))
        return Content.assemble(*parts)
    if phase in PACED_PARTS:
        elapsed = state.phase_timer.elapsed(now) if state.phase_timer else 0.0
        if meeting.grounding_since is not None:  # one breath on every screen: the grounding pause's, as the room's
            elapsed = max(0.0, (now - meeting.grounding_since).total_seconds())
        if phase is PhaseKind.GROUNDING:
            return Content.assemble(
                _heading(meeting), f": breathe together, slowly.\n\n{pacer(elapsed)}\n\nn moves on."
            )
        return Content.assemble(_heading(meeting), f".\n\n{pacer(elapsed)}\n\nn moves on when everyone is back.")
    if phase is PhaseKind.READING:
        reading = (
            ["Read aloud: ", plain(state.topic), "\n\n"] if state.topic
            else ["The group's list has no reading for this meeting: read what the group chose.\n\n"]
        )
        return Content.assemble(_heading(meeting), ".\n\n", *reading, "n moves on when it has been read.")
    if phase is PhaseKind.OWN:
        return Content.assemble(_heading(meeting), ".\n\nn moves on when the group is ready.")
    round_help = "Space starts the next turn (and ends it). p lets someone pass: passing is fine. + adds a minute."
    if phase is PhaseKind.SHARING:
        queue = ", ".join(meeting.name(member) for member in state.queue) or _empty_queue(
            state.turns_in_phase + (1 if state.in_turn else 0)  # someone sharing now counts: they went first
        )
        return Content.assemble(
            _heading(meeting),
            ". a adds the highlighted person to the queue as hands go up; [ and ] move them; x removes.\n\n",
            "Queue: ", plain(queue), "\n\n", round_help,
        )
    mode = RoundOrderMode(state.round_order_mode) if state.round_order_mode else None
    order = f"Order: {mode.value}. o changes it." if mode else "o sets the order: roster, random or volunteers."
    if mode is RoundOrderMode.VOLUNTEERS:
        order = "Order: volunteers; Space gives the highlighted person the turn. o changes it."
    if phase is PhaseKind.CLOSING:
        today = now.astimezone().date()
        upcoming = iso_day_words(state.next_meeting, today) if state.next_meeting else "not set (d sets it)"
        pulse: list[Content | str] = []
        if rules.takes_pulse and state.pulse is None:
            # The question is the group's own text: shown literally, never as markup.
            question = plain(f"“{rules.pulse_question}”")
            pulse = ["Pulse: ask ", question, " for a show of hands from 1 to 5; u counts them.\n\n"]
        return Content.assemble(
            *_titled(meeting), plain(fmt.closing_prompt), " Passing is fine.\n\n",
            "Remind everyone: what was said here stays here.\n\n",
            *pulse,
            f"Next meeting: {upcoming}\n\n{order}\n{round_help}\nc closes the meeting.",
        )
    return Content.assemble(*_titled(meeting), plain(fmt.check_in_prompt), f"\n\n{order}\n{round_help}")
