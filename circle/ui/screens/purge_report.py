"""What the groups' rules removed at unlock, said on the first screen after it: home, or its place beneath a meeting."""

from __future__ import annotations

from circle.language import _
from circle.ui.screens.base import CircleScreen


def report_purge(screen: CircleScreen) -> None:
    """What the groups' rules removed at unlock, said once, on the first screen after it."""
    report = screen.workspace.last_purge
    if report.problem:
        screen.say(report.problem, error=True)
    elif report.removed_anything:
        screen.say(
            _("As the groups' rules say, {notes} and {people} unseen for too long were removed.").format(
                notes=report.notes_removed, people=report.people_forgotten
            )
        )
