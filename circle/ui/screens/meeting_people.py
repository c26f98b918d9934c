"""The meeting screen's keys for the person highlighted in the list: here or not, left early, the sharing
queue, and stepping out with a co-facilitator. The screen itself (meeting.py) supplies the meeting."""

from __future__ import annotations

import asyncio

from textual import on
from textual.widgets import DataTable

from circle.domain.session import commands as cmd
from circle.language import _
from circle.ui.screens.base import FAILED, CircleScreen
from circle.ui.screens.dialogs import Confirm
from circle.ui.text import plain
from circle.ui.widgets.meeting.people_table import PeopleTable
from circle.workspace import Meeting, VaultLocked


class PeopleKeys(CircleScreen):
    """A base of MeetingScreen: each key here acts on the highlighted person through one engine command."""

    @property
    def meeting(self) -> Meeting:
        raise NotImplementedError

    def command(self, command: cmd.Command) -> None:
        """The command, then this screen; the room display is told once this screen is repainted."""
        meeting = self.meeting
        if self.attempt(meeting.do, command, publish=False) is not FAILED:
            self.call_after_refresh(self._tell_the_room_after_the_repaint, meeting)
        self.refresh_state()

    async def _tell_the_room_after_the_repaint(self, meeting: Meeting) -> None:
        """Textual runs a screen's after-refresh callbacks as soon as it is idle with nothing to repaint, and this
        screen, busy with the key already, goes idle before its widgets have asked for their repaint: told from
        there, the room (a file written and swapped in, half a millisecond) would keep the key's repaint waiting.
        One turn of the event loop lets the widgets ask; then the callback waits for the repaint itself."""
        await asyncio.sleep(0)
        self.call_after_refresh(self._tell_the_room, meeting)

    def _tell_the_room(self, meeting: Meeting) -> None:
        """Unless the vault locked in the meantime, letting go of the meeting and its key."""
        try:
            still_here = self.meeting is meeting
        except VaultLocked:
            return
        if still_here:
            meeting.publish_to_room()

    def refresh_state(self) -> None:
        raise NotImplementedError

    def _highlighted(self) -> str | None:
        return self.query_one(PeopleTable).highlighted_member

    @on(DataTable.RowSelected, "#people")
    def action_toggle_here(self) -> None:
        member = self._highlighted()
        if member is None:
            return
        if member in self.meeting.state.present:
            self._mark_left(member)
        else:
            self.command(cmd.Arrive(member))

    def action_left_early(self) -> None:
        member = self._highlighted()
        if member is not None and member in self.meeting.state.present:
            self._mark_left(member)

    def _mark_left(self, member: str) -> None:
        """Before the meeting begins this only corrects the register; once it has, leaving is kept as
        "left early" and ends a turn, so one stray Enter must not do it: ask first."""
        state = self.meeting.state
        if not state.is_started:
            self.command(cmd.Leave(member))
            return
        name = self.meeting.name(member)
        if state.speaker == member:
            asked = _("Mark {name} as left early? Their turn ends now.").format(name=name)
        else:
            asked = _("Mark {name} as left early?").format(name=name)
        question = plain(asked)  # a name is shown literally, never as markup
        self.app.push_screen(Confirm(question), lambda sure: sure and self.command(cmd.Leave(member)))

    def action_enqueue(self) -> None:
        member = self._highlighted()
        if member is not None:
            self.command(cmd.Enqueue(member))

    def action_dequeue(self) -> None:
        member = self._highlighted()
        if member is not None:
            self.command(cmd.Dequeue(member))

    def action_move(self, step: int) -> None:
        member = self._highlighted()
        queue = self.meeting.state.queue
        if member in queue:
            self.command(cmd.MoveInQueue(member, max(0, queue.index(member) + step)))

    def action_step_out(self) -> None:
        """The highlighted person stepped out with the co-facilitator, or is back."""
        member = self._highlighted()
        if member is None:
            return
        if member in self.meeting.state.stepped_out:
            self.attempt(self.meeting.step_back, member)
        else:
            flag = self.attempt(self.meeting.step_out, member)
            if flag is not FAILED:
                if flag:
                    self.say(_("Stepped out, with a follow-up flag. Their turn waits; s marks them back."))
                else:
                    self.say(_("Stepped out. Their turn waits; s marks them back."))
        self.refresh_state()

