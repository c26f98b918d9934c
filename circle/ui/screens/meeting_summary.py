"""The end of a meeting: counts for the facilitator, and nothing about what anyone said."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Static

from circle.domain.group import Group
from circle.meeting import MeetingSummary
from circle.ui.screens.base import CircleScreen
from circle.ui.text import one_line


def summary_lines(result: MeetingSummary) -> str:
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
    if counts.stepped_out:
        lines.append(f"Stepped out    {counts.stepped_out}")
    if counts.next_meeting:
        lines.append(f"Next meeting   {counts.next_meeting}")
    return "\n".join(lines)


class MeetingSummaryScreen(CircleScreen):
    BINDINGS = [Binding("escape,enter", "done", "Back to groups")]

    def __init__(self, group: Group, result: MeetingSummary) -> None:
        super().__init__()
        self.group = group
        self.result = result

    def compose(self) -> ComposeResult:
        yield Static(one_line(f"{self.group.name} · meeting closed"), classes="title")
        yield Static(summary_lines(self.result), id="summary")
        yield Static(
            "Only these counts and who attended are kept. The detailed timings are gone.", classes="hint"
        )
        yield Footer()

    def action_done(self) -> None:
        self.dismiss()
