"""Putting a group's record of meetings right: a date cancelled, a meeting discarded, attendance corrected.

Pure decisions over the meetings already kept: the workspace reads those, and the store writes what comes back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta

from circle.domain.clock import EARLIEST
from circle.domain.errors import InvalidInput
from circle.domain.records import AttendanceRecord, CancelReason, MeetingRecord, MeetingStatus, Presence
from circle.language import N_, _, ngettext


class DateHasMeeting(InvalidInput):
    message = N_("That date already has a meeting held; only a date with no meeting can be cancelled.")


class DateAlreadyCancelled(InvalidInput):
    message = N_("That date is already cancelled.")


class MeetingOpenOnDate(InvalidInput):
    message = N_("A meeting is in progress on that date; close or discard it first.")


class NoMeetingOnDate(InvalidInput):
    message = N_("The group has no meeting on that date.")


class NotHeld(InvalidInput):
    message = N_("Only a meeting that was held has attendance to correct.")


def typed_day(typed: str) -> date:
    """A date typed in the app, in the one spelling circle shows (fromisoformat would also take 20260309)."""
    text = typed.strip()
    try:
        if len(text) == 10 and text[4] == text[7] == "-":
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise InvalidInput(_("Type a date as YYYY-MM-DD, like 2026-03-09."))


def on_day(day: date, kept: Iterable[MeetingRecord]) -> list[MeetingRecord]:
    return [meeting for meeting in kept if meeting.held_on == day]


# How far ahead a meeting may be cancelled: a year of holidays, and no date that would stretch the trends for ever.
CANCEL_AHEAD = timedelta(days=366)


class CancelDateOutOfRange(InvalidInput):
    message = N_("A meeting can be cancelled from the year 2000 to a year ahead; nothing was changed.")


def cancellation(
    meeting_id: str, group_id: str, day: date, reason: CancelReason, kept: Iterable[MeetingRecord],
    planned_minutes: int = 0, *, today: date,
) -> MeetingRecord:
    """The record of a date the group did not meet, or refused if that date already has a meeting, or is more
    than a year ahead (or before 2000)."""
    if not EARLIEST.date() <= day <= today + CANCEL_AHEAD:
        raise CancelDateOutOfRange()
    for meeting in on_day(day, kept):
        refusal = {
            MeetingStatus.CLOSED: DateHasMeeting,
            MeetingStatus.CANCELLED: DateAlreadyCancelled,
            MeetingStatus.OPEN: MeetingOpenOnDate,
        }[meeting.status]
        raise refusal()
    return MeetingRecord(meeting_id, group_id, day, MeetingStatus.CANCELLED, planned_minutes, cancel_reason=reason)


def one_to_discard(day: date, kept: Iterable[MeetingRecord]) -> MeetingRecord:
    """The one meeting kept on that date; two on one day are told apart by their times, in the app's list."""
    found = on_day(day, kept)
    if not found:
        raise NoMeetingOnDate()
    if len(found) > 1:
        raise InvalidInput(
            ngettext(
                "That date has {count} meeting; choose the one to discard, by its start time, in the app's"
                " list of the group's meetings.",
                "That date has {count} meetings; choose the one to discard, by its start time, in the app's"
                " list of the group's meetings.",
                len(found),
            ).format(count=len(found))
        )
    return found[0]


def correctable(meeting: MeetingRecord, today: date, identity_retention_days: int) -> None:
    """Attendance is corrected only where the group still keeps who came: a meeting held, within its retention."""
    if meeting.status is not MeetingStatus.CLOSED:
        raise NotHeld()
    if meeting.held_on < today - timedelta(days=identity_retention_days):
        raise InvalidInput(
            _(
                "That meeting is older than the {days} days this group keeps who came;"
                " its attendance can no longer be corrected."
            ).format(days=identity_retention_days)
        )


def corrected(
    meeting: MeetingRecord, attendance: Iterable[AttendanceRecord], present: set[str]
) -> tuple[MeetingRecord, list[AttendanceRecord]]:
    """The meeting with exactly `present` of its rostered members there, and its counts moved to match.

    The headcount moves by the people added or taken away, so anyone counted without a name stays counted.
    Someone taken away is no longer a newcomer, late or early; someone added had no row if they joined later.
    """
    rows = {row.member_id: row for row in attendance}
    was_present = {member for member, row in rows.items() if row.presence is Presence.PRESENT}
    gone, added = was_present - present, present - was_present
    result = []
    for member_id in sorted(rows.keys() | added):
        row = rows.get(member_id) or AttendanceRecord(meeting.id, member_id, Presence.ABSENT)
        if member_id in gone:
            row = AttendanceRecord(meeting.id, member_id, Presence.ABSENT)
        elif member_id in added:
            row = replace(row, presence=Presence.PRESENT)
        result.append(row)
    newcomers_gone = sum(1 for member in gone if rows[member].newcomer)
    record = replace(
        meeting,
        headcount=max(0, meeting.headcount + len(added) - len(gone)),
        newcomers=max(0, meeting.newcomers - newcomers_gone),
    )
    return record, result
