"""Under Pilot: a group's meetings listed, a date cancelled, a meeting discarded (from the list and from the
meeting itself), and who came to a past meeting corrected."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from textual.widgets import DataTable, Input

from circle.domain.clock import FakeClock
from circle.domain.records import CancelReason, MeetingStatus
from circle.domain.schedule import Schedule
from circle.domain.session import Arrive, StartPhase
from circle.domain.trends.periods import Period
from circle.ui.screens.attendance import AttendanceEditor
from circle.ui.screens.home import HomeScreen
from circle.ui.screens.meeting import MeetingScreen
from circle.ui.screens.meetings import MeetingsScreen
from circle.workspace import Workspace
from tests.app.conftest import (
    PASSPHRASE,
    at_home,
    press_keys,
    said,
    shown_text,
    to_a_sharing_turn,
    unlock_on_screen,
)

MONDAY = datetime(2026, 3, 2, 19, 0, tzinfo=UTC)
NEXT_MONDAY = date(2026, 3, 9)


def with_a_meeting_held(workspace: Workspace, *came: str) -> str:
    """The group's meeting of Monday 2 March, with these of its members there; the group's id."""
    workspace.clock = FakeClock(MONDAY)
    workspace.unlock(PASSPHRASE)
    group_id = workspace.groups()[0].id
    meeting = workspace.meeting(group_id)
    for member in workspace.members(group_id):
        if member.name in came:
            meeting.do(Arrive(member.id))
    meeting.close()
    workspace.set_next_meeting(group_id, NEXT_MONDAY)
    return group_id


async def to_the_meetings(pilot) -> MeetingsScreen:  # type: ignore[no-untyped-def]
    await press_keys(pilot, "enter", "f8")
    screen = pilot.app.screen
    assert isinstance(screen, MeetingsScreen)
    return screen


async def test_f7_on_a_group_lists_its_meetings_with_how_many_came(workspace_with_group: Workspace) -> None:
    with_a_meeting_held(workspace_with_group, "Ada L.", "Alan T.")
    async with at_home(workspace_with_group) as (app, pilot):
        await to_the_meetings(pilot)
        table = app.screen.query_one("#meetings", DataTable)
        assert table.get_row_at(0) == ["Mon 02 Mar 2026 19:00", "held", "2"]


async def test_c_cancels_the_next_meeting_with_a_reason_and_home_says_so(workspace_with_group: Workspace) -> None:
    group_id = with_a_meeting_held(workspace_with_group, "Ada L.")
    async with at_home(workspace_with_group) as (app, pilot):
        await to_the_meetings(pilot)
        await press_keys(pilot, "c")
        assert app.screen.query_one(Input).value == NEXT_MONDAY.isoformat()  # the next meeting, offered
        await press_keys(pilot, "enter", "down", "enter")  # the second reason: the facilitator is unwell
        assert "cancelled: facilitator unwell" in shown_text(app)
        [_, cancelled] = workspace_with_group.kept_meetings(group_id)
        assert (cancelled.held_on, cancelled.status, cancelled.cancel_reason) == (
            NEXT_MONDAY, MeetingStatus.CANCELLED, CancelReason.UNWELL
        )
        await press_keys(pilot, "escape", "escape")
        assert isinstance(app.screen, HomeScreen)
        next_meeting = app.screen.query_one("#groups", DataTable).get_row_at(0)[1]
        # No schedule to say when after it; the date cancelled under it, on two lines to fit in 80 columns.
        assert next_meeting == "not set\n09 Mar cancelled (unwell)"
        assert "cancelled (unwell)" in shown_text(app)


async def test_a_date_that_has_a_meeting_is_not_cancelled_and_the_reason_is_said(
    workspace_with_group: Workspace,
) -> None:
    group_id = with_a_meeting_held(workspace_with_group, "Ada L.")
    async with at_home(workspace_with_group) as (app, pilot):
        await to_the_meetings(pilot)
        await press_keys(pilot, "c")
        app.screen.query_one(Input).value = "2026-03-02"
        await press_keys(pilot, "enter", "enter")
        assert any("already has a meeting" in line for line in said(app))
        assert [meeting.status for meeting in workspace_with_group.kept_meetings(group_id)] == [MeetingStatus.CLOSED]


async def test_a_date_typed_wrongly_is_refused_in_one_line(workspace_with_group: Workspace) -> None:
    group_id = with_a_meeting_held(workspace_with_group)
    async with at_home(workspace_with_group) as (app, pilot):
        await to_the_meetings(pilot)
        await press_keys(pilot, "c")
        app.screen.query_one(Input).value = "9 March"
        await press_keys(pilot, "enter")
        assert any("YYYY-MM-DD" in line for line in said(app))
        assert isinstance(app.screen, MeetingsScreen)
        assert len(workspace_with_group.kept_meetings(group_id)) == 1


async def test_x_discards_a_meeting_after_asking_and_trends_forget_it(workspace_with_group: Workspace) -> None:
    group_id = with_a_meeting_held(workspace_with_group)  # opened and closed by mistake: nobody there
    async with at_home(workspace_with_group) as (app, pilot):
        await to_the_meetings(pilot)
        await press_keys(pilot, "x", "n")
        assert len(workspace_with_group.kept_meetings(group_id)) == 1
        await press_keys(pilot, "x", "y")
        assert workspace_with_group.kept_meetings(group_id) == []
        assert workspace_with_group.trends([group_id], by=Period.WEEK).groups == {}
        assert "No meetings yet" in shown_text(app)


async def test_a_meeting_opened_by_mistake_is_discarded_from_the_meeting_before_anyone_shares(
    workspace_with_group: Workspace,
) -> None:
    async with at_home(workspace_with_group) as (app, pilot):
        group_id = workspace_with_group.groups()[0].id
        await press_keys(pilot, "m", "enter")  # opened, and someone marked here
        assert isinstance(app.screen, MeetingScreen)
        await press_keys(pilot, "D", "y")
        assert isinstance(app.screen, HomeScreen)
        assert workspace_with_group.meetings_in_progress() == []
        assert workspace_with_group.kept_meetings(group_id) == []
        assert any("discarded" in line for line in said(app))


async def test_once_someone_has_shared_the_meeting_is_not_discarded_from_its_screen(
    workspace_with_group: Workspace,
) -> None:
    async with at_home(workspace_with_group, (100, 36)) as (app, pilot):
        group_id = workspace_with_group.groups()[0].id
        screen = await to_a_sharing_turn(pilot)
        await press_keys(pilot, "space")  # the turn ends: someone has shared
        assert isinstance(screen, MeetingScreen) and screen.meeting.state.shared_count == 1
        await press_keys(pilot, "D")
        assert app.screen is screen  # no question asked
        assert workspace_with_group.meetings_in_progress() == [group_id]


async def test_enter_on_a_past_meeting_corrects_who_came_and_the_counts_follow(workspace_with_group: Workspace) -> None:
    group_id = with_a_meeting_held(workspace_with_group, "Ada L.", "Alan T.")
    async with at_home(workspace_with_group) as (app, pilot):
        await to_the_meetings(pilot)
        await press_keys(pilot, "enter")
        assert isinstance(app.screen, AttendanceEditor)
        assert "2 of 3 marked here" in shown_text(app)
        # Sorted by name: Ada, Alan, Grace. Alan was marked by mistake; Grace came.
        await press_keys(pilot, "down", "space", "down", "space")
        assert "2 of 3 marked here" in shown_text(app)
        await press_keys(pilot, "ctrl+s")
        assert isinstance(app.screen, MeetingsScreen)
        assert any("Attendance corrected: 2 there" in line for line in said(app))
    sheet = workspace_with_group.attendance_sheet(group_id, workspace_with_group.kept_meetings(group_id)[0].id)
    assert [(line.member.name, line.present) for line in sheet] == [
        ("Ada L.", True), ("Alan T.", False), ("Grace H.", True)
    ]


async def test_leaving_the_attendance_without_saving_changes_nothing(workspace_with_group: Workspace) -> None:
    group_id = with_a_meeting_held(workspace_with_group, "Ada L.")
    async with at_home(workspace_with_group) as (app, pilot):
        await to_the_meetings(pilot)
        await press_keys(pilot, "enter", "space", "escape")
        assert isinstance(app.screen, MeetingsScreen)
    assert workspace_with_group.kept_meetings(group_id)[0].headcount == 1


async def test_locking_in_the_attendance_editor_comes_back_to_the_same_marks(workspace_with_group: Workspace) -> None:
    group_id = with_a_meeting_held(workspace_with_group, "Ada L.")
    async with at_home(workspace_with_group) as (app, pilot):
        await to_the_meetings(pilot)
        await press_keys(pilot, "enter", "down", "space", "ctrl+l")
        assert "Alan" not in shown_text(app)
        await unlock_on_screen(pilot)
        assert isinstance(app.screen, AttendanceEditor)
        assert "2 of 3 marked here" in shown_text(app)
        await press_keys(pilot, "ctrl+s")
    assert workspace_with_group.kept_meetings(group_id)[0].headcount == 2


async def test_the_next_meeting_reads_as_home_writes_it_in_the_closing_and_the_summary(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    workspace.clock = FakeClock(MONDAY)
    workspace.unlock(PASSPHRASE)
    group = workspace.group(workspace.groups()[0].id)
    workspace.save_group(replace(group, profile=replace(group.profile, schedule=Schedule(weekday=0))))
    meeting = workspace.meeting(group.id)
    meeting.do(StartPhase(len(meeting.state.phases) - 1, confirmed=True))
    workspace.lock()
    async with at_home(workspace, (120, 36)) as (app, pilot):  # the open meeting comes back at once
        await press_keys(pilot, "d", "enter")  # the day offered: the schedule's next
        guidance = app.screen.query_one("#guidance").content.plain
        assert "Next meeting: Mon 09 Mar" in guidance and "2026-03-09" not in guidance
        await press_keys(pilot, "c", "y")
        assert "Next meeting   Mon 09 Mar" in str(app.screen.query_one("#summary").render())
        await press_keys(pilot, "escape")
        assert app.screen.query_one("#groups", DataTable).get_row_at(0)[1] == "Mon 09 Mar"


async def test_the_closing_offers_the_next_meeting_day_that_is_not_cancelled(workspace_with_group: Workspace) -> None:
    workspace = workspace_with_group
    workspace.clock = FakeClock(MONDAY)
    workspace.unlock(PASSPHRASE)
    group = workspace.group(workspace.groups()[0].id)
    workspace.save_group(replace(group, profile=replace(group.profile, schedule=Schedule(weekday=0))))
    workspace.cancel_meeting(group.id, NEXT_MONDAY, CancelReason.HOLIDAY)
    meeting = workspace.meeting(group.id)
    meeting.do(StartPhase(len(meeting.state.phases) - 1, confirmed=True))
    workspace.lock()
    async with at_home(workspace) as (app, pilot):
        await press_keys(pilot, "m", "d")
        assert app.screen.query_one(Input).value == "2026-03-16"  # the 9th is cancelled
