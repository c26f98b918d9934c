"""Planning a merge, purely: the rules are in the package's docstring."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from typing import Any

from circle.domain.group import Group
from circle.domain.handoff.payload import meeting_to_json
from circle.domain.handoff.snapshot import GroupSnapshot, MeetingEntry, MemberEntry, MergePlan, TwoMeetingsOpen
from circle.domain.notes import Note, NoteKind
from circle.domain.rules import ConfidentialityRules, NotesPolicy
from circle.domain.session.merge import merge_logs



def plan_merge(ours: GroupSnapshot | None, theirs: GroupSnapshot) -> MergePlan:
    """What merging `theirs` into a vault that holds `ours` (None: not yet) changes there."""
    if ours is None:
        ours = GroupSnapshot(theirs.group, None, {}, (), (), ())
        settings: Group | None = theirs.group
    else:
        settings = _newer_settings(ours, theirs)
    rules = ours.group.rules
    members = _new_members(ours, theirs, rules)
    meetings = _meetings(ours, theirs)
    notes, resolved = _notes(ours, theirs, rules)
    return MergePlan(
        settings=settings,
        settings_changed_at=theirs.settings_changed_at if settings is not None else None,
        facilitators={fid: handle for fid, handle in theirs.facilitators.items() if fid not in ours.facilitators},
        members=members,
        notes=notes,
        resolved=resolved,
        **meetings,
    )


def _newer_settings(ours: GroupSnapshot, theirs: GroupSnapshot) -> Group | None:
    if theirs.settings_changed_at is None:
        return None
    if ours.settings_changed_at is not None and theirs.settings_changed_at <= ours.settings_changed_at:
        return None
    if (theirs.group.name, theirs.group.profile) == (ours.group.name, ours.group.profile):
        return None
    return replace(ours.group, name=theirs.group.name, profile=theirs.group.profile)


def _new_members(ours: GroupSnapshot, theirs: GroupSnapshot, rules: ConfidentialityRules) -> tuple[MemberEntry, ...]:
    known = {member.id for member in ours.members}
    return tuple(
        replace(member, name=_kept_name(member.name, rules))
        for member in theirs.members
        if member.id not in known
    )


def _kept_name(name: str | None, rules: ConfidentialityRules) -> str | None:
    if name is None or not rules.keeps_names:
        return None
    return rules.name_to_keep(name) or None


def _meetings(ours: GroupSnapshot, theirs: GroupSnapshot) -> dict[str, Any]:
    by_id = {meeting.record.id: meeting for meeting in ours.meetings}
    ours_open = ours.open_meeting()
    new, replaced, merged = [], [], []
    added = set_aside = 0
    for meeting in theirs.meetings:
        mine = by_id.get(meeting.record.id)
        if mine is None:
            if meeting.is_open and ours_open is not None:
                raise TwoMeetingsOpen()
            new.append(meeting)
            added += len(meeting.events)
        elif mine.is_open and not meeting.is_open:
            replaced.append(meeting)
        elif mine.is_open and meeting.is_open:
            result = merge_logs(mine.events, meeting.events)
            if [event.id for event in result.events] != [event.id for event in mine.events]:
                merged.append(replace(mine, events=result.events))
            added += result.added
            set_aside += result.set_aside
        elif not mine.is_open and not meeting.is_open and _closing_key(meeting) < _closing_key(mine):
            replaced.append(meeting)
    return {
        "new_meetings": tuple(new),
        "replaced_meetings": tuple(replaced),
        "merged_logs": tuple(merged),
        "events_added": added,
        "set_aside": set_aside,
    }


def _closing_key(meeting: MeetingEntry) -> tuple[str, str]:
    """Earlier closing first; then the smaller record, so both sides pick the same one."""
    ended = meeting.record.ended_at.isoformat() if meeting.record.ended_at else "~"  # "~" sorts after digits
    return ended, json.dumps(meeting_to_json(meeting), sort_keys=True)


def _notes(
    ours: GroupSnapshot, theirs: GroupSnapshot, rules: ConfidentialityRules
) -> tuple[tuple[Note, ...], dict[str, datetime]]:
    mine = {note.id: note for note in ours.notes}
    new, resolved = [], {}
    for note in theirs.notes:
        here = mine.get(note.id)
        if here is not None:
            if here.resolved_at is None and note.resolved_at is not None:
                resolved[note.id] = note.resolved_at
            continue
        kept = _kept_note(note, rules)
        if kept is not None:
            new.append(replace(kept, group_id=ours.group.id))
    return tuple(new), resolved


def _kept_note(note: Note, rules: ConfidentialityRules) -> Note | None:
    """The note as this vault's rules allow it: none at all, a flag without words, or words up to the cap."""
    if rules.notes is NotesPolicy.NONE:
        return None
    if rules.notes is NotesPolicy.FLAGS:
        return None if note.kind is NoteKind.DEBRIEF else replace(note, text="")
    return replace(note, text=note.text[: rules.brief_note_cap])
