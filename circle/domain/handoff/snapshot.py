"""A group as one laptop knows it, as a handoff carries it, and the plan for merging one into a vault."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from circle.domain.errors import CircleError, InvalidInput
from circle.domain.group import Group
from circle.domain.notes import Note
from circle.domain.records import AttendanceRecord, MeetingRecord, MeetingStatus
from circle.domain.session import Event
from circle.domain.signing import SigningKey
from circle.language import N_

# 2: a group's profile may hold parts, prompts, topics and schedules that a reader of 1 would silently drop, so
# such a reader refuses it whole. A payload of 1 holds nothing this reader does not know.
# 3: the profile names the language the group meets in. A reader of 2 would drop it, speak English to the room, and
# hand the group back as English, so a group that meets in another language goes out as 3 and such a reader refuses
# it whole; an English group's payload is still 2, as before, for co-facilitators who have not updated yet.
PAYLOAD_VERSION = 2
PAYLOAD_VERSION_WITH_LANGUAGE = 3
READABLE_PAYLOAD_VERSIONS = frozenset({1, PAYLOAD_VERSION, PAYLOAD_VERSION_WITH_LANGUAGE})


class HandoffUnreadable(InvalidInput):
    message = N_("The handoff opened, but what it holds could not be read; nothing was imported.")


class TwoMeetingsOpen(CircleError):
    message = N_("This group has a different meeting open here; close it before importing. Nothing was imported.")


@dataclass(frozen=True)
class MemberEntry:
    id: str
    created_at: datetime
    joined_on: date | None
    name: str | None  # None once forgotten, and in groups that keep no names
    forgotten: bool = False  # forgotten on purpose (erased, or by retention) in a group that keeps names


@dataclass(frozen=True)
class MeetingEntry:
    record: MeetingRecord
    attendance: tuple[AttendanceRecord, ...] = ()
    events: tuple[Event, ...] = ()  # only while the meeting is open

    @property
    def is_open(self) -> bool:
        return self.record.status is MeetingStatus.OPEN


@dataclass(frozen=True)
class GroupSnapshot:
    group: Group
    settings_changed_at: datetime | None
    facilitators: Mapping[str, str]  # facilitator id -> handle
    members: tuple[MemberEntry, ...]
    meetings: tuple[MeetingEntry, ...]
    notes: tuple[Note, ...]
    signing: SigningKey | None = None  # the group's signing key for lead bundles (docs/FORMAT.md 13.8)
    # The meetings discarded here, or learnt of by a handoff, each with the status its copy had: id -> status.
    discarded: Mapping[str, MeetingStatus] = field(default_factory=dict)


@dataclass(frozen=True)
class DiscardPlan:
    """The discards to keep here after a merge (`discards.py` says how they are weighed)."""

    remembered: Mapping[str, MeetingStatus] = field(default_factory=dict)  # all of them, as `discarded` holds them
    changed: bool = False  # whether `remembered` differs from the discards kept here now
    deleted: frozenset[str] = frozenset()  # meetings held here that the other laptop discarded
    kept: frozenset[str] = frozenset()  # meetings held here that went further than their discard there
    back: frozenset[str] = frozenset()  # meetings discarded here that went further there: they come in again


@dataclass(frozen=True)
class MergePlan:
    settings: Group | None = None  # the group to store (name, profile; and rules for a new group)
    settings_changed_at: datetime | None = None
    facilitators: Mapping[str, str] = field(default_factory=dict)
    members: tuple[MemberEntry, ...] = ()
    new_meetings: tuple[MeetingEntry, ...] = ()
    uncancelled: tuple[str, ...] = ()  # dates cancelled here on which the group met, as the payload shows
    replaced_meetings: tuple[MeetingEntry, ...] = ()  # closed there: their record replaces ours
    merged_logs: tuple[MeetingEntry, ...] = ()  # both open: the merged log replaces ours
    notes: tuple[Note, ...] = ()
    notes_left_out: int = 0  # notes this vault's rules would not have kept, had they been entered here
    resolved: Mapping[str, datetime] = field(default_factory=dict)  # note id -> when it was done
    forget_members: tuple[str, ...] = ()  # forgotten there, still named here: forgotten here too
    events_added: int = 0
    set_aside: int = 0
    signing: SigningKey | None = None  # the group's signing key, when theirs was made later than ours
    discards: DiscardPlan = DiscardPlan()

    @property
    def changes_anything(self) -> bool:
        return any(
            (self.settings, self.facilitators, self.members, self.new_meetings, self.uncancelled,
             self.replaced_meetings, self.merged_logs, self.notes, self.resolved, self.signing, self.forget_members,
             self.discards.changed)
        )
