"""A meeting discarded as opened by mistake stays discarded on every laptop a handoff reaches, and never comes
back with a copy of the group from before; its id is kept sealed, and a change to it is noticed."""

from __future__ import annotations

from pathlib import Path

import pytest

from circle.domain.clock import FakeClock
from circle.domain.group import Group, Member, PhaseKind
from circle.domain.handoff import HandoffUnreadable
from circle.domain.notes import NoteDraft, NoteKind
from circle.domain.session import Arrive, StartPhase, StartTurn
from circle.paths import locations
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Meeting, Workspace
from tests.conftest import PASSPHRASE
from tests.crafted_handoffs import Payload, crafted
from tests.damage import run_sql, table_dump
from tests.older_vaults import make_older
from tests.two_laptops import (  # noqa: F401 - clock, co and lead are fixtures
    START,
    a_follow_up_about_ada,
    a_follow_up_about_ada_on_both_laptops,
    clock,
    co,
    hand,
    laptop,
    lead,
)

KIMS = "harbour kettle orchard violet"


def held_meeting(workspace: Workspace, group_id: str, clock: FakeClock) -> str:
    """A meeting Ada came to, closed: its id."""
    ada = workspace.members(group_id)[0]
    meeting = workspace.meeting(group_id)
    meeting.do(Arrive(ada.id))
    clock.advance(minutes=90)
    meeting.close()
    clock.advance(minutes=24 * 60)
    return meeting.session_id


def a_group_on_both_laptops(lead: Workspace, co: Workspace, clock: FakeClock) -> tuple[str, str, str]:
    """A group with a meeting held and one opened by mistake, then closed, on both laptops: (group, held, mistake)."""
    group = lead.create_group("Tuesday")
    lead.add_member(group.id, "Ada")
    held = held_meeting(lead, group.id, clock)
    mistake = held_meeting(lead, group.id, clock)
    hand(lead, group.id, co)
    return group.id, held, mistake


def home_of(workspace: Workspace) -> Path:
    return workspace.locations.data.parent


def a_meeting_under_way_on_both_laptops(lead: Workspace, co: Workspace) -> tuple[Group, Member, Meeting]:
    """A meeting Ada has arrived at, picked up by the co-facilitator: (group, Ada, the meeting)."""
    group = lead.create_group("Tuesday")
    ada = lead.add_member(group.id, "Ada")
    meeting = lead.meeting(group.id)
    meeting.do(Arrive(ada.id))
    hand(lead, group.id, co)
    return group, ada, meeting


def kept_ids(workspace: Workspace, group_id: str) -> list[str]:
    return [meeting.id for meeting in workspace.kept_meetings(group_id)]


def test_a_meeting_discarded_here_does_not_come_back_with_a_copy_of_the_group_from_before(
    lead: Workspace, co: Workspace, clock: FakeClock
):
    group_id, held, mistake = a_group_on_both_laptops(lead, co, clock)
    lead.discard_meeting(group_id, mistake)
    imported = hand(co, group_id, lead)  # the co-facilitator's copy still has it
    assert kept_ids(lead, group_id) == [held]
    assert imported.discarded == 0 and imported.meetings == 0


def test_a_meeting_discarded_on_one_laptop_is_discarded_on_the_other_at_the_next_handoff_and_said_so(
    lead: Workspace, co: Workspace, clock: FakeClock
):
    group_id, held, mistake = a_group_on_both_laptops(lead, co, clock)
    lead.discard_meeting(group_id, mistake)
    imported = hand(lead, group_id, co)
    assert kept_ids(co, group_id) == [held]
    assert imported.discarded == 1
    assert imported.lines("Tuesday") == [
        "Brought Tuesday up to date from that handoff.",
        "1 meeting discarded on the other laptop is discarded here too.",
    ]
    assert co.trends([group_id]).groups[group_id].periods[0].held == 1  # the counts follow
    again = hand(lead, group_id, co)
    assert again.discarded == 0 and not again.changed


def test_a_discard_reaches_a_third_laptop_through_the_second(
    lead: Workspace, co: Workspace, clock: FakeClock, tmp_path: Path
):
    group_id, held, mistake = a_group_on_both_laptops(lead, co, clock)
    with laptop(tmp_path / "kims-laptop", clock, "Kim", KIMS) as third:
        hand(lead, group_id, third)
        lead.discard_meeting(group_id, mistake)
        hand(lead, group_id, co)  # the co-facilitator learns of the discard, and passes it on
        assert hand(co, group_id, third).discarded == 1
        assert kept_ids(third, group_id) == [held]
        hand(third, group_id, lead)  # and nothing brings it back to where it was discarded
    assert kept_ids(lead, group_id) == [held]


def test_a_meeting_in_progress_discarded_on_one_laptop_ends_on_the_other_and_a_new_one_can_open(
    lead: Workspace, co: Workspace
):
    group, ada, mistake = a_meeting_under_way_on_both_laptops(lead, co)  # the co-facilitator picks it up
    lead.discard_meeting(group.id, mistake.session_id)
    imported = hand(lead, group.id, co)
    assert imported.discarded == 1 and not imported.meeting_open
    assert co.meetings_in_progress() == [] and kept_ids(co, group.id) == []
    assert co.meeting(group.id).session_id != mistake.session_id


def test_a_meeting_opened_on_the_other_laptop_comes_in_when_the_one_open_here_was_discarded_there(
    lead: Workspace, co: Workspace
):
    """Not two meetings open at once: the one here is gone, by the other laptop's discard."""
    group, ada, mistake = a_meeting_under_way_on_both_laptops(lead, co)
    co.discard_meeting(group.id, mistake.session_id)
    real = co.meeting(group.id)
    real.do(Arrive(ada.id))
    hand(co, group.id, lead)
    assert lead.meetings_in_progress() == [group.id]
    assert kept_ids(lead, group.id) == [real.session_id]


def test_a_note_about_a_discarded_meeting_stays_about_no_meeting_on_both_laptops(lead: Workspace, co: Workspace):
    group, ada, mistake = a_follow_up_about_ada_on_both_laptops(lead, co)
    lead.discard_meeting(group.id, mistake)
    hand(lead, group.id, co)
    for side in (lead, co):
        assert [(note.member_id, note.session_id) for note in side.notes(group.id)] == [(ada.id, None)]


def test_a_meeting_run_on_the_other_laptop_outweighs_the_discard_of_a_stale_copy_and_comes_back_to_both(
    lead: Workspace, co: Workspace
):
    """The first laptop still shows the meeting open with nobody shared, so it offers to discard it as opened by
    mistake; meanwhile the co-facilitator ran it. A closed copy is final, as it is over an open one."""
    group, ada, meeting = a_meeting_under_way_on_both_laptops(lead, co)
    running = co.meeting(group.id)
    take_a_turn(running, ada)
    running.close()
    lead.discard_meeting(group.id, meeting.session_id)
    there = hand(lead, group.id, co)
    assert (there.discarded, there.held_here) == (0, 1) and kept_ids(co, group.id) == [meeting.session_id]
    assert "1 meeting the other laptop discarded as opened by mistake went on here, so it is kept." in there.lines("T")
    back = hand(co, group.id, lead)
    assert back.back == 1 and kept_ids(lead, group.id) == [meeting.session_id]
    for source, target in ((lead, co), (co, lead)):
        assert not hand(source, group.id, target).changed
    [kept] = lead.kept_meetings(group.id)
    assert kept.shared_turns + kept.passed_turns == 1


def test_a_discard_of_a_held_meeting_outweighs_a_copy_still_open_on_the_other_laptop(
    lead: Workspace, co: Workspace
):
    group, ada, meeting = a_meeting_under_way_on_both_laptops(lead, co)
    meeting.close()
    lead.discard_meeting(group.id, meeting.session_id)  # a held meeting, discarded on purpose
    assert hand(lead, group.id, co).discarded == 1
    assert co.meetings_in_progress() == [] and kept_ids(co, group.id) == []


def test_a_discard_on_purpose_replaces_a_discard_of_the_same_meeting_as_a_mistake_and_reaches_a_copy_that_went_on(
    lead: Workspace, co: Workspace, clock: FakeClock, tmp_path: Path
):
    group, ada, meeting = a_meeting_under_way_on_both_laptops(lead, co)
    with laptop(tmp_path / "kims-laptop", clock, "Kim", KIMS) as third:
        hand(lead, group.id, third)
        take_a_turn(third.meeting(group.id), ada)  # it went on there, and Kim has not handed it back
        lead.discard_meeting(group.id, meeting.session_id)  # a stale copy, open: a mistake, as far as it knew
        closing = co.meeting(group.id)
        closing.close()
        co.discard_meeting(group.id, closing.session_id)  # held, and discarded on purpose
        hand(co, group.id, lead)
        assert hand(lead, group.id, third).discarded == 1
        assert kept_ids(third, group.id) == [] and third.meetings_in_progress() == []
        pairs = ((lead, co), (co, lead), (third, lead), (lead, third))
        rounds = [[hand(source, group.id, target).changed for source, target in pairs] for _ in range(3)]
        assert rounds[2] == [False] * 4  # handles reach the third laptop by the second round; then they all agree
        assert kept_ids(lead, group.id) == kept_ids(co, group.id) == kept_ids(third, group.id) == []


def take_a_turn(meeting: Meeting, member: Member) -> None:
    sharing = next(i for i, part in enumerate(meeting.state.phases) if part.kind is PhaseKind.SHARING)
    meeting.do(StartPhase(sharing))
    meeting.do(StartTurn(member.id))


def test_a_note_about_a_discarded_meeting_comes_in_on_a_laptop_that_never_held_the_meeting(
    lead: Workspace, co: Workspace
):
    """Who came went with the meeting; the note was checked when it was written, about Ada, who came."""
    group, ada, meeting_id = a_follow_up_about_ada(lead)
    lead.discard_meeting(group.id, meeting_id)
    imported = hand(lead, group.id, co)  # the co-facilitator's first copy of the group
    assert imported.notes_left_out == 0
    assert [(note.member_id, note.session_id) for note in co.notes(group.id)] == [(ada.id, None)]


def test_a_note_coming_in_about_a_meeting_discarded_here_comes_in_about_no_meeting(lead: Workspace, co: Workspace):
    group, ada, mistake = a_meeting_under_way_on_both_laptops(lead, co)
    lead.discard_meeting(group.id, mistake.session_id)
    co.meeting(group.id).note(NoteDraft(NoteKind.FOLLOW_UP, member_id=ada.id))  # not yet told of the discard
    hand(co, group.id, lead)
    assert [(note.member_id, note.session_id) for note in lead.notes(group.id)] == [(ada.id, None)]
    assert lead.meetings_in_progress() == [] and kept_ids(lead, group.id) == []


def test_the_discarded_ids_are_sealed_under_the_groups_key(lead: Workspace, co: Workspace, clock: FakeClock):
    group_id, _, mistake = a_group_on_both_laptops(lead, co, clock)
    lead.discard_meeting(group_id, mistake)
    [(sealed,)] = run_sql(home_of(lead), "SELECT discarded FROM groups")
    assert sealed is not None and mistake.encode() not in sealed
    whole_file = lead.locations.vault_file.read_bytes()
    assert mistake.encode() not in whole_file


def test_discarding_an_id_no_meeting_of_the_group_has_remembers_nothing(lead: Workspace):
    group = lead.create_group("Tuesday")
    other = lead.create_group("Thursday")
    elsewhere = lead.meeting(other.id).session_id
    lead.discard_meeting(group.id, elsewhere)  # another group's meeting: never this group's to discard
    lead.discard_meeting(group.id, "no-such-meeting")
    assert run_sql(home_of(lead), "SELECT discarded FROM groups") == [(None,), (None,)]
    assert lead.meetings_in_progress() == [other.id]


def discarding(meeting_id: str, status: object = "closed"):  # type: ignore[no-untyped-def]
    def edit(payload: Payload) -> None:
        payload["discarded"] = {meeting_id: status}

    return edit


CRAFTED = {
    "not an object": lambda payload: payload.update(discarded=["x"]),
    "a status no meeting has": discarding("x", "forgotten"),
    "a status that is not text": discarding("x", 1),
    "an empty id": discarding(""),
    "an id longer than any circle makes": discarding("x" * 65),
    "a meeting the payload also holds": lambda payload: discarding(payload["meetings"][0]["id"])(payload),
}


@pytest.mark.parametrize("edit", CRAFTED, ids=list(CRAFTED))
def test_a_crafted_list_of_discarded_meetings_is_refused_whole_and_the_vault_is_untouched(
    lead: Workspace, co: Workspace, clock: FakeClock, edit: str
):
    group_id, _, _ = a_group_on_both_laptops(lead, co, clock)
    out = lead.export_handoff(group_id, kdf=FLOOR_KDF)
    before = table_dump(home_of(co))
    with pytest.raises(HandoffUnreadable):
        co.import_handoff(crafted(out.data, out.code, CRAFTED[edit]), out.code)
    assert table_dump(home_of(co)) == before


def test_a_handoff_from_before_discarded_meetings_were_remembered_comes_in_as_discarding_none(
    lead: Workspace, co: Workspace, clock: FakeClock
):
    group_id, held, mistake = a_group_on_both_laptops(lead, co, clock)
    lead.discard_meeting(group_id, mistake)
    out = lead.export_handoff(group_id, kdf=FLOOR_KDF)
    older = crafted(out.data, out.code, lambda payload: payload.pop("discarded"))
    imported = co.import_handoff(older, out.code)
    assert imported.discarded == 0 and kept_ids(co, group_id) == [held, mistake]


def test_a_vault_from_the_release_before_opens_unchanged_and_remembers_its_first_discard(vault_home: Path):
    clock = FakeClock(START)
    with Workspace.open(vault_home, clock=clock) as sam:
        sam.unlock(PASSPHRASE)
        group = sam.create_group("Tuesday")
        sam.add_member(group.id, "Ada")
        held = held_meeting(sam, group.id, clock)
        mistake = held_meeting(sam, group.id, clock)
    make_older(vault_home, PASSPHRASE, last_migration="m011_period_counts")
    assert "discarded" not in {row[1] for row in run_sql(vault_home, "PRAGMA table_info(groups)")}
    with Workspace.open(vault_home, clock=clock) as sam:
        sam.unlock(PASSPHRASE)  # the manifest sealed by the release before still matches
        assert kept_ids(sam, group.id) == [held, mistake]
        sam.discard_meeting(group.id, mistake)
    with Workspace.open(vault_home, clock=clock) as sam:
        sam.unlock(PASSPHRASE)
        assert kept_ids(sam, group.id) == [held]


def test_a_reader_opens_a_vault_from_the_release_before_as_it_is_checking_every_part(vault_home: Path):
    """`circle trends` and the room display read a vault beside a running circle and never migrate it: the
    column of discarded meetings is not there yet, and no manifest of that vault names it."""
    with Workspace.open(vault_home) as sam:
        sam.unlock(PASSPHRASE)
        sam.create_group("Tuesday")
    make_older(vault_home, PASSPHRASE, last_migration="m011_period_counts")
    before = table_dump(vault_home)
    for rows_as_read in (True, False):
        with Workspace.open_to_read(locations(vault_home)) as view:
            view.unlock(PASSPHRASE, rows_as_read=rows_as_read)
            assert [overview.name for overview in view.groups()] == ["Tuesday"]
    assert table_dump(vault_home) == before
