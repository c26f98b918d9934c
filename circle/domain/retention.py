"""What the rules say must go: expired notes and identities, and what a tightened rule takes away.

Pure decisions over small facts (ids, dates, lengths). The store carries them out in one
transaction, so a purge or a tightening is either wholly done or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from circle.domain.notes import NoteKind
from circle.domain.rules import ConfidentialityRules, NamesPolicy, NotesPolicy


@dataclass(frozen=True)
class NoteFacts:
    id: str
    kind: NoteKind
    written_on: date
    text_length: int
    member_id: str | None = None


@dataclass(frozen=True)
class MemberFacts:
    id: str
    last_seen: date  # the last meeting they came to, or the day they joined


@dataclass(frozen=True)
class RetentionPlan:
    """Exactly what will be removed. Empty when the rules take nothing away."""

    delete_notes: frozenset[str] = frozenset()
    strip_note_words: frozenset[str] = frozenset()
    forget_members: frozenset[str] = frozenset()
    members_to_initials: frozenset[str] = frozenset()
    stops_showing_names: bool = False
    lines: tuple[str, ...] = field(default=())

    @property
    def removes_anything(self) -> bool:
        return bool(self.delete_notes or self.strip_note_words or self.forget_members or self.members_to_initials)

    @property
    def changes_anything(self) -> bool:
        return self.removes_anything or self.stops_showing_names

    @property
    def touches_people(self) -> bool:
        return bool(self.forget_members or self.members_to_initials)


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def unseen_since(rules: ConfidentialityRules, on: date) -> date:
    """The day on or before which someone last seen is forgotten on `on`; under a headcount rule everyone is,
    so no day before `on` matters."""
    if rules.names is NamesPolicy.HEADCOUNT:
        return on
    return on - timedelta(days=rules.identity_retention_days)


def expired(
    rules: ConfidentialityRules, notes: Iterable[NoteFacts], members: Iterable[MemberFacts], on: date
) -> RetentionPlan:
    """The retention purge: notes older than the notes limit, people unseen for longer than the identity limit."""
    return _plan(rules, notes, members, on)


def tightening(
    old: ConfidentialityRules,
    new: ConfidentialityRules,
    notes: Iterable[NoteFacts],
    members: Iterable[MemberFacts],
    on: date,
) -> RetentionPlan:
    """What changing `old` to `new` removes from what is already kept. Loosening a rule removes nothing."""
    return _plan(new, notes, members, on, names_were=old.names, display_was=old.room_display_names)


def _plan(
    rules: ConfidentialityRules,
    notes: Iterable[NoteFacts],
    members: Iterable[MemberFacts],
    on: date,
    *,
    names_were: NamesPolicy | None = None,
    display_was: bool = False,
) -> RetentionPlan:
    notes, members = list(notes), list(members)
    lines: list[str] = []

    forget: set[str] = set()
    to_initials: set[str] = set()
    if rules.names is NamesPolicy.HEADCOUNT and members:
        forget = {member.id for member in members}
        lines.append(f"All {_plural(len(forget), 'name', 'names')} will be removed; attendance stays as counts.")
    else:
        forget = {member.id for member in members if member.last_seen <= unseen_since(rules, on)}
        if forget:
            lines.append(
                f"{_plural(len(forget), 'person', 'people')} not seen for {rules.identity_retention_days} days"
                " will be forgotten; their attendance stays as counts."
            )
        if names_were is NamesPolicy.FIRST_NAME and rules.names is NamesPolicy.INITIALS:
            to_initials = {member.id for member in members} - forget
            if to_initials:
                lines.append(f"{_plural(len(to_initials), 'name', 'names')} will be cut to initials.")

    written_before = on - timedelta(days=rules.notes_retention_days)
    old_notes = {note.id for note in notes if note.written_on <= written_before}
    about_forgotten = {note.id for note in notes if note.member_id in forget} - old_notes
    if rules.notes is NotesPolicy.NONE:
        old_notes = {note.id for note in notes}
        about_forgotten = set()
    words_not_allowed = {
        note.id
        for note in notes
        if note.text_length
        and (rules.notes is not NotesPolicy.BRIEF or note.text_length > rules.brief_note_cap)
        and note.id not in old_notes | about_forgotten
    }
    # A debrief is nothing but words: without them it goes.
    debriefs = {note.id for note in notes if note.kind is NoteKind.DEBRIEF and note.id in words_not_allowed}
    strip = words_not_allowed - debriefs

    if rules.notes is NotesPolicy.NONE and old_notes:
        lines.append(f"All {_plural(len(old_notes), 'note', 'notes')} will be deleted: this group keeps none.")
    elif old_notes:
        lines.append(
            f"{_plural(len(old_notes), 'note', 'notes')} older than {rules.notes_retention_days} days"
            " will be deleted."
        )
    if about_forgotten:
        lines.append(f"{_plural(len(about_forgotten), 'follow-up', 'follow-ups')} about them will be deleted.")
    if strip:
        their = "its" if len(strip) == 1 else "their"
        lines.append(f"{_plural(len(strip), 'note', 'notes')} will lose {their} words; the flags stay.")
    if debriefs:
        lines.append(f"{_plural(len(debriefs), 'debrief', 'debriefs')} will be deleted.")

    stops_showing = display_was and not (rules.room_display_names and rules.keeps_names)
    if stops_showing:
        lines.append("The room display will stop showing first names.")
    return RetentionPlan(
        delete_notes=frozenset(old_notes | about_forgotten | debriefs),
        strip_note_words=frozenset(strip),
        forget_members=frozenset(forget),
        members_to_initials=frozenset(to_initials),
        stops_showing_names=stops_showing,
        lines=tuple(lines),
    )
