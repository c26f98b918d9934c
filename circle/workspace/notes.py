"""Notes kept about a group's meetings: follow-ups and safety actions, and the facilitator's debrief line."""

from __future__ import annotations

from dataclasses import dataclass

from circle.domain.errors import InvalidInput
from circle.domain.ids import new_id
from circle.domain.notes import Note, NoteDraft, NoteKind, check_note_at_meeting, kept_note
from circle.language import _
from circle.store.notes import NoteStore
from circle.workspace.groups import Groups
from circle.workspace.service import Service, WorkspaceContext


@dataclass(frozen=True)
class FollowUp:
    """An open follow-up or safety action, with the group and the person it is about (if anyone)."""

    group_id: str
    group_name: str
    note: Note
    member_name: str


class Notes(Service):
    def __init__(self, context: WorkspaceContext, groups: Groups) -> None:
        super().__init__(context)
        self._groups = groups
        self._store = NoteStore(context.repo)

    def notes(self, group_id: str) -> list[Note]:
        return self._store.notes(self._context.sealer(group_id))

    def follow_ups(self) -> list[FollowUp]:
        """Every open follow-up and safety action in the groups this facilitator holds, oldest first."""
        due = []
        for overview in self._groups.groups():
            open_notes = [note for note in self.notes(overview.id) if note.is_open]
            if not open_notes:
                continue  # no names to open for a group with nothing to follow up
            names = {member.id: member.shown for member in self._groups.members(overview.id)}
            due += [FollowUp(overview.id, overview.name, note, names.get(note.member_id or "", "")) for note in open_notes]
        return sorted(due, key=lambda item: item.note.created_at)

    def follow_ups_due(self) -> int:
        """How many follow-ups are open: a count for the home screen, opened again only when the vault changed."""
        keyring = self._context.keyring
        return self._store.open_count(keyring.sealer(group_id) for group_id in keyring.group_ids())

    def add_debrief(self, group_id: str, session_id: str, text: str) -> Note:
        """The facilitator's brief line after a meeting, checked against who came and who did not."""
        context = self._context
        sealer = context.sealer(group_id)
        group = context.group(group_id)
        roster = {member.id: member.name for member in self._groups.members(group_id)}
        draft = NoteDraft(NoteKind.DEBRIEF, text=text)
        kept = check_note_at_meeting(group.rules, draft, came=context.repo.attended(sealer, session_id), roster=roster)
        note = kept_note(
            group.rules, kept, note_id=new_id(), group_id=group_id, session_id=session_id, at=context.clock.now()
        )
        self._store.add(sealer, note)
        return note

    def resolve_note(self, group_id: str, note_id: str) -> None:
        if not self._store.resolve(self._context.sealer(group_id), note_id, self._context.clock.now()):
            raise InvalidInput(_("That follow-up is already done, or no longer kept."))
