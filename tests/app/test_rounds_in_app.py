"""Under Pilot: a round ready as its part starts, a late arrival joining it, asking before leaving people
out, the present listed first, and someone stepping out and back."""

from __future__ import annotations

from circle.ui.app import CircleApp
from circle.ui.screens.crisis_card import CrisisCard
from circle.ui.screens.dialogs import Confirm
from circle.ui.screens.meeting import MeetingScreen
from circle.ui.widgets.meeting.people_table import PeopleTable
from circle.workspace import Workspace
from tests.app.conftest import at_home, press_keys

# From home: the meeting, Ada and Alan here (the roster's first two), the opening, the agreements read,
# and the check-in, its round lined up in the roster's order.
TO_THE_CHECK_IN = ("m", "enter", "down", "enter", "n", "r", "n")


def listed(app: CircleApp) -> list[tuple[str, str]]:
    """(name, status) of each row of the people table, top to bottom."""
    table = app.screen.query_one(PeopleTable)
    return [(str(table.get_row_at(row)[1]), str(table.get_row_at(row)[2])) for row in range(table.row_count)]


def names(app: CircleApp, meeting, ids) -> list[str]:
    return [meeting.name(member_id) for member_id in ids]


async def test_the_check_in_is_lined_up_at_once_and_a_late_arrival_joins_its_end(
    workspace_with_group: Workspace,
) -> None:
    async with at_home(workspace_with_group, (100, 36)) as (app, pilot):
        await press_keys(pilot, *TO_THE_CHECK_IN)
        meeting = app.screen.meeting
        assert names(app, meeting, meeting.state.still_to_speak) == ["Ada L.", "Alan T."]
        await press_keys(pilot, "space")  # no `o` needed: Ada's turn
        assert meeting.name(meeting.state.speaker) == "Ada L."
        assert listed(app)[:2] == [("Ada L.", "▶ speaking"), ("Alan T.", "next")]

        # Grace arrives late: the cursor is on her (the absent are listed below), and she is marked here.
        table = app.screen.query_one(PeopleTable)
        table.move_cursor(row=2)
        await press_keys(pilot, "t")
        assert names(app, meeting, meeting.state.still_to_speak) == ["Alan T.", "Grace H."]
        assert table.highlighted_member == meeting.state.still_to_speak[-1]  # the cursor stayed on her
        await press_keys(pilot, "space", "space", "space", "space")  # Ada done, Alan's turn and done, then hers
        assert meeting.name(meeting.state.speaker) == "Grace H."


async def test_leaving_sharing_with_people_queued_asks_and_escape_stays(
    workspace_with_group: Workspace,
) -> None:
    async with at_home(workspace_with_group, (100, 36)) as (app, pilot):
        await press_keys(pilot, *TO_THE_CHECK_IN, "p", "p", "n")  # both pass: nobody is left, no question
        meeting = app.screen.meeting
        assert meeting.state.phase is not None and meeting.state.phase.value == "sharing"
        await press_keys(pilot, "home", "a", "down", "a")
        assert [status for _, status in listed(app)[:2]] == ["next", "in queue: 2"]

        await press_keys(pilot, "n")
        assert isinstance(app.screen, Confirm)
        assert "2 people are still in the sharing queue." in str(app.screen.question)
        await press_keys(pilot, "escape")
        assert isinstance(app.screen, MeetingScreen) and meeting.state.phase.value == "sharing"
        assert len(meeting.state.queue) == 2

        await press_keys(pilot, "n", "y")
        assert meeting.state.phase.value == "break" and meeting.state.queue == ()
        assert all("queue" not in status and status != "next" for _, status in listed(app))


async def test_n_from_an_unread_opening_asks_first(workspace_with_group: Workspace) -> None:
    async with at_home(workspace_with_group, (100, 36)) as (app, pilot):
        await press_keys(pilot, "m", "enter", "n", "n")
        assert isinstance(app.screen, Confirm)
        assert "agreements have not been marked read" in str(app.screen.question)
        await press_keys(pilot, "y")
        assert app.screen.meeting.state.phase.value == "check_in"


async def test_space_with_nobody_lined_up_gives_the_turn_to_the_highlighted_person(
    workspace_with_group: Workspace,
) -> None:
    async with at_home(workspace_with_group, (100, 36)) as (app, pilot):
        await press_keys(pilot, *TO_THE_CHECK_IN, "o", "o")  # roster, then random, then volunteers
        meeting = app.screen.meeting
        assert meeting.state.round_order_mode == "volunteers" and meeting.state.next_up is None
        table = app.screen.query_one(PeopleTable)
        table.move_cursor(row=1)
        chosen = table.highlighted_member
        await press_keys(pilot, "space")
        assert meeting.state.speaker == chosen


async def test_s_steps_the_speaker_out_ending_their_turn_and_s_again_brings_them_back(
    workspace_with_group: Workspace,
) -> None:
    async with at_home(workspace_with_group, (100, 36)) as (app, pilot):
        await press_keys(pilot, *TO_THE_CHECK_IN, "space")
        meeting = app.screen.meeting
        ada = meeting.state.speaker
        app.screen.query_one(PeopleTable).move_cursor(row=0)
        await press_keys(pilot, "s")
        assert meeting.state.speaker is None and meeting.state.stepped_out == {ada}
        assert ("Ada L.", "stepped out") in listed(app)
        assert all(status != "▶ speaking" for _, status in listed(app))
        assert meeting.name(meeting.state.next_up) == "Alan T."  # the round passes her by

        table = app.screen.query_one(PeopleTable)
        table.move_cursor(row=table.get_row_index(ada))
        await press_keys(pilot, "s")
        assert meeting.state.stepped_out == frozenset()
        assert meeting.state.stepped_out_count == 1


async def test_the_crisis_card_names_who_stepped_out_the_highlighted_person_offered_first(
    workspace_with_group: Workspace,
) -> None:
    async with at_home(workspace_with_group, (100, 36)) as (app, pilot):
        await press_keys(pilot, *TO_THE_CHECK_IN)
        meeting = app.screen.meeting
        table = app.screen.query_one(PeopleTable)
        table.move_cursor(row=1)
        alan = table.highlighted_member
        await press_keys(pilot, "exclamation_mark")
        assert isinstance(app.screen, CrisisCard)
        await press_keys(pilot, "s", "enter", "escape")
        assert meeting.state.stepped_out == {alan}
        assert ("Alan T.", "stepped out") in listed(app)


async def test_someone_who_came_late_still_reads_as_late_once_next_and_once_they_have_shared(
    workspace_with_group: Workspace,
) -> None:
    async with at_home(workspace_with_group, (100, 36)) as (app, pilot):
        await press_keys(pilot, *TO_THE_CHECK_IN, "space")  # Ada's turn
        table = app.screen.query_one(PeopleTable)
        table.move_cursor(row=2)
        await press_keys(pilot, "t")  # Grace arrives late
        (late,) = app.screen.meeting.state.late

        def grace() -> tuple[str, str]:
            here, _, status = (str(cell) for cell in table.get_row(late))
            return here, status

        await press_keys(pilot, "space", "space")  # Ada done; Alan's turn, and Grace is next
        assert grace() == ("late", "next")
        await press_keys(pilot, "space", "space", "space")  # Alan done; Grace's turn, and done
        assert grace() == ("late", "shared ✓")
