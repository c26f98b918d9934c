"""The times a handoff holds, accepted only when they could be true: from 2000 until this laptop's now.

A date decides what the rules keep. A meeting dated 9999-12-31 kept its attendees from ever being
forgotten, a member added in 9999 is never unseen for long, and a far-future meeting broke the trends.
No circle writes such a time, so a handoff holding one is refused whole: nothing of it can be trusted to
fit, and nothing is imported.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from circle.domain.clock import CLOCK_SLACK, EARLIEST
from circle.domain.errors import InvalidInput
from circle.domain.handoff.snapshot import GroupSnapshot
from circle.domain.meeting_changes import CANCEL_AHEAD
from circle.domain.records import MeetingStatus
from circle.language import N_

# A meeting's date is the sender's own calendar day, which a timezone can put a day ahead of ours.
DAY_SLACK = timedelta(days=1)


class HandoffOutOfTime(InvalidInput):
    message = N_(
        "The handoff holds a date before 2000 or later than this laptop's clock;"
        " check the date on both laptops. Nothing was imported."
    )


def check_times(snapshot: GroupSnapshot, now: datetime) -> None:
    """HandoffOutOfTime unless every time is timezone-aware and between EARLIEST and `now` (with slack).

    A member's `joined_on` is not checked: it is only shown, the roster here accepts any date for it,
    and nothing kept or forgotten depends on it. A note's expiry is recomputed by the merge instead.
    """
    latest = now + CLOCK_SLACK
    last_day = latest.astimezone(UTC).date() + DAY_SLACK
    for moment in _moments(snapshot):
        # A naive time cannot be compared with these bounds at all; reading refuses it, this says so again.
        if moment.tzinfo is None or not EARLIEST <= moment <= latest:
            raise HandoffOutOfTime()
    for meeting in snapshot.meetings:
        # A date may be cancelled ahead of time, as far ahead as it may be here.
        ahead = CANCEL_AHEAD if meeting.record.status is MeetingStatus.CANCELLED else timedelta(0)
        if not EARLIEST.date() <= meeting.record.held_on <= last_day + ahead:
            raise HandoffOutOfTime()


def _moments(snapshot: GroupSnapshot) -> Iterator[datetime]:
    if snapshot.settings_changed_at is not None:
        yield snapshot.settings_changed_at
    if snapshot.signing is not None:  # a key "made" in the future would win over every later one
        yield snapshot.signing.made_at
    for member in snapshot.members:
        yield member.created_at
    for meeting in snapshot.meetings:
        record = meeting.record
        kept = (record.started_at, record.ended_at, record.corrected_at)
        yield from (moment for moment in kept if moment is not None)
        yield from (event.at for event in meeting.events)
    for note in snapshot.notes:
        yield note.created_at
        if note.resolved_at is not None:
            yield note.resolved_at
