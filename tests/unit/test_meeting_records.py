"""Putting a group's record of meetings right, through a real vault: cancel a date, discard a meeting opened by
mistake, correct who came; and what trends make of each."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from circle.domain.clock import FakeClock
from circle.domain.errors import InvalidInput
from circle.domain.meeting_changes import (
    CancelDateOutOfRange,
    DateAlreadyCancelled,
    DateHasMeeting,
    MeetingOpenOnDate,
    NoMeetingOnDate,
)
from circle.domain.group import Schedule
from circle.domain.records import CancelReason, MeetingStatus
from circle.domain.schedule import Repeat
from circle.domain.roster import RosterEntry
from circle.domain.session import Arrive, NextPhase
from circle.domain.trends.periods import Period
from circle.workspace import RoomBoard, Workspace
from tests.unit.conftest import MONDAY_EVENING
from tests.conftest import unlocked_workspace
from tests.stored_rows import stored_rows
from tests.unit.test_notes_and_purge import found_in

MONDAY = MONDAY_EVENING
A_WEEK = timedelta(days=7).total_seconds()


def group_of(vault: Workspace, *names: str) -> str:
    group = vault.create_group("Tuesday", "support-90")
    if names:
        vault.add_members(group.id, [RosterEntry(name, None) for name in names])
    return group.id


def held(vault: Workspace, group_id: str, *came: str) -> str:
    """A meeting held today with these people there; its id."""
    meeting = vault.meeting(group_id)
    for member in vault.members(group_id):
        if member.name in came:
            meeting.do(Arrive(member.id))
    meeting.close()
    return meeting.session_id


def week(vault: Workspace, group_id: str):
    [period] = vault.trends([group_id], by=Period.WEEK).groups[group_id].periods
    return period


def test_a_cancelled_date_is_counted_as_cancelled_and_never_as_a_meeting_held(vault: Workspace, clock: FakeClock):
    group_id = group_of(vault, "Ada", "Bo")
    held(vault, group_id, "Ada", "Bo")
    vault.cancel_meeting(group_id, date(2026, 3, 4), CancelReason.VENUE)
    period = week(vault, group_id)
    assert (period.held, period.cancelled, period.mean_attendance) == (1, 1, 2)
    [_, cancelled] = vault.kept_meetings(group_id)
    assert (cancelled.held_on, cancelled.status, cancelled.cancel_reason) == (
        date(2026, 3, 4), MeetingStatus.CANCELLED, CancelReason.VENUE
    )


def test_the_reason_is_sealed_in_the_summary_and_not_in_any_clear_column(vault: Workspace):
    group_id = group_of(vault)
    cancelled = vault.cancel_meeting(group_id, date(2026, 3, 9), CancelReason.HOLIDAY)
    [row] = stored_rows(vault, "SELECT * FROM sessions WHERE id = ?", [cancelled.id])
    assert not any(isinstance(value, str) and "holiday" in value for value in row)
    assert found_in(vault.locations.data, {"reason": b"holiday"}) == []


def test_a_date_with_a_meeting_held_cannot_be_cancelled(vault: Workspace):
    group_id = group_of(vault, "Ada")
    held(vault, group_id, "Ada")
    with pytest.raises(DateHasMeeting, match="already has a meeting"):
        vault.cancel_meeting(group_id, MONDAY.date(), CancelReason.OTHER)
    assert [meeting.status for meeting in vault.kept_meetings(group_id)] == [MeetingStatus.CLOSED]


def test_a_date_already_cancelled_is_not_cancelled_twice(vault: Workspace):
    group_id = group_of(vault)
    vault.cancel_meeting(group_id, date(2026, 3, 9), CancelReason.UNWELL)
    with pytest.raises(DateAlreadyCancelled):
        vault.cancel_meeting(group_id, date(2026, 3, 9), CancelReason.HOLIDAY)
    assert len(vault.kept_meetings(group_id)) == 1


def test_a_date_with_a_meeting_in_progress_cannot_be_cancelled(vault: Workspace):
    group_id = group_of(vault)
    vault.meeting(group_id)
    with pytest.raises(MeetingOpenOnDate):
        vault.cancel_meeting(group_id, MONDAY.date(), CancelReason.OTHER)


def test_a_meeting_held_after_all_on_a_cancelled_date_replaces_the_cancellation(vault: Workspace):
    group_id = group_of(vault, "Ada")
    vault.cancel_meeting(group_id, MONDAY.date(), CancelReason.VENUE)
    held(vault, group_id, "Ada")
    assert [meeting.status for meeting in vault.kept_meetings(group_id)] == [MeetingStatus.CLOSED]
    assert (week(vault, group_id).held, week(vault, group_id).cancelled) == (1, 0)


def test_the_next_meeting_cancelled_shows_on_the_groups_overview_with_its_reason(vault: Workspace):
    group_id = group_of(vault)
    vault.set_next_meeting(group_id, date(2026, 3, 9))
    vault.cancel_meeting(group_id, date(2026, 3, 9), CancelReason.UNWELL)
    [overview] = vault.groups()
    assert overview.next_cancelled is not None and overview.next_cancelled.cancel_reason is CancelReason.UNWELL
    assert overview.next_cancelled.held_on == date(2026, 3, 9)
    assert overview.next_meeting_on is None  # no schedule to say when after it


def test_a_cancelled_date_is_skipped_to_the_next_one_the_group_meets(vault: Workspace):
    group_id = group_of(vault)
    monthly = Schedule(weekday=1, start="18:30", repeat=Repeat.MONTHLY, week=2)
    group = vault.group(group_id)
    vault.save_group(replace(group, profile=replace(group.profile, schedule=monthly)))
    vault.cancel_meeting(group_id, date(2026, 3, 10), CancelReason.HOLIDAY)
    vault.cancel_meeting(group_id, date(2026, 4, 14), CancelReason.VENUE)
    [overview] = vault.groups()  # today is Monday 2 March
    assert overview.next_meeting_on == date(2026, 5, 12)
    assert overview.next_cancelled is not None and overview.next_cancelled.held_on == date(2026, 3, 10)
    assert overview.next_starts_at is not None and overview.next_starts_at.date() == date(2026, 5, 12)
    assert (overview.next_starts_at.hour, overview.next_starts_at.minute) == (18, 30)


def test_a_discarded_meeting_is_gone_from_trends_and_from_the_list(vault: Workspace, clock: FakeClock):
    group_id = group_of(vault, "Ada", "Bo")
    held(vault, group_id, "Ada", "Bo")
    mistake = held(vault, group_id)  # opened and closed by mistake: nobody marked
    assert week(vault, group_id).held == 2
    vault.discard_meeting(group_id, mistake)
    period = week(vault, group_id)
    assert (period.held, period.mean_attendance) == (1, 2)
    assert mistake not in {meeting.id for meeting in vault.kept_meetings(group_id)}


def test_discarding_a_meeting_in_progress_ends_it_without_a_summary(vault: Workspace):
    group_id = group_of(vault, "Ada")
    meeting = vault.meeting(group_id)
    meeting.do(Arrive(vault.members(group_id)[0].id))
    vault.discard_meeting(group_id, meeting.session_id)
    assert vault.meetings_in_progress() == []
    assert vault.kept_meetings(group_id) == []
    assert stored_rows(vault, "SELECT count(*) FROM session_events") == [(0,)]
    assert not vault.locations.room_file.exists()
    assert vault.meeting(group_id).session_id != meeting.session_id  # the next one is a new meeting


def test_a_discarded_meetings_sealed_values_are_gone_from_every_file_of_the_vault(vault: Workspace):
    group_id = group_of(vault, "Ada")
    mistake = held(vault, group_id, "Ada")
    open_by_mistake = vault.meeting(group_id)
    open_by_mistake.do(Arrive(vault.members(group_id)[0].id))
    sealed = stored_rows(
        vault,
        "SELECT summary FROM sessions WHERE id = ?1 UNION ALL SELECT attendance FROM sessions WHERE id = ?1"
        " UNION ALL SELECT summary FROM sessions WHERE id = ?2 UNION ALL SELECT data FROM session_events",
        [mistake, open_by_mistake.session_id],
    )
    ciphertexts = {f"sealed {index}": row[0] for index, row in enumerate(sealed)}
    assert len(ciphertexts) == 5
    assert set(found_in(vault.locations.data, ciphertexts)) == set(ciphertexts), "the scan must see them first"
    vault.discard_meeting(group_id, open_by_mistake.session_id)
    vault.discard_meeting(group_id, mistake)
    assert found_in(vault.locations.data, ciphertexts) == []


def test_the_vault_opens_again_after_each_change_without_being_reported_as_changed_outside(
    vault_home: Path, clock: FakeClock
):
    with unlocked_workspace(vault_home, clock) as vault:
        group_id = group_of(vault, "Ada", "Bo")
        kept = held(vault, group_id, "Ada")
        mistake = held(vault, group_id)
        vault.cancel_meeting(group_id, date(2026, 3, 9), CancelReason.HOLIDAY)
        vault.discard_meeting(group_id, mistake)
        vault.correct_attendance(group_id, kept, {member.id for member in vault.members(group_id)})
    with unlocked_workspace(vault_home, clock) as vault:
        assert [meeting.headcount for meeting in vault.kept_meetings(group_id)] == [2, 0]


def test_correcting_who_came_changes_the_headcount_and_the_trends(vault: Workspace):
    group_id = group_of(vault, "Ada", "Bo", "Cy")
    meeting_id = held(vault, group_id, "Ada", "Bo")
    ids = {member.name: member.id for member in vault.members(group_id)}
    assert [(line.member.name, line.present) for line in vault.attendance_sheet(group_id, meeting_id)] == [
        ("Ada", True), ("Bo", True), ("Cy", False)
    ]
    corrected = vault.correct_attendance(group_id, meeting_id, {ids["Ada"], ids["Cy"]})
    assert corrected.headcount == 2
    assert [(line.member.name, line.present) for line in vault.attendance_sheet(group_id, meeting_id)] == [
        ("Ada", True), ("Bo", False), ("Cy", True)
    ]
    vault.correct_attendance(group_id, meeting_id, {ids["Ada"]})
    assert week(vault, group_id).mean_attendance == 1


def test_someone_who_joined_after_the_meeting_can_be_added_to_it(vault: Workspace):
    group_id = group_of(vault, "Ada")
    meeting_id = held(vault, group_id, "Ada")
    [late] = vault.add_members(group_id, [RosterEntry("Dee", None)])
    vault.correct_attendance(group_id, meeting_id, {late.id, vault.members(group_id)[0].id})
    assert vault.kept_meetings(group_id)[0].headcount == 2
    assert all(line.present for line in vault.attendance_sheet(group_id, meeting_id))


def test_a_meeting_older_than_the_groups_retention_is_not_corrected(vault: Workspace, clock: FakeClock):
    group_id = group_of(vault, "Ada")
    meeting_id = held(vault, group_id, "Ada")
    keeps = vault.group(group_id).rules.identity_retention_days
    clock.advance(timedelta(days=keeps + 1).total_seconds())
    with pytest.raises(InvalidInput, match="can no longer be corrected"):
        vault.correct_attendance(group_id, meeting_id, set())


def test_a_cancelled_date_has_no_attendance_to_correct(vault: Workspace):
    group_id = group_of(vault, "Ada")
    cancelled = vault.cancel_meeting(group_id, date(2026, 3, 1), CancelReason.HOLIDAY)
    with pytest.raises(InvalidInput, match="held"):
        vault.correct_attendance(group_id, cancelled.id, set())


def test_no_meeting_on_a_date_is_said_in_one_line():
    from circle.domain.meeting_changes import one_to_discard

    with pytest.raises(NoMeetingOnDate):
        one_to_discard(date(2026, 3, 2), [])


def test_a_date_can_be_cancelled_up_to_a_year_ahead_and_no_further(vault: Workspace, clock: FakeClock):
    group = vault.create_group("Tuesday", "support-90")
    today = clock.now().date()
    vault.cancel_meeting(group.id, today + timedelta(days=300), CancelReason.HOLIDAY)
    for day in (today + timedelta(days=400), date(9999, 12, 31), date(1999, 12, 31)):
        with pytest.raises(CancelDateOutOfRange):
            vault.cancel_meeting(group.id, day, CancelReason.HOLIDAY)


def test_the_attendance_editor_tells_two_people_of_one_name_apart(vault: Workspace):
    group = vault.create_group("Tuesday", "support-90")
    vault.add_members(group.id, [RosterEntry("Jo F.", date(2025, 3, 10)), RosterEntry("Jo F.", date(2025, 10, 13))])
    meeting_id = held(vault, group.id, "Jo F.")
    shown = [line.member.shown for line in vault.attendance_sheet(group.id, meeting_id)]
    assert shown == ["Jo F. (Mar 2025)", "Jo F. (Oct 2025)"]


def test_discarding_a_meeting_leaves_another_groups_live_meeting_on_the_room_display(vault: Workspace):
    board = RoomBoard(vault.locations.room_file)
    tuesday, thursday = group_of(vault, "Ada"), vault.create_group("Thursday", "support-90").id
    mistake = vault.meeting(tuesday)
    live = vault.meeting(thursday)  # opened after: its steps are what the room display shows
    live.do(NextPhase())
    vault.discard_meeting(tuesday, mistake.session_id)
    shown = board.read()
    assert shown is not None and shown.view.session_id == live.session_id
    vault.discard_meeting(thursday, live.session_id)
    assert board.read() is None
