"""Handoff between two real vaults: out to a co-facilitator's laptop and back, twice, tampered, or mistyped."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from circle.domain.clock import FakeClock
from circle.domain.errors import CircleError
from circle.domain.handoff import TwoMeetingsOpen
from circle.domain.records import CancelReason, MeetingStatus
from circle.domain.rules import NamesPolicy
from circle.domain.session import Arrive, EndTurn, EventKind, NextPhase, StartPhase, StartTurn
from circle.domain.group import PhaseKind
from circle.vault.errors import HandoffTooNew, NotAHandoff, WrongHandoffCode
from circle.vault.handoff import MAGIC
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace
from circle.workspace.handoff import GroupNotYours
from tests.conftest import PASSPHRASE
from tests.damage import table_dump
from tests.stored_rows import opened_meetings
from tests.two_laptops import START, a_follow_up_about_ada_on_both_laptops, clock, co, lead  # noqa: F401 - fixtures

def group_in_a_turn(workspace: Workspace) -> tuple[str, str]:
    """A group of three, two of them here, in the middle of the first sharing turn. Returns (group, speaker)."""
    group = workspace.create_group("Tuesday")
    for name in ("Ada", "Grace", "Alan"):
        workspace.add_member(group.id, name)
    members = workspace.members(group.id)
    meeting = workspace.meeting(group.id)
    for member in members[:2]:
        meeting.do(Arrive(member.id))
    sharing = next(i for i, part in enumerate(meeting.state.phases) if part.kind is PhaseKind.SHARING)
    meeting.do(StartPhase(sharing))
    meeting.do(StartTurn(members[0].id))
    return group.id, members[0].id


def export(workspace: Workspace, group_id: str):
    return workspace.export_handoff(group_id, kdf=FLOOR_KDF)


def test_a_live_meeting_resumes_on_the_other_laptop_at_the_same_phase_speaker_and_timer(
    lead: Workspace, co: Workspace, clock: FakeClock
):
    group_id, speaker = group_in_a_turn(lead)
    clock.advance(70)
    there = lead.meeting(group_id).state
    bundle = export(lead, group_id)

    clock.advance(30)  # the file travels; the meeting goes on in the room
    imported = co.import_handoff(bundle.data, bundle.code.lower().replace("-", " "))
    assert imported.new_group and imported.meeting_open and imported.group_name == "Tuesday"
    assert sorted(member.name for member in co.members(group_id)) == ["Ada", "Alan", "Grace"]
    state = co.meeting(group_id).state
    assert state.phase is PhaseKind.SHARING and state.speaker == speaker
    assert state.speaker_timer.started_at == there.speaker_timer.started_at
    assert state.speaker_timer.remaining(clock.now()) == pytest.approx(there.speaker_timer.remaining(START) - 100)
    assert state.facilitator_id == co.facilitator_id, "opening it there is the takeover"
    facilitated = co.meeting(group_id).close().facilitated
    assert [handle for handle, _ in facilitated] == ["Sam", "Robin"], "the lead's handle came with the group"


def test_a_full_round_trip_brings_back_what_happened_on_the_other_laptop(
    lead: Workspace, co: Workspace, clock: FakeClock
):
    group_id, speaker = group_in_a_turn(lead)
    out = export(lead, group_id)
    co.import_handoff(out.data, out.code)
    there = co.meeting(group_id)
    clock.advance(120)
    there.do(EndTurn())
    there.do(NextPhase())
    back = export(co, group_id)

    merged = lead.import_handoff(back.data, back.code)
    assert merged.changed and not merged.new_group and merged.set_aside == 0
    assert merged.events == 3  # the takeover, the turn's end, the next part
    here = lead.meeting(group_id)
    assert (here.state.phase_index, here.state.speaker) == (there.state.phase_index, None)
    assert here.state.shared_count == there.state.shared_count == 1
    kinds = [event.kind for event in here.events]
    assert kinds[-4:] == [
        EventKind.FACILITATOR_CHANGED, EventKind.TURN_ENDED, EventKind.PHASE_STARTED, EventKind.FACILITATOR_CHANGED
    ]
    assert here.state.facilitator_id == lead.facilitator_id, "opening it back here takes it back"


def test_importing_the_same_bundle_twice_changes_nothing_the_second_time(
    lead: Workspace, co: Workspace, vault_home: Path
):
    group_id, _ = group_in_a_turn(lead)
    out = export(lead, group_id)
    co.import_handoff(out.data, out.code)
    co.meeting(group_id).do(EndTurn())
    back = export(co, group_id)
    first = lead.import_handoff(back.data, back.code)
    assert first.changed
    before = table_dump(vault_home)
    second = lead.import_handoff(back.data, back.code)
    assert not second.changed and second.events == 0 and second.members == 0
    assert table_dump(vault_home) == before


def test_a_meeting_closed_on_the_other_laptop_comes_back_closed_with_its_attendance(
    lead: Workspace, co: Workspace, vault_home: Path
):
    group_id, speaker = group_in_a_turn(lead)
    out = export(lead, group_id)
    co.import_handoff(out.data, out.code)
    result = co.meeting(group_id).close()
    back = export(co, group_id)
    merged = lead.import_handoff(back.data, back.code)
    assert merged.meetings == 1 and not merged.meeting_open
    assert lead.meetings_in_progress() == []
    rows = table_dump(vault_home)
    assert rows["session_events"] == []
    (session,) = [row for row in rows["sessions"] if row[1] == group_id]
    opened = opened_meetings(vault_home / "data" / "circle.db", PASSPHRASE)[session[0]]
    assert session[3] == "closed" and opened.summary["headcount"] == result.counts.headcount == 2
    assert sum(present for _, present, *_ in opened.attendance) == 2


def test_events_made_on_both_sides_are_merged_in_time_order(lead: Workspace, co: Workspace, clock: FakeClock):
    group_id, _ = group_in_a_turn(lead)
    out = export(lead, group_id)
    co.import_handoff(out.data, out.code)
    there = co.meeting(group_id)  # t: the takeover there
    clock.advance(10)
    lead.meeting(group_id).do(EndTurn())  # t+10, here
    clock.advance(10)
    there.do(NextPhase())  # t+20, there (the turn there is still under way, so it ends with it)
    back = export(co, group_id)
    merged = lead.import_handoff(back.data, back.code)
    times = [event.at for event in lead.meeting(group_id).events]
    assert times == sorted(times)
    assert merged.events >= 2


def test_a_wrong_code_is_one_line_and_the_vault_is_untouched(lead: Workspace, co: Workspace, tmp_path: Path):
    group_id, _ = group_in_a_turn(lead)
    out = export(lead, group_id)
    before = table_dump(tmp_path / "robins-laptop")
    wrong = "AAAA-BBBB-CCCC-DDDD" if out.code != "AAAA-BBBB-CCCC-DDDD" else "EEEE-FFFF-GGGG-HHHH"
    with pytest.raises(WrongHandoffCode) as refused:
        co.import_handoff(out.data, wrong)
    assert "\n" not in str(refused.value)
    assert table_dump(tmp_path / "robins-laptop") == before


def test_any_byte_changed_or_cut_anywhere_in_the_bundle_is_refused_and_the_vault_is_untouched(
    lead: Workspace, co: Workspace, tmp_path: Path
):
    group_id, _ = group_in_a_turn(lead)
    out = export(lead, group_id)
    before = table_dump(tmp_path / "robins-laptop")
    for offset in range(len(out.data)):
        damaged = bytearray(out.data)
        damaged[offset] ^= 0x40
        with pytest.raises(CircleError):
            co.import_handoff(bytes(damaged), out.code)
    for length in range(0, len(out.data), 7):
        with pytest.raises(CircleError):
            co.import_handoff(out.data[:length], out.code)
    assert table_dump(tmp_path / "robins-laptop") == before
    assert co.groups() == []


def test_a_bundle_from_a_newer_circle_and_a_file_that_is_no_bundle_are_refused(lead: Workspace, co: Workspace):
    group_id, _ = group_in_a_turn(lead)
    out = export(lead, group_id)
    newer = bytearray(out.data[:-32])
    newer[len(MAGIC)] = 2
    with pytest.raises(HandoffTooNew):
        co.import_handoff(bytes(newer) + hashlib.sha256(newer).digest(), out.code)
    with pytest.raises(NotAHandoff):
        co.import_handoff(b"name,joined\nAda,2026-01-01\n", out.code)


def test_a_bundle_for_a_group_held_here_by_other_facilitators_only_is_refused(
    lead: Workspace, co: Workspace, tmp_path: Path, clock: FakeClock
):
    group_id, _ = group_in_a_turn(lead)
    out = export(lead, group_id)
    co.import_handoff(out.data, out.code)
    mine = co.create_group("Robin's own")
    co.add_cofacilitator(mine.id, "Kit", "kits own passphrase", kdf=FLOOR_KDF)
    co.lock()
    co.unlock("kits own passphrase")
    with pytest.raises(GroupNotYours):
        co.import_handoff(out.data, out.code)


def test_a_different_meeting_open_on_each_side_is_refused_untouched(lead: Workspace, co: Workspace, tmp_path: Path):
    group_id, _ = group_in_a_turn(lead)
    out = export(lead, group_id)
    co.import_handoff(out.data, out.code)
    co.meeting(group_id).close()
    co.meeting(group_id)  # a new meeting there
    lead.meeting(group_id).close()
    lead.meeting(group_id)  # and another here
    back = export(co, group_id)
    with pytest.raises(TwoMeetingsOpen):
        lead.import_handoff(back.data, back.code)


def test_names_come_in_only_as_this_vaults_rules_keep_them(lead: Workspace, co: Workspace):
    group_id, _ = group_in_a_turn(lead)
    out = export(lead, group_id)
    co.import_handoff(out.data, out.code)
    lead.meeting(group_id).close()
    lead.add_member(group_id, "Grace Hopper")
    co_rules = co.group(group_id).rules
    co.meeting(group_id).close()
    co.change_rules(group_id, replace(co_rules, names=NamesPolicy.INITIALS))
    back = export(lead, group_id)
    co.import_handoff(back.data, back.code)
    names = [member.name for member in co.members(group_id)]
    assert "G. H." in names and "Grace Hopper" not in names


# ---- one signing key for every copy of a group (docs/FORMAT.md 13.8) ------------------------------------------------


def test_a_co_facilitators_copy_signs_lead_bundles_with_the_same_key_and_takes_a_newer_one_only(
    lead: Workspace, co: Workspace, clock: FakeClock
):
    group = lead.create_group("Tuesday")
    first = lead.lead_fingerprint(group.id)
    co.import_handoff(*astuple_of(export(lead, group.id)))
    assert co.lead_fingerprint(group.id) == first

    clock.advance(minutes=5)
    lead.add_cofacilitator(group.id, "Rowan Q.", "juniper kettle orchard violet", kdf=FLOOR_KDF)
    [rowan] = [entry for entry in lead.facilitators(group.id) if entry.handle == "Rowan Q."]
    lead.remove_facilitator(group.id, rowan.id)  # Rowan knew the old key: a new one is made with the new group key
    rotated = lead.lead_fingerprint(group.id)
    assert rotated != first and co.lead_fingerprint(group.id) == first

    lead.import_handoff(*astuple_of(export(co, group.id)))  # the older copy does not bring the old key back
    assert lead.lead_fingerprint(group.id) == rotated
    co.import_handoff(*astuple_of(export(lead, group.id)))
    assert co.lead_fingerprint(group.id) == rotated


def astuple_of(handoff) -> tuple[bytes, str]:  # type: ignore[no-untyped-def]
    return handoff.data, handoff.code


def test_a_date_cancelled_on_the_other_laptop_comes_back_cancelled_with_its_reason(lead: Workspace, co: Workspace):
    group_id, _ = group_in_a_turn(lead)
    out = export(lead, group_id)
    co.import_handoff(out.data, out.code)
    co.cancel_meeting(group_id, date(2026, 11, 25), CancelReason.VENUE)
    back = export(co, group_id)
    lead.import_handoff(back.data, back.code)
    cancelled = [meeting for meeting in lead.kept_meetings(group_id) if meeting.status is MeetingStatus.CANCELLED]
    assert [(meeting.held_on, meeting.cancel_reason) for meeting in cancelled] == [
        (date(2026, 11, 25), CancelReason.VENUE)
    ]


def test_an_erased_persons_name_and_notes_do_not_come_back_with_an_older_copy_of_the_group(lead: Workspace, co: Workspace):
    group, ada, _ = a_follow_up_about_ada_on_both_laptops(lead, co)
    lead.erase_member(group.id, ada.id)
    lead.import_handoff(*astuple_of(export(co, group.id)))  # the co-facilitator's copy still has Ada and the note
    assert lead.notes(group.id) == [] and [member.name for member in lead.members(group.id)] == []


def test_someone_erased_on_one_laptop_is_forgotten_on_the_other_at_the_next_handoff(lead: Workspace, co: Workspace):
    group, ada, _ = a_follow_up_about_ada_on_both_laptops(lead, co)
    lead.erase_member(group.id, ada.id)
    imported = co.import_handoff(*astuple_of(export(lead, group.id)))
    assert imported.forgotten == 1 and "forgotten here too" in " ".join(imported.lines("Tuesday"))
    assert [member.name for member in co.members(group.id)] == [] and co.notes(group.id) == []
    assert co.trends([group.id]).groups[group.id].periods[0].mean_attendance == 1  # the counts stay
    again = co.import_handoff(*astuple_of(export(lead, group.id)))
    assert again.forgotten == 0 and not again.changed


def test_a_correction_of_who_came_wins_over_an_older_copy_on_both_laptops(lead: Workspace, co: Workspace):
    group = lead.create_group("Tuesday")
    ada, bo = lead.add_member(group.id, "Ada"), lead.add_member(group.id, "Bo")
    meeting = lead.meeting(group.id)
    meeting.do(Arrive(ada.id))
    meeting.close()
    co.import_handoff(*astuple_of(export(lead, group.id)))  # the co-facilitator has the uncorrected copy
    lead.correct_attendance(group.id, meeting.session_id, {ada.id, bo.id})  # Bo was there too
    lead.import_handoff(*astuple_of(export(co, group.id)))
    co.import_handoff(*astuple_of(export(lead, group.id)))
    for laptop in (lead, co):
        [kept] = laptop.kept_meetings(group.id)
        assert kept.headcount == 2 and kept.corrected_at is not None


def test_a_date_never_shows_both_cancelled_and_held_after_a_handoff(lead: Workspace, co: Workspace, clock: FakeClock):
    group = lead.create_group("Tuesday")
    ada = lead.add_member(group.id, "Ada")
    co.import_handoff(*astuple_of(export(lead, group.id)))
    today = clock.now().date()
    co.cancel_meeting(group.id, today, CancelReason.HOLIDAY)  # one laptop thought the group would not meet
    meeting = lead.meeting(group.id)  # and on the other, it did
    meeting.do(Arrive(ada.id))
    meeting.close()
    lead.import_handoff(*astuple_of(export(co, group.id)))
    co.import_handoff(*astuple_of(export(lead, group.id)))
    for laptop in (lead, co):
        assert [(kept.held_on, kept.status) for kept in laptop.kept_meetings(group.id)] == [
            (today, MeetingStatus.CLOSED)
        ]


def test_the_meetings_topic_travels_with_it_open_and_again_once_closed(lead: Workspace, co: Workspace):
    group = lead.create_group("Topics")
    lead.save_group(replace(group, profile=replace(group.profile, format=replace(
        group.profile.format, topics=("Boundaries", "Sleep")))))
    lead.meeting(group.id).choose_topic("Sleep")
    out = export(lead, group.id)
    co.import_handoff(out.data, out.code)
    there = co.meeting(group.id)
    assert there.state.topic == "Sleep"  # open: in its log
    there.close()
    back = export(co, group.id)
    lead.import_handoff(back.data, back.code)
    assert [meeting.topic for meeting in lead.kept_meetings(group.id)] == ["Sleep"]  # closed: in its summary
    assert lead.meeting(group.id).state.topic == "Boundaries"  # and the next meeting on either laptop goes on
