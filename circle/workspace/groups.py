"""Groups and their members: create, list, find by name, edit settings, add people."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from circle.domain.clock import local_zone
from circle.domain.errors import InvalidInput
from circle.domain.group import Group, Member, Schedule, group_name
from circle.domain.ids import new_id
from circle.domain.names_apart import roster_order, told_apart
from circle.domain.records import MeetingRecord, MeetingStatus
from circle.domain.roster import RosterEntry
from circle.domain.text import sanitise_line
from circle.language import current, words_for
from circle.store.meeting_list import kept_meetings
from circle.store.sealing import GroupSealer
from circle.vault import crypto
from circle.workspace.refusals import UnknownGroup
from circle.workspace.service import SETTINGS, Service

# How many cancelled meeting days in a row are looked past for the next one: more than a year of weekly meetings.
_CANCELLED_IN_A_ROW = 60


@dataclass(frozen=True)
class GroupOverview:
    id: str
    name: str
    last_held_on: date | None
    next_meeting_on: date | None
    meetings_held: int
    members: int
    # The date the group would have met next was cancelled (next_meeting_on is then the one after): the cancelled
    # meeting's record, which holds the date and the reason if one was given.
    next_cancelled: MeetingRecord | None = None
    # When the next meeting starts, on this machine's wall clock.
    next_starts_at: datetime | None = None


class Groups(Service):
    def create_group(self, name: str, template_key: str | None, language: str | None = None) -> Group:
        """A new group from a template written in its language: the facilitator's own unless one is chosen."""
        # Made when a group is, not loaded with the groups a meeting reads (every template is built as it loads).
        from circle.domain.templates import DEFAULT_TEMPLATE, template

        context = self._context
        context.keyring.require_unlocked()
        spoken = words_for(language or current()).code
        chosen = template(DEFAULT_TEMPLATE if template_key is None else template_key, spoken)
        profile = replace(chosen.profile, language=spoken)
        group = Group(id=new_id(), name=group_name(name), profile=profile, rules=chosen.rules)
        sealer = GroupSealer(group.id, crypto.new_key(), key_version=1)
        with context.repo.writing():
            context.repo.add_group(sealer, group, context.clock.now())
            context.keyring.give_group_key(sealer)
        return group

    def save_group(self, group: Group) -> Group:
        """Store edited settings; the name is sanitised again whatever the caller did.

        The rules are kept as they are: they change only through `change_rules`, which applies them to
        what is already kept.
        """
        group = replace(group, name=group_name(group.name), rules=self._context.group(group.id).rules)
        self._context.repo.update_group(self._context.sealer(group.id), group, self._context.clock.now())
        return group

    def groups(self) -> list[GroupOverview]:
        context = self._context
        group_ids = context.keyring.group_ids()
        dates = context.repo.meeting_dates()
        counts = context.repo.member_counts()
        on = context.today()
        zone = local_zone()
        overviews = []
        for group_id in group_ids:
            group = context.repo.heading(context.sealer(group_id))  # the name and schedule, no more
            meeting = dates[group_id]
            schedule = group.schedule
            upcoming = meeting.next_meeting_on
            if upcoming is None or upcoming < on:
                upcoming = schedule.next_after(on - timedelta(days=1))
            cancelled = self._cancelled_on(group_id, upcoming)
            if cancelled is not None:
                upcoming = self._first_not_cancelled(group_id, schedule.next_after(cancelled.held_on), schedule)
            overviews.append(
                GroupOverview(
                    id=group_id,
                    name=group.name,
                    last_held_on=meeting.last_held_on,
                    next_meeting_on=upcoming,
                    meetings_held=meeting.meetings_held,
                    members=counts.get(group_id, 0),
                    next_cancelled=cancelled,
                    next_starts_at=schedule.starts_at(upcoming, zone) if upcoming else None,
                )
            )
        return sorted(overviews, key=lambda overview: overview.name.casefold())

    def next_meeting_day(self, group_id: str, after: date) -> date | None:
        """The group's first scheduled day after `after` that is not cancelled (None: no regular day)."""
        schedule = self._context.group(group_id).profile.schedule
        return self._first_not_cancelled(group_id, schedule.next_after(after), schedule)

    def _first_not_cancelled(self, group_id: str, day: date | None, schedule: Schedule) -> date | None:
        """The first meeting day from `day` on that is not cancelled too (a holiday may cancel several)."""
        for _ in range(_CANCELLED_IN_A_ROW):
            if day is None or self._cancelled_on(group_id, day) is None:
                return day
            day = schedule.next_after(day)
        return None

    def _cancelled_on(self, group_id: str, day: date | None) -> MeetingRecord | None:
        if day is None:
            return None
        on_day = kept_meetings(self._context.repo, self._context.sealer(group_id), day, day)
        return next((meeting for meeting in on_day if meeting.status is MeetingStatus.CANCELLED), None)

    def find_group(self, name: str) -> Group:
        """A group by its name (case-insensitive), for the CLI: only each group's name is read until it is found."""
        wanted = sanitise_line(name).casefold()
        context = self._context
        for group_id in context.keyring.group_ids():
            if context.repo.group_name(context.sealer(group_id, reads=SETTINGS)).casefold() == wanted:
                return context.group(group_id)
        raise UnknownGroup()

    def members(self, group_id: str) -> list[Member]:
        """The roster, retired members included, each told apart from any namesake; by name, then joined."""
        return sorted(told_apart(self._context.repo.members(self._context.sealer(group_id))), key=roster_order)

    def add_members(self, group_id: str, entries: list[RosterEntry]) -> list[Member]:
        """Add people as the group's names rule allows (first name, initials, or not at all)."""
        rules = self._context.group(group_id).rules
        joined = self._context.today()
        members = [
            Member(id=new_id(), name=rules.name_to_keep(entry.name), joined_on=entry.joined_on or joined)
            for entry in entries
        ]
        if not members:
            raise InvalidInput("There is nobody to add.")
        self._context.repo.add_members(self._context.sealer(group_id), members, self._context.clock.now())
        return members
