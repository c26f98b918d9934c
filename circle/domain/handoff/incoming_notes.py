"""Notes from another laptop, kept only as this vault would have kept them had they been entered here.

Each note is checked as the app checks a note entered live (`check_note_at_meeting`), against the
attendance the handoff carries for its meeting and the names kept here of the members known when it
was written: a follow-up only for someone who came, no words naming someone who did not, words only
as this group's notes policy allows, and nothing about someone forgotten. Its expiry is recomputed from
this group's retention and the day it was written, and is never later than that. A note whose meeting was
discarded is about no meeting: who came went with the meeting, so only its own person counts as there.

A note that fails is left out, and the import says how many were; the rest of the handoff comes in.
A facilitator expects that: it is how this vault already treats notes its rules would not keep (a group
with no notes takes none, a flags-only group takes no words), a note can fail for reasons nobody did
wrong (the two laptops keep names differently, or the roster changed), and a co-facilitator taking over
a meeting must not be stopped by one note. A meeting, by contrast, is the group's record, and a time in
it that cannot be true refuses the whole import (`timeline`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date

from circle.domain.handoff.snapshot import MeetingEntry, MemberEntry
from circle.domain.notes import Note, NoteDraft, NoteRefused, check_note_at_meeting, expiry
from circle.domain.records import Presence
from circle.domain.rules import ConfidentialityRules, NotesPolicy
from circle.domain.session import replay


def incoming_notes(
    notes: Sequence[Note],
    meetings: Iterable[MeetingEntry],
    members: Iterable[MemberEntry],
    rules: ConfidentialityRules,
    *,
    group_id: str,
    today: date,
) -> tuple[tuple[Note, ...], int]:
    """The new notes as this vault keeps them, and how many were left out."""
    members = tuple(members)
    # Someone forgotten (here, or on the laptop it came from) is nobody a note can be about any more.
    forgotten = frozenset(member.id for member in members if rules.keeps_names and member.name is None)
    came = {meeting.record.id: _came(meeting) - forgotten for meeting in meetings}
    kept = []
    for note in notes:
        if note.session_id is not None:
            there = came.get(note.session_id, frozenset())
        else:  # its meeting was discarded, and who came with it: the note was checked as it was written
            there = frozenset({note.member_id} if note.member_id else ()) - forgotten
        here = _as_entered_here(note, rules, there, members, today)
        if here is not None:
            kept.append(replace(here, group_id=group_id))
    return tuple(kept), len(notes) - len(kept)


def _came(meeting: MeetingEntry) -> frozenset[str]:
    """Who came, someone who left early included: from the log of an open meeting, else its attendance."""
    if meeting.is_open:
        return replay(meeting.events).attended
    return frozenset(row.member_id for row in meeting.attendance if row.presence is Presence.PRESENT)


def _as_entered_here(
    note: Note, rules: ConfidentialityRules, came: frozenset[str], members: Iterable[MemberEntry], today: date
) -> Note | None:
    # Words cut to this group's cap, or none where it keeps flags only; the check then refuses what is left
    # that this group would never keep (any note where it keeps none, a debrief without its words).
    words = note.text[: rules.brief_note_cap] if rules.notes is NotesPolicy.BRIEF else ""
    draft = NoteDraft(kind=note.kind, member_id=note.member_id, action=note.action, text=words)
    try:
        checked = check_note_at_meeting(rules, draft, came=came, roster=_roster_then(members, note))
    except NoteRefused:
        return None
    expires_on = min(note.expires_on, expiry(rules, note.created_at.astimezone().date()))
    if expires_on <= today:
        return None  # the purge here would delete it at once
    return replace(note, text=checked.text, expires_on=expires_on)


def _roster_then(members: Iterable[MemberEntry], note: Note) -> Mapping[str, str]:
    """The names kept here of the members already known when the note was written, as its writer saw them."""
    return {member.id: member.name for member in members if member.name and member.created_at <= note.created_at}
