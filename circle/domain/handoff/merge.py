"""Planning a merge, purely: the rules are in the package's docstring.

What comes in is held to this vault's rules as if it had been entered here. Times that cannot be true
refuse the whole import (`timeline`): nothing is ever half imported because of them. Notes this vault would
not have kept are left out one by one and counted (`incoming_notes` says why a facilitator expects that).
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from circle.domain.group import Group
from circle.domain.handoff.discards import DiscardPlan, plan_discards
from circle.domain.handoff.incoming_notes import incoming_notes
from circle.domain.handoff.payload import meeting_to_json
from circle.domain.handoff.snapshot import GroupSnapshot, MeetingEntry, MemberEntry, MergePlan, TwoMeetingsOpen
from circle.domain.handoff.timeline import check_times
from circle.domain.records import MeetingStatus
from circle.domain.notes import Note
from circle.domain.rules import ConfidentialityRules
from circle.domain.session.merge import merge_logs
from circle.domain.signing import SigningKey, later


def plan_merge(ours: GroupSnapshot | None, theirs: GroupSnapshot, *, now: datetime) -> MergePlan:
    """What merging `theirs` into a vault that holds `ours` (None: not yet) changes there, at `now`.

    HandoffOutOfTime if `theirs` holds a time that cannot be true; nothing is planned then.
    """
    check_times(theirs, now)
    if ours is None:
        ours = GroupSnapshot(theirs.group, None, {}, (), (), ())
        settings: Group | None = theirs.group
    else:
        settings = _newer_settings(ours, theirs)
    rules = ours.group.rules
    members = _new_members(ours, theirs, rules)
    discards = plan_discards(ours, theirs)
    meetings = _meetings(ours, theirs, discards)
    notes, left_out, resolved = _notes(ours, theirs, rules, members, discards, now.astimezone().date())
    return MergePlan(
        settings=settings,
        settings_changed_at=theirs.settings_changed_at if settings is not None else None,
        facilitators={fid: handle for fid, handle in theirs.facilitators.items() if fid not in ours.facilitators},
        members=members,
        notes=notes,
        notes_left_out=left_out,
        resolved=resolved,
        forget_members=_forgotten_there(ours, theirs),
        signing=_newer_signing_key(ours, theirs),
        discards=discards,
        **meetings,
    )


def _newer_signing_key(ours: GroupSnapshot, theirs: GroupSnapshot) -> SigningKey | None:
    """Theirs, when it was made later than ours: a co-facilitator who removed someone brings the new key."""
    chosen = later(ours.signing, theirs.signing)
    return chosen if chosen is not ours.signing else None


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


def _forgotten_there(ours: GroupSnapshot, theirs: GroupSnapshot) -> tuple[str, ...]:
    """Members forgotten on the other laptop (erased on request, say) whom this one still names: an erasure must
    reach every copy of the group, so they are forgotten here too."""
    forgotten = {member.id for member in theirs.members if member.forgotten}
    return tuple(member.id for member in ours.members if member.id in forgotten and member.name is not None)


def _kept_name(name: str | None, rules: ConfidentialityRules) -> str | None:
    if name is None or not rules.keeps_names:
        return None
    return rules.name_to_keep(name) or None


def _meetings(ours: GroupSnapshot, theirs: GroupSnapshot, discards: DiscardPlan) -> dict[str, Any]:
    kept_here = [meeting for meeting in ours.meetings if meeting.record.id not in discards.deleted]
    by_id = {meeting.record.id: meeting for meeting in kept_here}
    ours_open = next((meeting for meeting in kept_here if meeting.is_open), None)
    new, replaced, merged, uncancelled = [], [], [], []
    added = set_aside = 0
    for meeting in theirs.meetings:
        if meeting.record.id in discards.remembered:
            continue  # discarded here: a copy from before is not brought back
        mine = by_id.get(meeting.record.id)
        if mine is None:
            if meeting.is_open and ours_open is not None:
                raise TwoMeetingsOpen()
            same_day = [kept.record for kept in kept_here if kept.record.held_on == meeting.record.held_on]
            if meeting.record.status is MeetingStatus.CANCELLED and any(
                kept.status is not MeetingStatus.CANCELLED for kept in same_day
            ):
                continue  # the group met that day after all, as this laptop knows
            if meeting.record.status is MeetingStatus.CLOSED:
                uncancelled += [kept.id for kept in same_day if kept.status is MeetingStatus.CANCELLED]
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
        elif not mine.is_open and not meeting.is_open and _preferred(meeting, mine):
            replaced.append(meeting)
    return {
        "new_meetings": tuple(new),
        "uncancelled": tuple(uncancelled),
        "replaced_meetings": tuple(replaced),
        "merged_logs": tuple(merged),
        "events_added": added,
        "set_aside": set_aside,
    }


def _preferred(theirs: MeetingEntry, mine: MeetingEntry) -> bool:
    """Whether their closed copy replaces ours: the one whose attendance was put right last, so a correction is
    never lost to an older copy; between copies corrected alike, the one the closing key picks."""
    corrected, ours = theirs.record.corrected_at, mine.record.corrected_at
    if corrected != ours:
        return ours is None or (corrected is not None and corrected > ours)
    return _closing_key(theirs) < _closing_key(mine)


def _closing_key(meeting: MeetingEntry) -> tuple[str, str]:
    """Earlier closing first; then the smaller record, so both sides pick the same one."""
    ended = meeting.record.ended_at.isoformat() if meeting.record.ended_at else "~"  # "~" sorts after digits
    return ended, json.dumps(meeting_to_json(meeting), sort_keys=True)


def _notes(
    ours: GroupSnapshot, theirs: GroupSnapshot, rules: ConfidentialityRules, new_members: tuple[MemberEntry, ...],
    discards: DiscardPlan, today: date,
) -> tuple[tuple[Note, ...], int, dict[str, datetime]]:
    """The new notes as kept here, how many were left out, and when notes already here were done there."""
    mine = {note.id: note for note in ours.notes}
    resolved = {
        note.id: note.resolved_at
        for note in theirs.notes
        if note.id in mine and mine[note.id].resolved_at is None and note.resolved_at is not None
    }
    new, left_out = incoming_notes(
        [note for note in theirs.notes if note.id not in mine],
        theirs.meetings,
        (*ours.members, *new_members),
        rules,
        group_id=ours.group.id,
        today=today,
    )
    # A note about a meeting discarded here stays, about no meeting, as it would had it been here at the discard.
    new = tuple(replace(note, session_id=None) if note.session_id in discards.remembered else note for note in new)
    return new, left_out, resolved
