"""What to do now, in plain words, for each part of the meeting."""

from __future__ import annotations

from datetime import datetime

from textual.content import Content

from circle.domain.group import Phase, PhaseKind
from circle.domain.session import RoundOrderMode
from circle.domain.session.pacer import pacer
from circle.language import N_, _, ngettext
from circle.workspace import Meeting
from circle.ui.days import iso_day_words
from circle.ui.text import plain


# The parts whose guidance shows the breathing pacer, redrawn as the clock moves.
PACED_PARTS = frozenset({PhaseKind.BREAK, PhaseKind.GROUNDING})


def _attendance(meeting: Meeting) -> str:
    """'Attendance: 3 here, and 2 guests.'"""
    state = meeting.state
    here = len(state.present)
    if not state.guests:
        return _("Attendance: {here} here.").format(here=here)
    return ngettext(
        "Attendance: {here} here, and {count} guest.", "Attendance: {here} here, and {count} guests.", state.guests
    ).format(here=here, count=state.guests)


def _topic(meeting: Meeting, *, choosing: bool) -> list[Content | str]:
    """'Topic: Boundaries' (the group's words, literally), and the key to take another while it may change."""
    topic = meeting.state.topic
    if not topic:
        return []
    if choosing and len(meeting.group.profile.format.topics) > 1:
        said = _("Topic: {topic} (w chooses another)").format(topic=topic)
    else:
        said = _("Topic: {topic}").format(topic=topic)
    return [plain(said), "\n\n"]


# The part after this one by its kind, where the group gave it no name of its own: whole sentences, so that each
# language can say "the" its own way. A part of the group's own always has a name.
_MOVES_ON_TO = {
    PhaseKind.OPENING: N_("n moves on to the opening."),
    PhaseKind.GROUNDING: N_("n moves on to the grounding."),
    PhaseKind.READING: N_("n moves on to the reading."),
    PhaseKind.CHECK_IN: N_("n moves on to the check-in."),
    PhaseKind.SHARING: N_("n moves on to the sharing."),
    PhaseKind.BREAK: N_("n moves on to the break."),
    PhaseKind.CLOSING: N_("n moves on to the closing."),
}
_BEGIN_WITH = {
    PhaseKind.OPENING: N_("Press n to begin with the opening."),
    PhaseKind.GROUNDING: N_("Press n to begin with the grounding."),
    PhaseKind.READING: N_("Press n to begin with the reading."),
    PhaseKind.CHECK_IN: N_("Press n to begin with the check-in."),
    PhaseKind.SHARING: N_("Press n to begin with the sharing."),
    PhaseKind.BREAK: N_("Press n to begin with the break."),
    PhaseKind.CLOSING: N_("Press n to begin with the closing."),
}


def _next_part(meeting: Meeting) -> str:
    """'n moves on to the grounding.' — the part after this one, by its name."""
    return _saying_what_follows(meeting, N_("n moves on."), N_("n moves on to {part}."), _MOVES_ON_TO)


def _begin(meeting: Meeting) -> str:
    """'Press n to begin with the opening.'"""
    return _saying_what_follows(meeting, N_("Press n to begin."), N_("Press n to begin with {part}."), _BEGIN_WITH)


def _saying_what_follows(meeting: Meeting, at_the_end: str, named: str, by_kind: dict[PhaseKind, str]) -> str:
    """One of the sentences about the part after this one: none, one with its own name, or one of its kind."""
    part = _following(meeting)
    if part is None:
        return _(at_the_end)
    if part.title:
        return _(named).format(part=part.title)
    return _(by_kind[part.kind])


def _following(meeting: Meeting) -> Phase | None:
    """The part after this one; None at the last part."""
    state = meeting.state
    following = 0 if state.phase_index is None else state.phase_index + 1
    return state.phases[following] if following < len(state.phases) else None


def _empty_queue(turns: int) -> str:
    """An empty queue after turns is a pause, not a failure: say how many have shared and invite more."""
    if not turns:
        return _("empty for now; ask who would like to share first")
    if turns == 1:
        return _("empty for now (one turn so far); ask if anyone else would like to share")
    return ngettext(
        "empty for now ({count} turn so far); ask if anyone else would like to share",
        "empty for now ({count} turns so far); ask if anyone else would like to share",
        turns,
    ).format(count=turns)


def _heading(meeting: Meeting) -> Content:
    """The part's name as the group gave it ('Sharing after the break'), else its kind's; shown literally."""
    part = meeting.state.part
    return plain(part.name_in(_) if part is not None else "")


def _titled(meeting: Meeting) -> list[Content | str]:
    """Before a round's prompt: the part's own name, when it has one (the prompt names the usual round)."""
    part = meeting.state.part
    return [plain(part.title), ". "] if part is not None and part.title else []


def _order(mode: RoundOrderMode | None) -> str:
    if mode is RoundOrderMode.VOLUNTEERS:
        return _("Order: volunteers; Space gives the highlighted person the turn. o changes it.")
    if mode is RoundOrderMode.ROSTER:
        return _("Order: roster. o changes it.")
    if mode is RoundOrderMode.RANDOM:
        return _("Order: random. o changes it.")
    return _("o sets the order: roster, random or volunteers.")


def guidance(meeting: Meeting, now: datetime) -> Content:
    state = meeting.state
    rules = meeting.group.rules
    agreements = meeting.group.profile.agreements
    fmt = meeting.group.profile.format
    phase = state.phase
    if phase is None:
        begin = _begin(meeting)
        if not rules.keeps_names:
            return Content.assemble(
                _("Attendance: {count} in the room.").format(count=state.headcount), "\n\n",
                *_topic(meeting, choosing=True),
                _("k adds one, j takes one away."), "\n", begin,
            )
        return Content.assemble(
            _attendance(meeting), "\n\n",
            *_topic(meeting, choosing=True),
            _("Enter or t marks the highlighted person here (or not)."), "\n",
            _("Shift+N adds a newcomer. / finds a name."), "\n\n",
            begin,
        )
    if phase is PhaseKind.OPENING:
        # What to press comes first and the newcomer's ask next: the agreements below may run past the pane.
        done = (
            _("Agreements read ✓")
            if state.agreements_read
            else _("Press r when they have been read. v shows them large, for reading aloud.")
        )
        parts: list[Content | str] = [f"{done} {_next_part(meeting)}\n\n", *_topic(meeting, choosing=True)]
        if state.full_agreements_due:
            parts += [_("A newcomer is here: please read everything below, the limits of confidentiality too."), "\n\n"]
        parts.append(plain(agreements.text))
        parts += ["\n\n", _("Limits of confidentiality"), "\n"]
        parts.append(plain(agreements.confidentiality_limits))
        if agreements.mandated_reporter:
            parts.append("\n\n")
            parts.append(plain(agreements.mandated_reporter))
        return Content.assemble(*parts)
    if phase in PACED_PARTS:
        elapsed = state.phase_timer.elapsed(now) if state.phase_timer else 0.0
        if meeting.grounding_since is not None:  # one breath on every screen: the grounding pause's, as the room's
            elapsed = max(0.0, (now - meeting.grounding_since).total_seconds())
        # The pacer's step is read aloud to the group, so it is in the group's language.
        step = pacer(elapsed, meeting.group.profile.words)
        if phase is PhaseKind.GROUNDING:
            return Content.assemble(
                plain(_("{part}: breathe together, slowly.").format(part=_heading(meeting).plain)),
                f"\n\n{step}\n\n", _("n moves on."),
            )
        return Content.assemble(
            _heading(meeting), f".\n\n{step}\n\n", _("n moves on when everyone is back.")
        )
    if phase is PhaseKind.READING:
        reading = (
            [plain(_("Read aloud: {reading}").format(reading=state.topic)), "\n\n"] if state.topic
            else [_("The group's list has no reading for this meeting: read what the group chose."), "\n\n"]
        )
        return Content.assemble(_heading(meeting), ".\n\n", *reading, _("n moves on when it has been read."))
    if phase is PhaseKind.OWN:
        return Content.assemble(_heading(meeting), ".\n\n", _("n moves on when the group is ready."))
    round_help = _("Space starts the next turn (and ends it). p lets someone pass: passing is fine. + adds a minute.")
    if phase is PhaseKind.SHARING:
        queue = ", ".join(meeting.name(member) for member in state.queue) or _empty_queue(
            state.turns_in_phase + (1 if state.in_turn else 0)  # someone sharing now counts: they went first
        )
        return Content.assemble(
            _heading(meeting), ". ",
            _("a adds the highlighted person to the queue as hands go up; [ and ] move them; x removes."), "\n\n",
            plain(_("Queue: {queue}").format(queue=queue)), "\n\n", round_help,
        )
    order = _order(RoundOrderMode(state.round_order_mode) if state.round_order_mode else None)
    if phase is PhaseKind.CLOSING:
        today = now.astimezone().date()
        upcoming = iso_day_words(state.next_meeting, today) if state.next_meeting else _("not set (d sets it)")
        pulse: list[Content | str] = []
        if rules.takes_pulse and state.pulse is None:
            # The question is the group's own text: shown literally, never as markup.
            pulse = [
                plain(_("Pulse: ask “{question}” for a show of hands from 1 to 5; u counts them.").format(
                    question=rules.pulse_question
                )),
                "\n\n",
            ]
        return Content.assemble(
            *_titled(meeting), plain(fmt.closing_prompt), " ", _("Passing is fine."), "\n\n",
            _("Remind everyone: what was said here stays here."), "\n\n",
            *pulse,
            _("Next meeting: {day}").format(day=upcoming), "\n\n", order, "\n", round_help, "\n",
            _("c closes the meeting."),
        )
    return Content.assemble(*_titled(meeting), plain(fmt.check_in_prompt), "\n\n", order, "\n", round_help)
