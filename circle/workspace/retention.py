"""Keeping only what the rules allow: the purge at every unlock, and a change of a group's rules."""

from __future__ import annotations

from dataclasses import dataclass, replace

from circle.domain.errors import CircleError
from circle.domain.retention import RetentionPlan, expired, tightening, unseen_since
from circle.domain.rules import ConfidentialityRules
from circle.language import N_, _, ngettext
from circle.store.last_seen import member_facts
from circle.store.notes import NoteStore
from circle.workspace.service import Service, WorkspaceContext


class MeetingStillOpen(CircleError):
    message = N_("Close the meeting in progress before changing what is kept about people.")


@dataclass(frozen=True)
class PurgeReport:
    notes: int = 0
    people: int = 0
    problem: str = ""  # one line, when the purge could not finish; it is tried again at the next unlock

    @property
    def removed_anything(self) -> bool:
        return bool(self.notes or self.people)

    @property
    def notes_removed(self) -> str:
        return ngettext("{count} expired note", "{count} expired notes", self.notes).format(count=self.notes)

    @property
    def people_forgotten(self) -> str:
        return ngettext("{count} person", "{count} people", self.people).format(count=self.people)


class Retention(Service):
    def __init__(self, context: WorkspaceContext) -> None:
        super().__init__(context)
        self._notes = NoteStore(context.repo)

    def purge(self) -> PurgeReport:
        """Remove what the rules no longer allow: expired notes, and people unseen for too long."""
        context = self._context
        on = context.today()
        try:
            removed_notes = forgotten = 0
            meeting_open = set(context.log.open_sessions())
            stamps = {}
            # Only the groups this facilitator holds: a note's expiry is sealed in it. Each group's notes
            # are purged when one of its facilitators unlocks.
            for group_id, sealer in context.keyring.sealers.items():
                opened = self._notes.notes(sealer)
                notes = self._notes.delete_expired(opened, on)
                removed_notes += len(opened) - len(notes)
                # People are forgotten by the day, so they are looked at once a day: in a vault of years
                # that is the slow part. People in a meeting still open wait until it closes.
                people_stamp = f"people_purged_on:{group_id}"
                people_due = group_id not in meeting_open and context.repo.meta(people_stamp) != on.isoformat()
                if not (notes or people_due):
                    continue
                rules = context.group(group_id).rules
                # Only the meetings inside the rule's window are opened: that bounds it, whatever the history.
                members = member_facts(context.repo, sealer, unseen_since(rules, on)) if people_due else []
                # A note's person and words count only when someone is forgotten (to find the notes
                # about them); otherwise its date is enough.
                plan = expired(rules, self._notes.dated_facts(notes), members, on)
                if plan.forget_members:
                    plan = expired(rules, self._notes.note_facts(notes), members, on)
                if plan.removes_anything:
                    self._notes.carry_out(sealer, plan, notes)
                    removed_notes += len(plan.delete_notes)
                    forgotten += len(plan.forget_members)
                if people_due:
                    stamps[people_stamp] = on.isoformat()
            if stamps:
                context.repo.set_metas(stamps)
            if removed_notes:
                context.repo.checkpoint()
        except CircleError as error:
            return PurgeReport(problem=_("Expired notes could not all be removed yet: {problem}").format(problem=error))
        return PurgeReport(notes=removed_notes, people=forgotten)

    def plan_rules(self, group_id: str, rules: ConfidentialityRules) -> RetentionPlan:
        """Exactly what changing the group's rules to `rules` would remove from what is kept."""
        sealer = self._context.sealer(group_id)
        current = self._context.group(group_id).rules
        notes = self._notes.note_facts(self._notes.notes(sealer))
        on = self._context.today()
        members = member_facts(self._context.repo, sealer, unseen_since(rules, on))
        return tightening(current, rules, notes, members, on)

    def change_rules(self, group_id: str, rules: ConfidentialityRules) -> RetentionPlan:
        """Store new rules and apply them to what is kept, in one transaction. Returns what was removed."""
        sealer = self._context.sealer(group_id)
        plan = self.plan_rules(group_id, rules)
        if plan.touches_people and self._context.meeting_open(group_id):
            raise MeetingStillOpen()
        group = replace(self._context.group(group_id), rules=rules)
        self._notes.carry_out(sealer, plan, self._notes.notes(sealer), new_rules_for=group)
        return plan
