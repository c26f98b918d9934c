"""Home's place beneath a meeting that unlocking goes straight back to; home is made when the meeting is left.

A meeting can run for hours, and home (its table of every group, its keys, its module) is not seen for any of
them: until the facilitator leaves the meeting, this blank screen stands where home will be. It says at once
what home says on arriving, so nothing waits for the meeting's end that the facilitator would have seen before.
"""

from __future__ import annotations

from circle.ui.screens.base import CircleScreen
from circle.ui.screens.purge_report import report_purge


class HomeLater(CircleScreen):
    def on_mount(self) -> None:
        report_purge(self)

    def on_screen_resume(self) -> None:
        # Resumed on top: the meeting above was left (closed, or stepped away from). Pushed beneath it at
        # unlock, it is resumed too, under the meeting already: nothing to make yet.
        if self.app.screen is self:
            from circle.ui.screens.home import HomeScreen

            self.app.switch_screen(HomeScreen(purge_reported=True))
