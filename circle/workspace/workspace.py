"""The one facade the UI and the CLI talk to: open a vault, unlock it, and work with groups.

It holds a keyring and one small service for each part of the work, all built from the same repository,
keyring and clock (a WorkspaceContext); each method here hands the call to the service that does it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from circle.domain.clock import SystemClock
from circle.domain.errors import CircleError
from circle.files import ensure_private_dir
from circle.language import _
from circle.paths import locations
from circle.store.db import open_database
from circle.store.format_versions import CURRENT_GROUP_FORMAT
from circle.store.repository import Repository
from circle.workspace.facilitator_calls import FacilitatorCalls
from circle.workspace.record_care import RecordCare
from circle.workspace.service import SETTINGS, WorkspaceContext

if TYPE_CHECKING:
    from circle.domain.clock import Clock
    from circle.domain.group import Group, Member
    from circle.domain.handoff import GroupSnapshot
    from circle.domain.notes import Note
    from circle.domain.records import AttendanceRecord, MeetingRecord
    from circle.domain.retention import RetentionPlan
    from circle.domain.roster import RosterEntry
    from circle.domain.rules import ConfidentialityRules
    from circle.domain.trends.compute import Attendance, MeetingFacts, TrendReport
    from circle.domain.trends.history import History
    from circle.domain.trends.periods import Period
    from circle.paths import Locations
    from circle.store.keys import KeyStore
    from circle.store.lock import VaultLock
    from circle.store.room_board import PublishedRoom
    from circle.store.sealing import GroupSealer
    from circle.store.trend_facts import SealedFacts
    from circle.store.trend_history import SealedHistory
    from circle.vault.keyring import KdfParams
    from circle.workspace.derivation import OpenedKey, UnlockAttempt
    from circle.workspace.facilitators import Facilitators
    from circle.workspace.groups import GroupOverview, Groups
    from circle.workspace.handoff import Handoff, HandoffExchange, HandoffImported, HandoffToOpen, HandoffToSeal
    from circle.workspace.keyring import Keyring
    from circle.workspace.lead_export import LeadExport
    from circle.workspace.meeting import Meeting
    from circle.workspace.meetings import Meetings
    from circle.workspace.notes import FollowUp, Notes
    from circle.workspace.retention import PurgeReport, Retention
    from circle.workspace.roster import Roster
    from circle.workspace.trends import Trends


class Workspace(FacilitatorCalls, RecordCare):
    """An open vault. Create it with `Workspace.open()`; close it (or use `with`) to release the vault."""

    def __init__(
        self, where: Locations, repository: Repository, lock: VaultLock | None, clock: Clock,
        kdf: KdfParams | None = None,
    ) -> None:
        self.locations = where
        self._repo = repository
        self._lock = lock
        self._context = WorkspaceContext(where, repository, lock is not None, clock, kdf)
        self._last_purge: PurgeReport | None = None

    # The services the unlock screen does not need are made, and their modules loaded, when first used:
    # that keeps the unlock screen's start-up as short as a bare app's.
    @cached_property
    def _facilitators(self) -> Facilitators:
        from circle.workspace.facilitators import Facilitators

        return Facilitators(self._context)

    @cached_property
    def _retention(self) -> Retention:
        from circle.workspace.retention import Retention

        return Retention(self._context)

    @property
    def last_purge(self) -> PurgeReport:
        """What this unlock's purge forgot: nothing until it has run."""
        if self._last_purge is None:
            from circle.workspace.retention import PurgeReport

            self._last_purge = PurgeReport()
        return self._last_purge

    @last_purge.setter
    def last_purge(self, report: PurgeReport) -> None:
        self._last_purge = report

    @cached_property
    def _groups(self) -> Groups:
        from circle.workspace.groups import Groups

        return Groups(self._context)

    @cached_property
    def _meetings(self) -> Meetings:
        from circle.workspace.meetings import Meetings

        return Meetings(self._context, self._groups)

    @cached_property
    def _notes(self) -> Notes:
        from circle.workspace.notes import Notes

        return Notes(self._context, self._groups)

    @cached_property
    def _handoff(self) -> HandoffExchange:
        from circle.workspace.handoff import HandoffExchange

        return HandoffExchange(self._context, self._meetings)

    @cached_property
    def _roster(self) -> Roster:
        from circle.workspace.roster import Roster

        return Roster(self._context, self._groups)

    @cached_property
    def _trends(self) -> Trends:
        from circle.workspace.trends import Trends

        return Trends(self._context)

    @cached_property
    def _lead_export(self) -> LeadExport:
        from circle.workspace.lead_export import LeadExport

        return LeadExport(self._context, self._trends)

    # opening and closing ----------------------------------------------------
    @classmethod
    def open(
        cls, home: Path | str | None = None, *, clock: Clock | None = None, kdf: KdfParams | None = None
    ) -> Workspace:
        """`kdf` stretches the passphrases chosen and the handoff codes made here; None: the safe defaults."""
        from circle.store.lock import VaultLock  # a writer's alone: a read-only view never loads it

        where = locations(home)
        ensure_private_dir(where.data)
        lock = VaultLock(where.lock_file)
        try:
            lock.acquire()
        except OSError as error:
            raise CircleError(
                _("Cannot use the folder {path}: {problem}.").format(path=where.data, problem=error.strerror or error)
            ) from None
        try:
            db = open_database(where.vault_file)
        except BaseException:
            lock.release()
            raise
        return cls(where, Repository(db, where.vault_file, lock), lock, clock or SystemClock(), kdf)

    @classmethod
    def open_to_read(cls, where: Locations) -> Workspace:
        """A read-only view beside a running circle (no writer lock), for the room display's names."""
        if not where.vault_file.exists():
            raise CircleError(_("There is no vault here yet; run 'circle' first."))
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

    @property
    def clock(self) -> Clock:
        return self._context.clock

    @clock.setter
    def clock(self, clock: Clock) -> None:
        self._context.clock = clock

    # keys --------------------------------------------------------------------
    @property
    def _keyring(self) -> Keyring:
        return self._context.keyring

    @property
    def is_new(self) -> bool:
        return not self._repo.has_facilitators()

    @property
    def format_update_due(self) -> bool:
        """Whether some group is still in an older format, which the next unlock that may write brings up to
        date: once, and on a vault of years long enough that a facilitator should be told."""
        return self._context.can_write and self._repo.groups_below(CURRENT_GROUP_FORMAT) > 0

    @property
    def is_unlocked(self) -> bool:  # nobody is before a passphrase was first tried, which makes the keyring
        return self._context.made_keyring is not None and self._context.made_keyring.is_unlocked

    @property
    def facilitator_id(self) -> str:
        self._keyring.require_unlocked()
        return self._keyring.facilitator_id or ""

    @property
    def facilitator_handle(self) -> str:
        self._keyring.require_unlocked()
        return self._keyring.handle or ""

    def unlock(self, passphrase: str, *, accept_changes: bool = False, rows_as_read: bool = False) -> None:
        """Try the passphrase against each facilitator's slot; a wrong one raises WrongPassphrase.

        A vault changed outside circle raises VaultChangedOutside and nothing is written, unless
        `accept_changes`: then the facilitator goes on with it as it is. Then what the rules no longer allow
        is removed (not in a read-only view). `rows_as_read`: see Keyring.begin_unlock.
        """
        attempt = self.begin_unlock(rows_as_read=rows_as_read)
        self.finish_unlock(attempt.open_with(passphrase), accept_changes=accept_changes)

    def begin_unlock(self, *, rows_as_read: bool = False) -> UnlockAttempt:
        """Unlocking in three steps, for a UI that keeps the vault on one thread: this reads what the
        passphrase is tried against; `open_with(passphrase)` on it (slow, no vault) may run on a worker;
        `finish_unlock` with its result, on the vault's thread again, unlocks or raises WrongPassphrase."""
        return self._keyring.begin_unlock(rows_as_read=rows_as_read)

    def finish_unlock(self, opened: OpenedKey | None, *, accept_changes: bool = False) -> None:
        self._keyring.finish_unlock(opened, accept_changes=accept_changes)
        if self._context.can_write:
            self.last_purge = self.purge()

    def lock(self) -> None:
        if self._context.made_keyring is not None:
            self._context.made_keyring.lock()

    # For the benchmarks (and the test that keys are let go at a lock), which measure against the keys
    # themselves; nothing in circle reads these.
    @property
    def _sealers(self) -> dict[str, GroupSealer]:
        return self._keyring.sealers

    @property
    def _keys(self) -> KeyStore:
        return self._keyring.keys

    # demo -------------------------------------------------------------------
    @property
    def is_demo(self) -> bool:
        return self._repo.meta("demo") == "1"

    def mark_as_demo(self) -> None:
        self._repo.set_meta("demo", "1")

    # groups and members -----------------------------------------------------
    def create_group(self, name: str, template_key: str | None = None, language: str | None = None) -> Group:
        """`template_key`: one of domain.templates' keys, None for the default one; `language`: the group's,
        None for the facilitator's."""
        return self._groups.create_group(name, template_key, language)

    def group(self, group_id: str) -> Group:
        return self._context.group(group_id)

    def group_name(self, group_id: str) -> str:
        return self._context.repo.group_name(self._context.sealer(group_id, reads=SETTINGS))

    def save_group(self, group: Group) -> Group:
        return self._groups.save_group(group)

    def groups(self) -> list[GroupOverview]:
        return self._groups.groups()

    def next_meeting_day(self, group_id: str, after: date) -> date | None:
        return self._groups.next_meeting_day(group_id, after)

    def find_group(self, name: str) -> Group:
        return self._groups.find_group(name)

    def members(self, group_id: str) -> list[Member]:
        return self._groups.members(group_id)

    def add_member(self, group_id: str, typed_name: str, joined_on: date | None = None) -> Member:
        from circle.domain.roster import RosterEntry

        return self._groups.add_members(group_id, [RosterEntry(typed_name, joined_on)])[0]

    def add_members(self, group_id: str, entries: list[RosterEntry]) -> list[Member]:
        return self._groups.add_members(group_id, entries)

    # meetings ---------------------------------------------------------------
    def record_meetings(
        self, group_id: str, meetings: list[MeetingRecord], attendance: list[AttendanceRecord]
    ) -> None:
        self._meetings.record_meetings(group_id, meetings, attendance)

    def set_next_meeting(self, group_id: str, on: date | None) -> None:
        self._meetings.set_next_meeting(group_id, on)

    def meetings_in_progress(self) -> list[str]:
        return self._meetings.meetings_in_progress()

    def meeting(self, group_id: str) -> Meeting:
        return self._meetings.meeting(group_id)

    def speaker_for_room(self, room: PublishedRoom) -> str:
        return self._meetings.speaker_for_room(room)

    def topic_for_room(self, room: PublishedRoom) -> str:
        return self._meetings.topic_for_room(room)

    # notes ------------------------------------------------------------------
    def notes(self, group_id: str) -> list[Note]:
        return self._notes.notes(group_id)

    def follow_ups(self) -> list[FollowUp]:
        return self._notes.follow_ups()

    def follow_ups_due(self) -> int:
        return self._notes.follow_ups_due()

    def add_debrief(self, group_id: str, session_id: str, text: str) -> Note:
        return self._notes.add_debrief(group_id, session_id, text)

    def resolve_note(self, group_id: str, note_id: str) -> None:
        self._notes.resolve_note(group_id, note_id)

    # retention --------------------------------------------------------------
    def purge(self) -> PurgeReport:
        return self._retention.purge()

    def plan_rules(self, group_id: str, rules: ConfidentialityRules) -> RetentionPlan:
        return self._retention.plan_rules(group_id, rules)

    def change_rules(self, group_id: str, rules: ConfidentialityRules) -> RetentionPlan:
        return self._retention.change_rules(group_id, rules)

    # handoff ----------------------------------------------------------------
    def export_handoff(self, group_id: str, *, kdf: KdfParams | None = None) -> Handoff:
        return self._handoff.export_handoff(group_id, kdf)

    def write_handoff(self, group_id: str, path: Path) -> str:
        return self._handoff.write_handoff(group_id, path)

    def begin_export(self, group_id: str) -> HandoffToSeal:
        """`write_handoff` in three steps: this; `seal()` on it (slow, no vault); `finish_write_handoff`."""
        return self._handoff.begin_export(group_id, None)

    def import_handoff(self, data: bytes, code: str) -> HandoffImported:
        return self._handoff.import_handoff(data, code)

    def begin_import(self, data: bytes) -> HandoffToOpen:
        """`import_handoff` in three steps: this; `open_with(code)` on it (slow, no vault); `finish_import`."""
        return self._handoff.begin_import(data)

    def finish_import(self, theirs: GroupSnapshot) -> HandoffImported:
        return self._handoff.finish_import(theirs)

    # trends and leads -------------------------------------------------------
    def trend_facts(self, group_ids: list[str]) -> tuple[list[MeetingFacts], list[Attendance]]:
        return self._trends.trend_facts(group_ids)

    def sealed_trend_facts(self, group_ids: list[str]) -> SealedFacts:
        """What trends read, not yet opened: `.histories()` and `.to_keep()` on it need no vault, so they may run
        on a worker; `keep_trend_histories` keeps what they worked out, on the vault's thread again."""
        return self._trends.sealed_facts(group_ids)

    def keep_trend_histories(self, histories: Sequence[SealedHistory]) -> None:
        self._trends.keep_histories(histories)

    def trend_histories(self, group_ids: list[str]) -> dict[str, History]:
        """Each group's history as trends count it: kept, or worked out from its meetings and kept."""
        return self._trends.histories(group_ids)

    def trends(self, group_ids: Iterable[str] | None = None, *, by: Period | str = "week", since: date | None = None,
               until: date | None = None, meetings: bool = True) -> TrendReport:
        """By week unless asked (a string: Period loads with the engine). meetings=False: the periods alone."""
        if not meetings:
            return self._trends.period_trends(group_ids, by=by, since=since, until=until)
        return self._trends.trends(group_ids, by=by, since=since, until=until)

    def dropped_off_names(self, group_id: str, *, since: date | None = None, until: date | None = None) -> list[str]:
        return self._trends.dropped_off_names(group_id, since=since, until=until)

    def export_for_lead(self, public_key_text: str, group_ids: Iterable[str] | None = None) -> bytes:
        return self._lead_export.export_for_lead(public_key_text, group_ids)

    def lead_fingerprint(self, group_id: str) -> str:
        return self._lead_export.fingerprint(group_id)
