"""Minimal notes, checked against the group's rules before anything is kept.

Three kinds, and nothing else: a follow-up flag for someone who is here, the action taken
for a safety concern (never an account of what was said), and the facilitator's brief
debrief after a meeting. A note that breaks the rules is refused here, with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from circle.domain.errors import InvalidInput
from circle.domain.rules import ConfidentialityRules, NotesPolicy
from circle.domain.text import sanitise_line
from circle.domain.titled import TitledEnum
from circle.language import N_


class NoteKind(TitledEnum):
    FOLLOW_UP = "follow_up", "Follow up"
    SAFETY = "safety", "Safety action"
    DEBRIEF = "debrief", "Debrief"


class SafetyAction(TitledEnum):
    CRISIS_LINE = "crisis_line", N_("Referred to a crisis line")
    EMERGENCY_SERVICES = "emergency_services", N_("Called emergency services")
    ONE_TO_ONE = "one_to_one", N_("Supported one-to-one by the co-facilitator")


class NoteRefused(InvalidInput):
    """A note the group's rules do not allow; the message is the reason, in plain words."""


@dataclass(frozen=True)
class NoteDraft:
    """What a facilitator asks to keep, before the rules have had their say."""

    kind: NoteKind
    member_id: str | None = None  # follow-ups only: someone who is here
    action: SafetyAction | None = None  # safety notes only
    text: str = ""  # a brief line, where the rules allow words at all


@dataclass(frozen=True)
class Note:
    id: str
    group_id: str
    kind: NoteKind
    created_at: datetime
    expires_on: date
    session_id: str | None = None
    member_id: str | None = None
    action: SafetyAction | None = None
    text: str = ""
    resolved_at: datetime | None = None

    @property
    def is_open(self) -> bool:
        """A follow-up or safety action still to be followed up."""
        return self.kind is not NoteKind.DEBRIEF and self.resolved_at is None


def expiry(rules: ConfidentialityRules, written_on: date) -> date:
    return written_on + timedelta(days=rules.notes_retention_days)


def kept_note(
    rules: ConfidentialityRules, kept: NoteDraft, *, note_id: str, group_id: str, session_id: str, at: datetime
) -> Note:
    """The note to store for a draft that `check_note` allowed, with its expiry from the rules."""
    return Note(
        id=note_id,
        group_id=group_id,
        kind=kept.kind,
        created_at=at,
        expires_on=expiry(rules, at.astimezone().date()),
        session_id=session_id,
        member_id=kept.member_id,
        action=kept.action,
        text=kept.text,
    )


def check_note(
    rules: ConfidentialityRules,
    draft: NoteDraft,
    *,
    present: Iterable[str] = (),
    names_present: Iterable[str] = (),
    names_absent: Iterable[str] = (),
) -> NoteDraft:
    """The draft as it may be kept (its text sanitised), or NoteRefused with the reason.

    `present` are the ids of the people here; `names_present` and `names_absent` the kept names
    of the people here and of the group's members who are not.
    """
    if rules.notes is NotesPolicy.NONE:
        raise NoteRefused("This group keeps no notes.")
    text = sanitise_line(draft.text)
    if draft.kind is NoteKind.SAFETY:
        if draft.action is None:
            raise NoteRefused("A safety note records the action taken; choose one.")
        if text:
            raise NoteRefused("A safety note records only the action taken, never what was said.")
    elif draft.action is not None:
        raise NoteRefused("Only a safety note records an action.")
    if draft.kind is NoteKind.DEBRIEF and not text:
        raise NoteRefused("A debrief is a brief line; there is nothing to keep.")
    if draft.member_id is not None and draft.kind is not NoteKind.FOLLOW_UP:
        raise NoteRefused("Only a follow-up flag is about one person.")
    if draft.member_id is not None and draft.member_id not in set(present):
        raise NoteRefused("A follow-up flag is only for someone who is here; absent members are never noted.")
    if text and rules.notes is not NotesPolicy.BRIEF:
        raise NoteRefused("This group's notes are flags only; no words are kept.")
    if len(text) > rules.brief_note_cap:
        raise NoteRefused(f"A note may be at most {rules.brief_note_cap} characters; this one has {len(text)}.")
    if names_someone_absent(text, names_present=names_present, names_absent=names_absent):
        raise NoteRefused("A note may not name someone who is not here.")
    return NoteDraft(kind=draft.kind, member_id=draft.member_id, action=draft.action, text=text)


def check_note_at_meeting(
    rules: ConfidentialityRules, draft: NoteDraft, *, came: Iterable[str], roster: Mapping[str, str]
) -> NoteDraft:
    """`check_note` for one meeting: `came` are the ids of those who came, `roster` maps ids to kept names."""
    came = set(came)
    return check_note(
        rules,
        draft,
        present=came,
        names_present=[name for member_id, name in roster.items() if member_id in came],
        names_absent=[name for member_id, name in roster.items() if member_id not in came],
    )


def names_someone_absent(text: str, *, names_present: Iterable[str], names_absent: Iterable[str]) -> bool:
    """Does the text name an absent member? A name also borne by someone here is not counted."""
    if not text:
        return False
    words = _words(text)
    here = {form for name in names_present for form in _name_forms(name)}
    for name in names_absent:
        for form in _name_forms(name):
            if form not in here and _contains(words, form):
                return True
    return False


_WORD = re.compile(r"\w+", re.UNICODE)


def _words(text: str) -> tuple[str, ...]:
    return tuple(word.casefold() for word in _WORD.findall(text))


def _name_forms(name: str) -> set[tuple[str, ...]]:
    """How a kept name might appear in a note: whole ('Sam R.'), or its first name when that is a real word."""
    whole = _words(name)
    forms = {whole} if whole else set()
    if whole and len(whole[0]) >= 2:
        forms.add(whole[:1])
    return forms


def _contains(words: tuple[str, ...], form: tuple[str, ...]) -> bool:
    size = len(form)
    return any(words[start : start + size] == form for start in range(len(words) - size + 1))
