"""Meetings discarded on either laptop, weighed against the copies the other one holds.

A discard is kept with the status its copy had (`GroupSnapshot.discarded`). A held or cancelled meeting that was
discarded is a record put right on purpose: that discard reaches every copy. A meeting discarded while it was
open was opened by mistake, as far as that laptop knew; another laptop may have run it meanwhile. So such a
discard yields to a copy that went further than a mistake, closed or with a turn taken, and that copy is kept
on both laptops: the same rule as a closed meeting replacing an open copy of itself.
"""

from __future__ import annotations

from circle.domain.handoff.snapshot import DiscardPlan, GroupSnapshot, MeetingEntry
from circle.domain.records import MeetingStatus
from circle.domain.session import replay


def beyond_a_mistake(meeting: MeetingEntry) -> bool:
    """More than a meeting opened by mistake: closed or cancelled, or open with a turn taken or under way."""
    if not meeting.is_open:
        return True
    state = replay(meeting.events)
    return bool(state.shared_count or state.passed_count or state.in_turn)


def _outweighs(status: MeetingStatus, copy: MeetingEntry) -> bool:
    """Whether a discard made of a copy in `status` outweighs `copy` of the same meeting."""
    return status is not MeetingStatus.OPEN or not beyond_a_mistake(copy)


def plan_discards(ours: GroupSnapshot, theirs: GroupSnapshot) -> DiscardPlan:
    mine = {meeting.record.id: meeting for meeting in ours.meetings}
    incoming = {meeting.record.id: meeting for meeting in theirs.meetings}
    back = frozenset(
        meeting_id for meeting_id, status in ours.discarded.items()
        if meeting_id in incoming and not _outweighs(status, incoming[meeting_id])
    )
    remembered = {meeting_id: status for meeting_id, status in ours.discarded.items() if meeting_id not in back}
    kept = set()
    for meeting_id, status in theirs.discarded.items():
        here = mine.get(meeting_id)
        if here is not None and not _outweighs(status, here):
            kept.add(meeting_id)
        elif remembered.get(meeting_id, MeetingStatus.OPEN) is MeetingStatus.OPEN:
            remembered[meeting_id] = status  # a discard of a record made on purpose outweighs one of a mistake
    return DiscardPlan(
        remembered=remembered,
        changed=remembered != dict(ours.discarded),
        deleted=frozenset(meeting_id for meeting_id in mine if meeting_id in theirs.discarded) - kept,
        kept=frozenset(kept),
        back=back,
    )
