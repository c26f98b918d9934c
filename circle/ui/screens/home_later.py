"""Home's place beneath a meeting that unlocking goes straight back to; home is made when the meeting is left.

A meeting can run for hours, and home (its table of every group, its keys, its module) is not seen for any of
them: until the facilitator leaves the meeting, this blank screen stands where home will be. It says at once
what home says on arriving, so nothing waits for the meeting's end that the facilitator would have seen before.
"""

from __future__ import annotations

from circle.language import _
from circle.ui.screens.base import CircleScreen


class HomeLater(CircleScreen):
    def on_mount(self) -> None:
        report_purge(self)

    def on_screen_resume(self) -> None:
        # Resumed on top: the meeting above was left (closed, or stepped away from). Pushed beneath it at
        # unlock, it is resumed too, under the meeting already: nothing to make yet.
        if self.app.screen is self:
            from circle.ui.screens.home import HomeScreen

            self.app.switch_screen(HomeScreen(purge_reported=True))


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
