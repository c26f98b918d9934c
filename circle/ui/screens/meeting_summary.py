"""The end of a meeting: counts for the facilitator, and nothing about what anyone said."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, Static

from circle.domain.errors import CircleError
from circle.domain.group import Group
from circle.domain.rules import NotesPolicy
from circle.language import N_, _
from circle.workspace import MeetingSummary
from circle.ui.screens.base import CircleScreen
from circle.ui.days import iso_day_words
from circle.ui.text import one_line
from circle.ui.widgets.footer import Footer


# Every label the summary may show, so its values line up in one column in any language.
_LABELS = {
    "present": N_("Present"),
    "guests": N_("Guests"),
    "newcomers": N_("Newcomers"),
    "returning": N_("Returning"),
    "late": N_("Late / left"),
    "shared": N_("Turns shared"),
    "passed": N_("Turns passed"),
    "length": N_("Length"),
    "stepped_out": N_("Stepped out"),
    "topic": N_("Topic"),
    "next": N_("Next meeting"),
    "pulse": N_("Pulse"),
    "facilitated": N_("Facilitated"),
}


def summary_lines(result: MeetingSummary) -> Content:
    counts = result.counts
    rows: list[tuple[str, str]] = [
        ("present", str(counts.headcount)),
        ("newcomers", str(len(counts.newcomers))),
        ("returning", str(result.returning)),
        ("late", f"{len(counts.late)} / {len(counts.left_early)}"),
        ("shared", str(counts.shared_turns)),
        ("passed", _("{count}   (passing is participation)").format(count=counts.passed_turns)),
        ("length", _("{minutes} min of {planned} planned").format(
            minutes=round(counts.actual_minutes), planned=counts.planned_minutes)),
    ]
    if counts.guests:  # counted in Present too; a headcount-only group's heads include its guests
        rows.insert(1, ("guests", _("{count}   (visitors not on the roster)").format(count=counts.guests)))
    if counts.stepped_out:
        rows.append(("stepped_out", str(counts.stepped_out)))
    if counts.topic:  # the group's words: Content keeps them literal
        rows.append(("topic", _("{topic}   (the next meeting takes another)").format(topic=counts.topic)))
    if counts.next_meeting:
        rows.append(("next", iso_day_words(counts.next_meeting)))
    if counts.pulse:
        rows.append(("pulse", " · ".join(f"{answer}: {count}" for answer, count in enumerate(counts.pulse, start=1))))
    if len(result.facilitated) > 1:
        # Handles are people's own words: Content keeps them literal, never markup.
        for index, (handle, parts) in enumerate(result.facilitated):
            held = ", ".join(parts).lower() or _("before the first part")
            rows.append(("facilitated" if index == 0 else "", f"{handle} ({held})"))
    labels = {key: _(label) for key, label in _LABELS.items()}
    width = max(len(label) for label in labels.values()) + 3
    return Content("\n".join(f"{labels.get(key, ''):<{width}}{value}" for key, value in rows))


class MeetingSummaryScreen(CircleScreen):
    BINDINGS = [Binding("escape,enter", "done", N_("Back to groups"))]

    def __init__(self, group: Group, result: MeetingSummary, *, session_id: str = "") -> None:
        super().__init__()
        self.group = group
        self.result = result
        self.session_id = session_id

    def compose(self) -> ComposeResult:
        yield Static(one_line(_("{group} · meeting closed").format(group=self.group.name)), classes="title")
        yield Static(summary_lines(self.result), id="summary")
        yield Static(
            _(
                "That is all circle keeps of this meeting: these counts and who came. Who spoke when, and for how"
                " long, was let go as it closed."
            ),
            classes="hint",
        )
        rules = self.group.rules
        if rules.notes is NotesPolicy.BRIEF and self.session_id:
            yield Static(
                _(
                    "Debrief, if you want one: a brief line for facilitators only (up to {count}"
                    " characters, never naming anyone who was not here). Enter keeps it; Escape skips it."
                ).format(count=rules.brief_note_cap),
                id="debrief-hint",
                classes="hint",
            )
            yield Input(placeholder=_("How did the meeting go?"), id="debrief", max_length=rules.brief_note_cap)
        yield Footer()

    @on(Input.Submitted, "#debrief")
    def keep_debrief(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.dismiss()
            return
        try:
            self.workspace.add_debrief(self.group.id, self.session_id, event.value)
        except CircleError as error:
            self.query_one("#debrief-hint", Static).update(Content(_("{error} Change it, or Escape to skip.").format(error=error)))
            return
        event.input.disabled = True
        days = self.group.rules.notes_retention_days
        self.query_one("#debrief-hint", Static).update(
            _("Debrief kept, for facilitators only, for {days} days. Enter or Escape: back to your groups.").format(
                days=days
            )
        )
        self.set_focus(None)

    def action_done(self) -> None:
        self.dismiss()
