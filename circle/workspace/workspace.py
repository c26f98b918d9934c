"""The one facade the UI and the CLI talk to: open a vault, unlock it, and work with groups."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from circle.domain.clock import Clock, SystemClock, today
from circle.domain.errors import CircleError, InvalidInput
from circle.domain.group import Group, Member, group_name
from circle.domain.notes import Note, NoteDraft, NoteKind, check_note_at_meeting, kept_note
from circle.domain.retention import RetentionPlan, expired, tightening
from circle.domain.rules import ConfidentialityRules
from circle.domain.records import AttendanceRecord, MeetingRecord
from circle.domain.roster import RosterEntry
from circle.domain.templates import DEFAULT_TEMPLATE, template
from circle.domain.text import sanitise_line
from circle.files import ensure_private_dir
from circle.paths import Locations, locations
from circle.store.db import open_database
from circle.store.lock import VaultLock
from circle.store.notes import NoteStore
from circle.store.repository import Repository
from circle.store.sealing import GroupSealer
from circle.store.session_log import SessionLog
from circle.vault import crypto
from circle.workspace.handoff import HandoffExchange
from circle.workspace.keys import FacilitatorKeys, UnknownGroup, VaultLocked, new_id
from circle.workspace.lead_export import LeadExport
from circle.workspace.trends import TrendsReader

__all__ = ["MeetingStillOpen", "UnknownGroup", "VaultLocked", "Workspace"]

if TYPE_CHECKING:
    # A meeting's modules load with the first meeting, so that the unlock screen appears sooner.
    from circle.domain.session import LiveSession
    from circle.workspace.meeting import Meeting
    from circle.store.room_board import PublishedRoom


class MeetingStillOpen(CircleError):
    message = "Close the meeting in progress before changing what is kept about people."


@dataclass(frozen=True)
class FollowUp:
    """An open follow-up or safety action, with the group and the person it is about (if anyone)."""

    group_id: str
    group_name: str
    note: Note
    member_name: str


@dataclass(frozen=True)
class PurgeReport:
    notes: int = 0
    people: int = 0
    problem: str = ""  # one line, when the purge could not finish; it is tried again at the next unlock


@dataclass(frozen=True)
class GroupOverview:
    id: str
    name: str
    last_held_on: date | None
    next_meeting_on: date | None
    meetings_held: int
    members: int


class Workspace(FacilitatorKeys, HandoffExchange, TrendsReader, LeadExport):
    """An open vault. Create it with `Workspace.open()`; close it (or use `with`) to release the vault."""

    def __init__(self, where: Locations, repository: Repository, lock: VaultLock | None, clock: Clock) -> None:
        self.locations = where
        self._repo = repository
        self._log = SessionLog(repository)
        self._lock = lock
        self.clock = clock
        self._init_keys(repository)
        self._notes = NoteStore(repository)
        self.last_purge = PurgeReport()

    # opening and closing ----------------------------------------------------
    @classmethod
    def open(cls, home: Path | str | None = None, *, clock: Clock | None = None) -> Workspace:
        where = locations(home)
        ensure_private_dir(where.data)
        lock = VaultLock(where.lock_file)
        try:
            lock.acquire()
        except OSError as error:
            raise CircleError(f"Cannot use the folder {where.data}: {error.strerror or error}.") from None
        try:
            db = open_database(where.vault_file)
        except BaseException:
            lock.release()
            raise
        return cls(where, Repository(db, where.vault_file), lock, clock or SystemClock())

    @classmethod
    def open_to_read(cls, where: Locations) -> Workspace:
        """A read-only view beside a running circle (no writer lock), for the room display's names."""
        if not where.vault_file.exists():
            raise CircleError("There is no vault here yet; run 'circle' first.")
        db = open_database(where.vault_file, read_only=True)
        return cls(where, Repository(db, where.vault_file), None, SystemClock())

    def close(self) -> None:
        self.lock()
        self._repo.conn.close()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _can_write(self) -> bool:
        return self._lock is not None

    def _after_unlock(self) -> None:
        if self._can_write():
            self.last_purge = self.purge()

    # demo -------------------------------------------------------------------
    @property
    def is_demo(self) -> bool:
        return self._repo.meta("demo") == "1"

    def mark_as_demo(self) -> None:
        self._repo.set_meta("demo", "1")

    # groups -------------------------------------------------------------------
    def create_group(self, name: str, template_key: str = DEFAULT_TEMPLATE) -> Group:
        self._require_unlocked()
        chosen = template(template_key)
        group = Group(id=new_id(), name=group_name(name), profile=chosen.profile, rules=chosen.rules)
        sealer = GroupSealer(group.id, crypto.new_key(), key_version=1)
        with self._repo.writing():
            self._repo.add_group(sealer, group, self.clock.now())
            self._give_group_key(sealer)
        return group

    def group(self, group_id: str) -> Group:
        return self._repo.group(self._sealer(group_id))

    def save_group(self, group: Group) -> Group:
        """Store edited settings; the name is sanitised again whatever the caller did.

        The rules are kept as they are: they change only through `change_rules`, which applies them to
        what is already kept.
        """
        group = replace(group, name=group_name(group.name), rules=self.group(group.id).rules)
        self._repo.update_group(self._sealer(group.id), group, self.clock.now())
        return group

    def groups(self) -> list[GroupOverview]:
        self._require_unlocked()
        dates = self._repo.meeting_dates()
        counts = self._repo.member_counts()
        on = today(self.clock)
        overviews = []
        for group_id in self._sealers:
            group = self.group(group_id)
            meeting = dates[group_id]
            upcoming = meeting.next_meeting_on
            if upcoming is None or upcoming < on:
                upcoming = group.profile.schedule.next_after(on - timedelta(days=1))
            overviews.append(
                GroupOverview(
                    id=group_id,
                    name=group.name,
                    last_held_on=meeting.last_held_on,
                    next_meeting_on=upcoming,
                    meetings_held=meeting.meetings_held,
                    members=counts.get(group_id, 0),
                )
            )
        return sorted(overviews, key=lambda overview: overview.name.casefold())

    def find_group(self, name: str) -> Group:
        """A group by its name (case-insensitive), for the CLI."""
        wanted = sanitise_line(name).casefold()
        for overview in self.groups():
            if overview.name.casefold() == wanted:
                return self.group(overview.id)
        raise UnknownGroup()

    # members ------------------------------------------------------------------
    def members(self, group_id: str) -> list[Member]:
        found = self._repo.members(self._sealer(group_id))
        return sorted(found, key=lambda member: member.name.casefold())

    def add_member(self, group_id: str, typed_name: str, joined_on: date | None = None) -> Member:
        return self.add_members(group_id, [RosterEntry(typed_name, joined_on)])[0]

    def add_members(self, group_id: str, entries: list[RosterEntry]) -> list[Member]:
        """Add people as the group's names rule allows (first name, initials, or not at all)."""
        rules = self.group(group_id).rules
        members = [
            Member(id=new_id(), name=rules.name_to_keep(entry.name), joined_on=entry.joined_on or today(self.clock))
            for entry in entries
        ]
        if not members:
            raise InvalidInput("There is nobody to add.")
        self._repo.add_members(self._sealer(group_id), members, self.clock.now())
        return members


    # meetings -----------------------------------------------------------------
    def record_meetings(
        self, group_id: str, meetings: list[MeetingRecord], attendance: list[AttendanceRecord]
    ) -> None:
        """Store meetings already held (imports and the demo history)."""
        self._sealer(group_id)
        if any(meeting.group_id != group_id for meeting in meetings):
            raise InvalidInput("Those meetings belong to another group.")
        self._repo.add_meetings(meetings, attendance)

    def set_next_meeting(self, group_id: str, on: date | None) -> None:
        self._sealer(group_id)
        self._repo.set_next_meeting(group_id, on)

    # live meetings --------------------------------------------------------------
    def meetings_in_progress(self) -> list[str]:
        """Ids of the groups (that this facilitator may open) with a meeting still open."""
        self._require_unlocked()
        return [group_id for group_id in self._log.open_sessions() if group_id in self._sealers]

    def meeting(self, group_id: str) -> Meeting:
        """The group's meeting in progress, replayed from its log, or a new one opened now."""
        from circle.domain.session import ChangeFacilitator, LiveSession, Open

        sealer = self._sealer(group_id)
        group = self.group(group_id)
        roster = self.members(group_id) if group.rules.keeps_names else []
        session_id = self._log.open_sessions().get(group_id)
        if session_id is not None:
            live = LiveSession(self.clock, new_id, self._log.events(sealer, session_id))
            meeting = self._meeting(group, session_id, live, roster, sealer)
            if live.state.facilitator_id != self._facilitator_id:
                # Whoever opens a meeting someone else was running takes it over: after a hand over on
                # this laptop, or a handoff from another one. The log says who ran which part.
                meeting.do(ChangeFacilitator(self.facilitator_id))
            else:
                meeting.publish_to_room()
            return meeting
        session_id = new_id()
        self._log.begin(sealer, session_id, today(self.clock), group.profile.format.planned_minutes)
        meeting = self._meeting(group, session_id, LiveSession(self.clock, new_id), roster, sealer)
        assert self._facilitator_id is not None
        meeting.do(Open.for_group(group, self._facilitator_id))
        return meeting

    def _meeting(
        self, group: Group, session_id: str, live: LiveSession, roster: list[Member], sealer: GroupSealer
    ) -> Meeting:
        from circle.workspace.meeting import Meeting
        from circle.store.room_board import RoomBoard

        board = RoomBoard(self.locations.room_file)
        return Meeting(
            group, session_id, live, roster, sealer=sealer, repository=self._repo, log=self._log, board=board
        )

    def speaker_for_room(self, room: PublishedRoom) -> str:
        """The sealed first name on the room board, if this facilitator holds the group's key; else ''."""
        sealer = self._sealers.get(room.view.group_id)
        if room.sealed_speaker is None or sealer is None or not room.view.names_allowed:
            return ""
        return sealer.open_text("room", "speaker", room.view.session_id, room.sealed_speaker)

    # notes ----------------------------------------------------------------------
    def notes(self, group_id: str) -> list[Note]:
        return self._notes.notes(self._sealer(group_id))

    def follow_ups(self) -> list[FollowUp]:
        """Every open follow-up and safety action in the groups this facilitator holds, oldest first."""
        due = []
        for overview in self.groups():
            open_notes = [note for note in self.notes(overview.id) if note.is_open]
            if not open_notes:
                continue  # no names to open for a group with nothing to follow up
            names = {member.id: member.name for member in self._repo.members(self._sealers[overview.id])}
            due += [FollowUp(overview.id, overview.name, note, names.get(note.member_id or "", "")) for note in open_notes]
        return sorted(due, key=lambda item: item.note.created_at)

    def follow_ups_due(self) -> int:
        """How many follow-ups are open: a count for the home screen, read without opening anything."""
        self._require_unlocked()
        return self._notes.open_count(list(self._sealers))

    def add_debrief(self, group_id: str, session_id: str, text: str) -> Note:
        """The facilitator's brief line after a meeting, checked against who came and who did not."""
        sealer = self._sealer(group_id)
        group = self.group(group_id)
        roster = {member.id: member.name for member in self.members(group_id)}
        draft = NoteDraft(NoteKind.DEBRIEF, text=text)
        kept = check_note_at_meeting(group.rules, draft, came=self._repo.attended(session_id), roster=roster)
        note = kept_note(
            group.rules, kept, note_id=new_id(), group_id=group_id, session_id=session_id, at=self.clock.now()
        )
        self._notes.add(sealer, note)
        return note

    def resolve_note(self, group_id: str, note_id: str) -> None:
        self._sealer(group_id)
        if not self._notes.resolve(group_id, note_id, self.clock.now()):
            raise InvalidInput("That follow-up is already done, or no longer kept.")

    # retention ------------------------------------------------------------------
    def purge(self) -> PurgeReport:
        """Remove what the rules no longer allow: expired notes, and people unseen for too long."""
        on = today(self.clock)
        try:
            removed_notes = self._notes.delete_expired(on)
            forgotten = 0
            meeting_open = set(self._log.open_sessions())
            stamps = {}
            for group_id, sealer in self._sealers.items():
                # People are forgotten by the day, so they are looked at once a day: in a vault of years
                # that is the slow part. People in a meeting still open wait until it closes.
                people_stamp = f"people_purged_on:{group_id}"
                people_due = group_id not in meeting_open and self._repo.meta(people_stamp) != on.isoformat()
                dated = self._notes.dated_facts(group_id)
                if not (dated or people_due):
                    continue
                rules = self.group(group_id).rules
                members = self._notes.member_facts(group_id) if people_due else []
                # Notes are opened only when someone is forgotten (to find the notes about them);
                # otherwise their plain dates are enough.
                plan = expired(rules, dated, members, on)
                notes = []
                if plan.forget_members:
                    notes = self._notes.notes(sealer)
                    plan = expired(rules, self._notes.note_facts(notes), members, on)
                if plan.removes_anything:
                    self._notes.carry_out(sealer, plan, notes)
                    removed_notes += len(plan.delete_notes)
                    forgotten += len(plan.forget_members)
                if people_due:
                    stamps[people_stamp] = on.isoformat()
            if stamps:
                self._repo.set_metas(stamps)
            if removed_notes:
                self._repo.checkpoint()
        except CircleError as error:
            return PurgeReport(problem=f"Expired notes could not all be removed yet: {error}")
        return PurgeReport(notes=removed_notes, people=forgotten)

    def plan_rules(self, group_id: str, rules: ConfidentialityRules) -> RetentionPlan:
        """Exactly what changing the group's rules to `rules` would remove from what is kept."""
        sealer = self._sealer(group_id)
        current = self.group(group_id).rules
        notes = self._notes.note_facts(self._notes.notes(sealer))
        return tightening(current, rules, notes, self._notes.member_facts(group_id), today(self.clock))

    def change_rules(self, group_id: str, rules: ConfidentialityRules) -> RetentionPlan:
        """Store new rules and apply them to what is kept, in one transaction. Returns what was removed."""
        sealer = self._sealer(group_id)
        plan = self.plan_rules(group_id, rules)
        if plan.touches_people and group_id in self._log.open_sessions():
            raise MeetingStillOpen()
        group = replace(self.group(group_id), rules=rules)
        self._notes.carry_out(sealer, plan, self._notes.notes(sealer), new_rules_for=group)
        return plan
