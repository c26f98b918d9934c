"""A live meeting: commands in, sealed events committed, then the state moves on.

Every event is on disk before the screen shows its effect, so a meeting survives a crash:
reopening replays the log and lands on the same phase, speaker and timers.
"""

from __future__ import annotations

import random
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime

from circle.domain.clock import CLOCK_SLACK, Clock
from circle.domain.errors import CircleError, InvalidInput, RuleViolation
from circle.domain.facilitation import facilitated_parts
from circle.domain.group import Group, Member
from circle.domain.ids import new_id
from circle.domain.names_apart import roster_order
from circle.domain.notes import Note, NoteDraft, NoteKind, check_note_at_meeting, kept_note
from circle.domain.rules import NotesPolicy
from circle.domain.records import AttendanceRecord, MeetingRecord, MeetingStatus, Presence
from circle.domain.session.room import room_view
from circle.domain.session import (
    Arrive,
    ChooseTopic,
    Close,
    Command,
    Event,
    ROUND_PHASES,
    LiveSession,
    NextPhase,
    RecordPulse,
    RoundOrderMode,
    SessionState,
    SessionSummary,
    SetRoundOrder,
    StartPhase,
    StepBack,
    StepOut,
    summary,
)
from circle.domain.text import first_name
from circle.language import _
from circle.store.keys import KeyStore
from circle.store.notes import NoteStore
from circle.store.repository import Repository
from circle.store.room_board import PublishedRoom, RoomBoard
from circle.store.sealing import GroupSealer
from circle.store.session_log import SessionLog


@dataclass(frozen=True)
class MeetingSummary:
    """What the facilitator sees at the end: counts, and who facilitated which part. Nothing anyone said."""

    counts: SessionSummary
    returning: int
    # (handle, titles of the parts they ran), in the order they took over. Shown to facilitators only;
    # it is never written to the closed meeting's record, so it cannot reach a lead.
    facilitated: tuple[tuple[str, tuple[str, ...]], ...] = ()


class Meeting:
    def __init__(
        self,
        group: Group,
        session_id: str,
        live: LiveSession,
        roster: list[Member],
        *,
        sealer: GroupSealer,
        repository: Repository,
        log: SessionLog,
        board: RoomBoard | None = None,
    ) -> None:
        self.group = group
        self.session_id = session_id
        self._live = live
        self._roster = {member.id: member for member in roster}
        self._in_order: list[Member] | None = None  # the roster in its order, until a newcomer joins it
        self._sealer = sealer
        self._repo = repository
        self._log = log
        self._board = board
        # Not in the log: a grounding pause is for the room at this moment, not part of the meeting's record.
        since = board.grounding_since(session_id) if board is not None else None
        # The board is a file anyone with this account can write: a moment still to come is not believed.
        self.grounding_since = since if since is not None and since <= self.now() + CLOCK_SLACK else None
        # Set only where the meeting was opened just now, rather than picked up again from its log.
        self.just_opened = False

    # reading ------------------------------------------------------------------
    @property
    def state(self) -> SessionState:
        return self._live.state

    @property
    def events(self) -> tuple[Event, ...]:
        """The log so far: what happened and when, never what was said."""
        return self._live.events

    @property
    def clock(self) -> Clock:
        return self._live.clock

    def now(self) -> datetime:
        return self._live.clock.now()

    @property
    def roster(self) -> list[Member]:
        """In roster order; sorted once, not on every key."""
        if self._in_order is None:
            self._in_order = sorted(self._roster.values(), key=roster_order)
        return list(self._in_order)

    def name(self, member_id: str | None) -> str:
        member = self._roster.get(member_id or "")
        return member.shown if member else ""

    # changing -----------------------------------------------------------------
    def do(self, command: Command, *, publish: bool = True) -> SessionState:
        """Decide, commit to disk, and only then move the state on.

        With `publish` False the room display is not told: the caller calls `publish_to_room` itself, as the
        meeting screen does once its own screen is repainted, so the facilitator's key is not kept waiting.
        """
        events = self._live.propose(command)
        self._log.append(self._sealer, self.session_id, events)
        self._live.accept(events)
        if publish:
            self.publish_to_room()
        return self.state

    def publish_to_room(self) -> None:
        """Tell the room display where the meeting is: timers always, a first name only if the rules allow."""
        if self._board is None:
            return
        rules = self.group.rules
        names_allowed = rules.room_display_names and rules.keeps_names
        speaker = first_name(self.name(self.state.speaker)) if names_allowed else ""
        sealed = self._sealer.seal_text("room", "speaker", self.session_id, speaker) if speaker else None
        topic = self.state.topic
        sealed_topic = self._sealer.seal_text("room", "topic", self.session_id, topic) if topic else None
        view = room_view(self.state, self.session_id, names_allowed=names_allowed, grounding_since=self.grounding_since)
        try:
            self._board.publish(PublishedRoom(view, sealed, sealed_topic, self.group.profile.words.code))
        except OSError:
            # The room display is a convenience; the sealed log is the record, and it is already on disk.
            pass

    def ground(self, on: bool) -> None:
        """Begin or end a grounding pause: the pacer on this screen and on the room display until it ends."""
        self.grounding_since = self.now() if on else None
        self.publish_to_room()

    def note(self, draft: NoteDraft) -> Note:
        """Keep a note if the group's rules allow it; otherwise NoteRefused says why."""
        note = kept_note(
            self.group.rules,
            self._checked(draft),
            note_id=new_id(),
            group_id=self.group.id,
            session_id=self.session_id,
            at=self.now(),
        )
        NoteStore(self._repo).add(self._sealer, note)
        return note

    def _checked(self, draft: NoteDraft) -> NoteDraft:
        """The draft as the rules allow it. Here means came to this meeting: someone who left early counts."""
        roster = {member.id: member.name for member in self._roster.values()}
        return check_note_at_meeting(self.group.rules, draft, came=self.state.attended, roster=roster)

    def step_out(self, member_id: str | None = None) -> Note | None:
        """The co-facilitator went out with someone: the fact is logged, and a follow-up flag kept if notes allow.

        In a group that keeps no notes the step out is counted, and that is all.
        """
        flag = NoteDraft(NoteKind.FOLLOW_UP, member_id=member_id)
        keeps_notes = self.group.rules.notes is not NotesPolicy.NONE and not self._flagged_here(member_id)
        if keeps_notes:
            self._checked(flag)  # refused before anything is logged
        self.do(StepOut(member_id))
        return self.note(flag) if keeps_notes else None

    def _flagged_here(self, member_id: str | None) -> bool:
        """Whether this meeting already keeps an open follow-up for them: stepping out twice flags them once."""
        if member_id is None:
            return False
        return any(
            note.is_open and note.session_id == self.session_id and note.member_id == member_id
            and note.kind is NoteKind.FOLLOW_UP
            for note in NoteStore(self._repo).notes(self._sealer)
        )

    def step_back(self, member_id: str) -> SessionState:
        """They are back in the room, and in the round again if their turn is still to come."""
        return self.do(StepBack(member_id))

    def begin_part(self, index: int | None = None, *, confirmed: bool = False) -> SessionState:
        """The next part (or part `index`), with its round lined up at once in the group's default order.

        PartNotFinished (nothing logged) while people are still waiting or queued, unless `confirmed`.
        """
        state = self.state
        target = index if index is not None else (0 if state.phase_index is None else state.phase_index + 1)
        lineup = self._lineup(target)
        if index is None:
            return self.do(NextPhase(lineup=lineup, confirmed=confirmed))
        return self.do(StartPhase(index, lineup=lineup, confirmed=confirmed))

    def _lineup(self, index: int) -> tuple[str, ...] | None:
        """The people here in the default order, for a check-in or closing; None where nothing lines up."""
        state = self.state
        mode = state.round_order_default
        if mode is None or state.headcount_only or not 0 <= index < len(state.phases):
            return None
        if state.phases[index].kind not in ROUND_PHASES:
            return None
        return self._ordered(RoundOrderMode(mode))

    def add_newcomer(self, member: Member) -> SessionState:
        self._roster[member.id] = member
        self._in_order = None
        return self.do(Arrive(member.id, newcomer=True))

    def order_round(self, mode: RoundOrderMode) -> SessionState:
        return self.do(SetRoundOrder(str(mode), self._ordered(mode)))

    def _ordered(self, mode: RoundOrderMode) -> tuple[str, ...]:
        """Roster order is alphabetical; random is shuffled here, so the engine stays deterministic."""
        present = [member.id for member in self.roster if member.id in self.state.present]
        if mode is RoundOrderMode.RANDOM:
            random.SystemRandom().shuffle(present)
        elif mode is RoundOrderMode.VOLUNTEERS:
            present = []
        return tuple(present)

    def choose_topic(self, topic: str) -> SessionState:
        """Another topic from the group's list for this meeting, in place of the one it took in turn."""
        topics = self.group.profile.format.topics
        if not topics:
            raise InvalidInput("This group keeps no topics; add them in its format tab.")
        if topic not in topics:
            raise InvalidInput("That topic is not on the group's list.")
        return self.do(ChooseTopic(topic))

    def record_pulse(self, counts: tuple[int, ...]) -> SessionState:
        """The closing's anonymous show of hands. The rule is checked here, not only hidden on screen."""
        if not self.group.rules.takes_pulse:
            raise RuleViolation("This group's rules take no pulse.")
        return self.do(RecordPulse(counts))

    def close(self) -> MeetingSummary:
        """Close, then keep only counts and attendance; the detailed log is deleted."""
        if self.state.is_open:
            self.do(Close())
        counts = summary(self.state, self.now())
        returning = len(self._repo.attended_before(self._sealer, counts.present - counts.newcomers))
        started = counts.started_at or self.state.opened_at
        record = MeetingRecord(
            id=self.session_id,
            group_id=self.group.id,
            held_on=(started or self.now()).astimezone().date(),
            status=MeetingStatus.CLOSED,
            planned_minutes=counts.planned_minutes,
            started_at=started,
            ended_at=counts.closed_at,
            actual_minutes=round(counts.actual_minutes),
            headcount=counts.headcount,
            newcomers=len(counts.newcomers),
            shared_turns=counts.shared_turns,
            passed_turns=counts.passed_turns,
            pulse=counts.pulse,
            guests=counts.guests,
            topic=counts.topic,
        )
        attendance = [
            AttendanceRecord(
                meeting_id=self.session_id,
                member_id=member_id,
                presence=Presence.PRESENT if member_id in counts.present else Presence.ABSENT,
                newcomer=member_id in counts.newcomers,
                late=member_id in counts.late,
                left_early=member_id in counts.left_early,
            )
            for member_id in self._roster
        ]
        next_on = date.fromisoformat(counts.next_meeting[:10]) if counts.next_meeting else None
        self._log.close(self._sealer, record, attendance, next_on)
        self._keep_trend_history()
        return MeetingSummary(counts=counts, returning=returning, facilitated=self._facilitated())

    def _keep_trend_history(self) -> None:
        """The group's trends counted again with this meeting, and kept, so the next count opens no meeting.
        Only quicker: the meeting is closed already, and a history not kept now is worked out when next asked."""
        from circle.store.trend_facts import bring_history_up_to_date

        with suppress(CircleError):
            bring_history_up_to_date(self._repo, self._sealer)

    def _facilitated(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        handles = KeyStore(self._repo).handles(self._sealer)
        phases = self.state.phases
        # In the facilitator's words: the summary is theirs to read.
        return tuple(
            (handles.get(part.facilitator_id, _("a co-facilitator")), tuple(phases[i].name_in(_) for i in part.phases))
            for part in facilitated_parts(self.events)
        )
