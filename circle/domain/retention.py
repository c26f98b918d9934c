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
from circle.language import _, ngettext


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
        lines.append(
            ngettext(
                "All {count} name will be removed; attendance stays as counts.",
                "All {count} names will be removed; attendance stays as counts.",
                len(forget),
            ).format(count=len(forget))
        )
    else:
        forget = {member.id for member in members if member.last_seen <= unseen_since(rules, on)}
        if forget:
            lines.append(
                ngettext(
                    "{count} person not seen for {days} days will be forgotten; their attendance stays as counts.",
                    "{count} people not seen for {days} days will be forgotten; their attendance stays as counts.",
                    len(forget),
                ).format(count=len(forget), days=rules.identity_retention_days)
            )
        if names_were is NamesPolicy.FIRST_NAME and rules.names is NamesPolicy.INITIALS:
            to_initials = {member.id for member in members} - forget
            if to_initials:
                lines.append(
                    ngettext(
                        "{count} name will be cut to initials.", "{count} names will be cut to initials.",
                        len(to_initials),
                    ).format(count=len(to_initials))
                )

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
        lines.append(
            ngettext(
                "All {count} note will be deleted: this group keeps none.",
                "All {count} notes will be deleted: this group keeps none.",
                len(old_notes),
            ).format(count=len(old_notes))
        )
    elif old_notes:
        lines.append(
            ngettext(
                "{count} note older than {days} days will be deleted.",
                "{count} notes older than {days} days will be deleted.",
                len(old_notes),
            ).format(count=len(old_notes), days=rules.notes_retention_days)
        )
    if about_forgotten:
        lines.append(
            ngettext(
                "{count} follow-up about them will be deleted.", "{count} follow-ups about them will be deleted.",
                len(about_forgotten),
            ).format(count=len(about_forgotten))
        )
    if strip:
        lines.append(
            ngettext(
                "{count} note will lose its words; the flags stay.",
                "{count} notes will lose their words; the flags stay.",
                len(strip),
            ).format(count=len(strip))
        )
    if debriefs:
        lines.append(
            ngettext("{count} debrief will be deleted.", "{count} debriefs will be deleted.", len(debriefs)).format(
                count=len(debriefs)
            )
        )

    stops_showing = display_was and not (rules.room_display_names and rules.keeps_names)
    if stops_showing:
        lines.append(_("The room display will stop showing first names."))
    return RetentionPlan(
        delete_notes=frozenset(old_notes | about_forgotten | debriefs),
        strip_note_words=frozenset(strip),
        forget_members=frozenset(forget),
        members_to_initials=frozenset(to_initials),
        stops_showing_names=stops_showing,
        lines=tuple(lines),
    )
