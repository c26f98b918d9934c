"""Caring for a roster: rename, retire, merge, erase one person on request, and delete a whole group.

Each of them waits for a meeting in progress in the group to close: the live meeting holds its own copy of
the roster, names and all, and writes who came when it closes.
"""

from __future__ import annotations

from circle.domain.errors import CircleError, InvalidInput
from circle.domain.group import Member
from circle.domain.names_apart import find_member
from circle.language import N_
from circle.store.group_removal import delete_group
from circle.store.keys import KeyStore
from circle.store.roster_care import RosterCare
from circle.workspace.groups import Groups
from circle.workspace.retention import MeetingStillOpen
from circle.workspace.service import Service, WorkspaceContext


class NotOnRoster(InvalidInput):
    message = N_("That person is not on this group's roster.")


class SamePerson(InvalidInput):
    message = N_("Those are the same entry; name two different people to merge.")


class OthersHoldTheGroup(CircleError):
    message = N_(
        "Other facilitators hold this group too: remove them from it first (Facilitators tab, or"
        " 'circle facilitator remove'), so that nobody finds it gone without being told."
    )


class NameNotConfirmed(InvalidInput):
    message = N_("The name typed is not the group's name; nothing was deleted.")


class Roster(Service):
    def __init__(self, context: WorkspaceContext, groups: Groups) -> None:
        super().__init__(context)
        self._groups = groups
        self._care = RosterCare(context.repo)

    def find_member(self, group_id: str, typed: str) -> Member:
        """The one member `typed` names, as `members` shows them; refused when it fits none or several."""
        return find_member(self._groups.members(group_id), typed, self._context.group(group_id).rules)

    def _member(self, group_id: str, member_id: str) -> Member:
        for member in self._groups.members(group_id):
            if member.id == member_id:
                return member
        raise NotOnRoster()

    def _no_meeting_open(self, group_id: str) -> None:
        if self._context.meeting_open(group_id):
            raise MeetingStillOpen()

    def rename(self, group_id: str, member_id: str, typed: str) -> Member:
        """A new name, kept as the group's names rule allows."""
        member = self._member(group_id, member_id)
        self._no_meeting_open(group_id)
        name = self._context.group(group_id).rules.name_to_keep(typed)
        self._care.rename(self._context.sealer(group_id), member.id, name)
        return self._member(group_id, member_id)

    def retire(self, group_id: str, member_id: str, *, retired: bool = True) -> Member:
        """No longer coming (or, with retired=False, back again): past attendance stays either way."""
        member = self._member(group_id, member_id)
        self._no_meeting_open(group_id)
        self._care.set_retired(self._context.sealer(group_id), member.id, retired)
        return self._member(group_id, member_id)

    def merge(self, group_id: str, keep_id: str, other_id: str) -> Member:
        keep, other = self._member(group_id, keep_id), self._member(group_id, other_id)
        if keep.id == other.id:
            raise SamePerson()
        self._no_meeting_open(group_id)
        self._care.merge(self._context.sealer(group_id), keep.id, other.id)
        return self._member(group_id, keep_id)

    def erase(self, group_id: str, member_id: str) -> int:
        """Forget one person now; returns how many notes about them were deleted."""
        member = self._member(group_id, member_id)
        self._no_meeting_open(group_id)
        return self._care.erase(self._context.sealer(group_id), member.id)

    def delete_group(self, group_id: str, typed_name: str | None = None) -> None:
        """The whole group, for real. `typed_name`, when given, must be the group's name (any case)."""
        group = self._context.group(group_id)
        if typed_name is not None and typed_name.strip().casefold() != group.name.casefold():
            raise NameNotConfirmed()
        self._no_meeting_open(group_id)
        keyring = self._context.keyring
        if set(KeyStore(self._context.repo).holders(group_id)) - {keyring.facilitator_id}:
            raise OthersHoldTheGroup()
        delete_group(self._context.repo, group_id, lambda conn: keyring.record_without(conn, group_id))
        keyring.let_go(group_id)
