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
from circle.workspace import MeetingSummary
from circle.ui.screens.base import CircleScreen
from circle.ui.days import iso_day_words
from circle.ui.text import one_line
from circle.ui.widgets.footer import Footer


def summary_lines(result: MeetingSummary) -> Content:
    counts = result.counts
    lines = [
        f"Present        {counts.headcount}",
        f"Newcomers      {len(counts.newcomers)}",
        f"Returning      {result.returning}",
        f"Late / left    {len(counts.late)} / {len(counts.left_early)}",
        f"Turns shared   {counts.shared_turns}",
        f"Turns passed   {counts.passed_turns}   (passing is participation)",
        f"Length         {round(counts.actual_minutes)} min of {counts.planned_minutes} planned",
    ]
    if counts.guests:  # counted in Present too; a headcount-only group's heads include its guests
        lines.insert(1, f"Guests         {counts.guests}   (visitors not on the roster)")
    if counts.stepped_out:
        lines.append(f"Stepped out    {counts.stepped_out}")
    if counts.topic:  # the group's words: Content keeps them literal
        lines.append(f"Topic          {counts.topic}   (the next meeting takes another)")
    if counts.next_meeting:
        lines.append(f"Next meeting   {iso_day_words(counts.next_meeting)}")
    if counts.pulse:
        tally = " · ".join(f"{answer}: {count}" for answer, count in enumerate(counts.pulse, start=1))
        lines.append(f"Pulse          {tally}")
    if len(result.facilitated) > 1:
        # Handles are people's own words: Content keeps them literal, never markup.
        for index, (handle, parts) in enumerate(result.facilitated):
            label = "Facilitated   " if index == 0 else "              "
            lines.append(f"{label} {handle} ({', '.join(parts).lower() or 'before the first part'})")
    return Content("\n".join(lines))


class MeetingSummaryScreen(CircleScreen):
    BINDINGS = [Binding("escape,enter", "done", "Back to groups")]

    def __init__(self, group: Group, result: MeetingSummary, *, session_id: str = "") -> None:
        super().__init__()
        self.group = group
        self.result = result
        self.session_id = session_id

    def compose(self) -> ComposeResult:
        yield Static(one_line(f"{self.group.name} · meeting closed"), classes="title")
        yield Static(summary_lines(self.result), id="summary")
        yield Static(
            "That is all circle keeps of this meeting: these counts and who came. Who spoke when, and for how"
            " long, was let go as it closed.",
            classes="hint",
        )
        rules = self.group.rules
        if rules.notes is NotesPolicy.BRIEF and self.session_id:
            yield Static(
                f"Debrief, if you want one: a brief line for facilitators only (up to {rules.brief_note_cap}"
                " characters, never naming anyone who was not here). Enter keeps it; Escape skips it.",
                id="debrief-hint",
                classes="hint",
            )
            yield Input(placeholder="How did the meeting go?", id="debrief", max_length=rules.brief_note_cap)
        yield Footer()

    @on(Input.Submitted, "#debrief")
    def keep_debrief(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.dismiss()
            return
        try:
            self.workspace.add_debrief(self.group.id, self.session_id, event.value)
        except CircleError as error:
            self.query_one("#debrief-hint", Static).update(Content(f"{error} Change it, or Escape to skip."))
            return
        event.input.disabled = True
        days = self.group.rules.notes_retention_days
        self.query_one("#debrief-hint", Static).update(
            f"Debrief kept, for facilitators only, for {days} days. Enter or Escape: back to your groups."
        )
        self.set_focus(None)

    def action_done(self) -> None:
        self.dismiss()
