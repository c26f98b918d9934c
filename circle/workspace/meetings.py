"""Meetings of a group: those already held (imports, the demo), and the live one, opened or resumed.

Putting the record of past meetings right (cancel, discard, correct) is MeetingRecords' job; it is a base here
so that the facade reaches both through one service."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from circle.domain.errors import InvalidInput
from circle.domain.group import Group, Member
from circle.domain.ids import new_id
from circle.domain.records import AttendanceRecord, MeetingRecord
from circle.domain.topics import kept_topic, next_topic
from circle.language import _
from circle.store.sealing import GroupSealer
from circle.workspace.groups import Groups
from circle.workspace.meeting_records import AttendanceLine, MeetingRecords
from circle.workspace.service import WorkspaceContext

if TYPE_CHECKING:
    # A meeting's modules load with the first meeting, so that the unlock screen appears sooner.
    from circle.domain.session import LiveSession
    from circle.store.room_board import PublishedRoom
    from circle.workspace.meeting import Meeting


__all__ = ["AttendanceLine", "Meetings"]


_LONG_AGO = datetime(1970, 1, 1, tzinfo=UTC)


def _held_order(meeting: MeetingRecord) -> tuple[date, datetime]:
    """Oldest first: by day, then by start (a cancelled date has none)."""
    return meeting.held_on, meeting.started_at or _LONG_AGO


class Meetings(MeetingRecords):
    def __init__(self, context: WorkspaceContext, groups: Groups) -> None:
        super().__init__(context)
        self._groups = groups

    def record_meetings(
        self, group_id: str, meetings: list[MeetingRecord], attendance: list[AttendanceRecord]
    ) -> None:
        """Store meetings already held (imports and the demo history)."""
        sealer = self._context.sealer(group_id)
        if any(meeting.group_id != group_id for meeting in meetings):
            raise InvalidInput(_("Those meetings belong to another group."))
        if not {row.meeting_id for row in attendance} <= {meeting.id for meeting in meetings}:
            raise InvalidInput(_("That attendance belongs to meetings not being recorded."))
        self._context.repo.add_meetings(sealer, meetings, attendance)

    def set_next_meeting(self, group_id: str, on: date | None) -> None:
        self._context.sealer(group_id)
        self._context.repo.set_next_meeting(group_id, on)

    def meetings_in_progress(self) -> list[str]:
        """Ids of the groups (that this facilitator may open) with a meeting still open."""
        held = self._context.keyring
        held.require_unlocked()
        return [group_id for group_id in self._context.log.open_sessions() if group_id in held.sealers]

    def meeting(self, group_id: str) -> Meeting:
        """The group's meeting in progress, replayed from its log, or a new one opened now."""
        from circle.domain.session import ChangeFacilitator, LiveSession, Open

        context = self._context
        sealer = context.sealer(group_id)
        group = context.group(group_id)
        # Someone no longer coming is not offered at a new meeting.
        roster = [member for member in self._groups.members(group_id) if not member.retired] if group.rules.keeps_names else []
        facilitator_id = context.keyring.facilitator_id
        assert facilitator_id is not None
        session_id = context.log.open_sessions().get(group_id)
        if session_id is not None:
            live = LiveSession(context.clock, new_id, context.log.events(sealer, session_id))
            meeting = self._meeting(group, session_id, live, roster, sealer)
            if live.state.facilitator_id != facilitator_id:
                # Whoever opens a meeting someone else was running takes it over: after a hand over on
                # this laptop, or a handoff from another one. The log says who ran which part.
                meeting.do(ChangeFacilitator(facilitator_id))
            else:
                meeting.publish_to_room()
            return meeting
        session_id = new_id()
        context.log.begin(sealer, session_id, context.today(), group.profile.format.planned_minutes)
        meeting = self._meeting(group, session_id, LiveSession(context.clock, new_id), roster, sealer)
        meeting.do(Open.for_group(group, facilitator_id, self._next_topic(group_id)))
        meeting.just_opened = True
        return meeting

    def _next_topic(self, group_id: str) -> str:
        """The topic a new meeting takes: the next on the group's list that its meetings have not yet taken."""
        topics = self._context.group(group_id).profile.format.topics
        if not topics:
            return ""
        held = sorted(self.kept_meetings(group_id), key=_held_order)
        return next_topic(topics, (kept.topic for kept in held))

    def _meeting(
        self, group: Group, session_id: str, live: LiveSession, roster: list[Member], sealer: GroupSealer
    ) -> Meeting:
        from circle.store.room_board import RoomBoard
        from circle.workspace.meeting import Meeting

        context = self._context
        board = RoomBoard(context.locations.room_file)
        return Meeting(
            group, session_id, live, roster, sealer=sealer, repository=context.repo, log=context.log, board=board
        )

    def speaker_for_room(self, room: PublishedRoom) -> str:
        """The sealed first name on the room board, if this facilitator holds the group's key; else ''."""
        sealer = self._context.keyring.sealers.get(room.view.group_id)
        if room.sealed_speaker is None or sealer is None or not room.view.names_allowed:
            return ""
        return sealer.open_text("room", "speaker", room.view.session_id, room.sealed_speaker)

    def topic_for_room(self, room: PublishedRoom) -> str:
        """The meeting's sealed topic on the room board, if this facilitator holds the group's key; else ''."""
        sealer = self._context.keyring.sealers.get(room.view.group_id)
        if room.sealed_topic is None or sealer is None:
            return ""
        try:
            # Another process wrote the board: a topic that is not one clean short line is not shown.
            return kept_topic(sealer.open_text("room", "topic", room.view.session_id, room.sealed_topic))
        except ValueError:
            return ""
