"""Caring for a roster through a real vault: names told apart, rename, retire, merge, erase, and deleting a group."""

from __future__ import annotations

import re

from datetime import date, timedelta
from pathlib import Path

import pytest

from circle.domain.names_apart import AmbiguousName, UnknownMember
from circle.domain.notes import NoteDraft, NoteKind
from circle.domain.records import AttendanceRecord, MeetingRecord, MeetingStatus, Presence
from circle.domain.roster import RosterEntry
from circle.domain.session import Arrive
from circle.workspace import MeetingStillOpen, UnknownGroup, Workspace
from circle.workspace.roster import NameNotConfirmed, OthersHoldTheGroup, SamePerson
from tests.conftest import PASSPHRASE
from tests.stored_rows import stored_rows
from tests.unit.test_notes_and_purge import found_in


def group_with(vault: Workspace, *entries: tuple[str, date | None]) -> str:
    group = vault.create_group("Tuesday Circle", "support-90")
    vault.add_members(group.id, [RosterEntry(name, joined) for name, joined in entries])
    return group.id


def ids_by_shown(vault: Workspace, group_id: str) -> dict[str, str]:
    return {member.shown: member.id for member in vault.members(group_id)}


def held(vault: Workspace, group_id: str, day: date, present: dict[str, bool], newcomers: set[str] = frozenset()):
    """A closed meeting on `day`: each member id present (True) or absent (False), headcount as a meeting counts."""
    meeting = MeetingRecord(
        f"m{day.isoformat()}", group_id, day, MeetingStatus.CLOSED, planned_minutes=90,
        headcount=sum(present.values()), newcomers=sum(present[member] for member in newcomers),
    )
    rows = [
        AttendanceRecord(meeting.id, member, Presence.PRESENT if here else Presence.ABSENT, member in newcomers)
        for member, here in present.items()
    ]
    vault.record_meetings(group_id, [meeting], rows)


def present_per_meeting(vault: Workspace, group_id: str) -> dict[date, int]:
    report = vault.trends([group_id])
    return {meeting.held_on: meeting.present for meeting in report.groups[group_id].meetings}


# telling names apart --------------------------------------------------------------------------------------
def test_two_people_kept_under_the_same_name_are_shown_with_the_month_they_joined(vault: Workspace):
    group_id = group_with(vault, ("Jo Fisher", date(2025, 3, 4)), ("Jo Ford", date(2025, 6, 1)), ("Ada", None))
    assert set(ids_by_shown(vault, group_id)) == {"Jo F. (Mar 2025)", "Jo F. (Jun 2025)", "Ada"}


def test_namesakes_who_joined_in_the_same_month_keep_the_tag_they_had_when_one_of_them_is_erased(vault: Workspace):
    group_id = group_with(
        vault, ("Jo Fisher", date(2025, 3, 4)), ("Jo Ford", date(2025, 3, 9)), ("Jo Fox", date(2025, 3, 20))
    )
    shown = ids_by_shown(vault, group_id)
    assert all(re.fullmatch(r"Jo F\. \(Mar 2025, [0-9a-f]{3,}\)", tag) for tag in shown), shown
    first, *others = sorted(shown)
    vault.erase_member(group_id, shown[first])
    # Run again from a shell's history, the same words must not name someone else.
    assert ids_by_shown(vault, group_id) == {tag: shown[tag] for tag in others}


def test_namesakes_are_told_apart_in_a_meeting_and_in_the_follow_ups_too(vault: Workspace):
    group_id = group_with(vault, ("Jo Fisher", date(2025, 3, 4)), ("Jo Ford", date(2025, 6, 1)))
    march = ids_by_shown(vault, group_id)["Jo F. (Mar 2025)"]
    meeting = vault.meeting(group_id)
    assert [meeting.name(member.id) for member in meeting.roster] == ["Jo F. (Mar 2025)", "Jo F. (Jun 2025)"]
    meeting.do(Arrive(march))
    meeting.note(NoteDraft(NoteKind.FOLLOW_UP, member_id=march))
    meeting.close()
    assert [due.member_name for due in vault.follow_ups()] == ["Jo F. (Mar 2025)"]


def test_a_name_that_fits_two_people_is_refused_without_naming_them_and_the_shown_name_finds_one(vault: Workspace):
    group_id = group_with(vault, ("Jo Fisher", date(2025, 3, 4)), ("Jo Ford", date(2025, 6, 1)))
    with pytest.raises(AmbiguousName) as refused:
        vault.find_member(group_id, "Jo F.")
    assert "Jo" not in str(refused.value) and "2025)" in str(refused.value)
    assert vault.find_member(group_id, "jo f. (jun 2025)").id == ids_by_shown(vault, group_id)["Jo F. (Jun 2025)"]
    with pytest.raises(UnknownMember):
        vault.find_member(group_id, "Nobody")


def test_a_full_name_typed_finds_the_member_kept_under_the_rules_form_of_it(vault: Workspace):
    group_id = group_with(vault, ("Jo Fisher", None))
    assert vault.find_member(group_id, "Jo Fisher").name == "Jo F."


# rename and retire -----------------------------------------------------------------------------------------
def test_a_rename_is_kept_as_the_groups_name_rule_allows(vault: Workspace):
    group_id = group_with(vault, ("Jo", None))
    renamed = vault.rename_member(group_id, ids_by_shown(vault, group_id)["Jo"], "Joanna Fisher")
    assert renamed.name == "Joanna F."
    assert [member.name for member in vault.members(group_id)] == ["Joanna F."]


def test_someone_retired_keeps_their_attendance_and_is_not_offered_at_a_new_meeting(vault: Workspace):
    group_id = group_with(vault, ("Ada", None), ("Li", None))
    ada, li = ids_by_shown(vault, group_id)["Ada"], ids_by_shown(vault, group_id)["Li"]
    held(vault, group_id, date(2026, 2, 3), {ada: True, li: True})
    vault.retire_member(group_id, li)
    assert [member.retired for member in vault.members(group_id)] == [False, True]
    assert present_per_meeting(vault, group_id) == {date(2026, 2, 3): 2}
    meeting = vault.meeting(group_id)
    assert [member.name for member in meeting.roster] == ["Ada"]
    with pytest.raises(MeetingStillOpen):
        vault.retire_member(group_id, li, retired=False)
    meeting.close()
    vault.retire_member(group_id, li, retired=False)
    assert [member.name for member in vault.meeting(group_id).roster] == ["Ada", "Li"]


def test_someone_retired_is_not_listed_among_those_who_stopped_coming(vault: Workspace):
    group_id = group_with(vault, ("Ada", None), ("Li", None))
    ada, li = ids_by_shown(vault, group_id)["Ada"], ids_by_shown(vault, group_id)["Li"]
    for week in range(7):
        held(vault, group_id, date(2026, 1, 6) + timedelta(weeks=week), {ada: True, li: week < 4})
    assert vault.dropped_off_names(group_id) == ["Li"]
    vault.retire_member(group_id, li)
    assert vault.dropped_off_names(group_id) == []


def test_the_retired_flag_is_sealed_inside_the_members_details(vault: Workspace):
    group_id = group_with(vault, ("Ada", None))
    ada = ids_by_shown(vault, group_id)["Ada"]
    before = stored_rows(vault, "SELECT created_at, joined_on, details FROM members WHERE id = ?", [ada])
    vault.retire_member(group_id, ada)
    after = stored_rows(vault, "SELECT created_at, joined_on, details FROM members WHERE id = ?", [ada])
    assert before[0][:2] == after[0][:2] == ("", None) and before[0][2] != after[0][2]


# merge ------------------------------------------------------------------------------------------------------
def test_a_merge_joins_attendance_and_counts_a_meeting_both_were_marked_at_once(vault: Workspace):
    group_id = group_with(vault, ("Jo Fisher", date(2025, 3, 4)), ("Jo Fisher", date(2025, 6, 1)), ("Ada", None))
    shown = ids_by_shown(vault, group_id)
    keep, other, ada = shown["Jo F. (Mar 2025)"], shown["Jo F. (Jun 2025)"], shown["Ada"]
    held(vault, group_id, date(2026, 1, 6), {keep: True, other: False, ada: True})
    held(vault, group_id, date(2026, 1, 13), {keep: False, other: True, ada: False})
    held(vault, group_id, date(2026, 1, 20), {keep: True, other: True, ada: True}, newcomers={other})
    before = present_per_meeting(vault, group_id)
    vault.merge_members(group_id, keep, other)
    after = present_per_meeting(vault, group_id)
    assert before == {date(2026, 1, 6): 2, date(2026, 1, 13): 1, date(2026, 1, 20): 3}
    assert after == {date(2026, 1, 6): 2, date(2026, 1, 13): 1, date(2026, 1, 20): 2}, "only the double count goes"
    assert [member.shown for member in vault.members(group_id)] == ["Ada", "Jo F."]
    assert stored_rows(vault, "SELECT count(*) FROM members WHERE id = ?", [other]) == [(0,)]
    facts, attendance = vault.trend_facts([group_id])
    assert {row[1] for row in attendance} == {keep, ada}
    came = sorted((row[0], row[2]) for row in attendance if row[1] == keep)
    assert came == [("m2026-01-06", 1), ("m2026-01-13", 1), ("m2026-01-20", 1)]


def test_merging_someone_with_themselves_is_refused(vault: Workspace):
    group_id = group_with(vault, ("Ada", None))
    ada = ids_by_shown(vault, group_id)["Ada"]
    with pytest.raises(SamePerson):
        vault.merge_members(group_id, ada, ada)


# erase ------------------------------------------------------------------------------------------------------
def test_an_erased_person_leaves_no_byte_of_their_name_details_or_notes_and_trends_do_not_change(
    vault: Workspace, vault_home: Path
):
    canary = "Xqzcanaryname"
    group_id = group_with(vault, (canary, date(2025, 5, 5)), ("Ada", None))
    gone, ada = ids_by_shown(vault, group_id)[canary], ids_by_shown(vault, group_id)["Ada"]
    held(vault, group_id, date(2026, 2, 3), {gone: True, ada: True})
    meeting = vault.meeting(group_id)
    meeting.do(Arrive(gone))
    meeting.note(NoteDraft(NoteKind.FOLLOW_UP, member_id=gone))
    meeting.close()
    before = present_per_meeting(vault, group_id)
    sealed = stored_rows(
        vault, "SELECT name FROM members WHERE id = ?1 UNION ALL SELECT details FROM members WHERE id = ?1"
        " UNION ALL SELECT body FROM notes", [gone],
    )
    ciphertexts = {f"sealed {index}": row[0] for index, row in enumerate(sealed)}
    assert len(ciphertexts) == 3
    assert set(found_in(vault_home, ciphertexts)) == set(ciphertexts), "the scan must see them before the erasure"

    assert vault.erase_member(group_id, gone) == 1
    assert found_in(vault_home, ciphertexts) == []
    assert present_per_meeting(vault, group_id) == before
    assert [member.name for member in vault.members(group_id)] == ["Ada"]
    assert vault.notes(group_id) == []
    vault.close()
    assert found_in(vault_home, ciphertexts) == []


def test_erasing_waits_for_the_meeting_in_progress_to_close(vault: Workspace):
    group_id = group_with(vault, ("Ada", None))
    vault.meeting(group_id)
    with pytest.raises(MeetingStillOpen):
        vault.erase_member(group_id, ids_by_shown(vault, group_id)["Ada"])


def test_after_an_erasure_the_vault_unlocks_as_circle_left_it(vault: Workspace):
    group_id = group_with(vault, ("Ada", None))
    vault.erase_member(group_id, ids_by_shown(vault, group_id)["Ada"])
    vault.lock()
    vault.unlock(PASSPHRASE)  # VaultChangedOutside if the manifest had not followed
    assert vault.members(group_id) == []


# deleting a group --------------------------------------------------------------------------------------------
def test_a_deleted_group_leaves_no_byte_of_its_rows_and_the_next_unlock_finds_nothing_amiss(
    vault: Workspace, vault_home: Path
):
    group_id = group_with(vault, ("Ada", None))
    kept = vault.create_group("Thursday Circle", "support-90").id
    ada = ids_by_shown(vault, group_id)["Ada"]
    held(vault, group_id, date(2026, 2, 3), {ada: True})
    meeting = vault.meeting(group_id)
    meeting.do(Arrive(ada))
    meeting.note(NoteDraft(NoteKind.FOLLOW_UP, member_id=ada))
    meeting.close()
    sealed = stored_rows(
        vault,
        "SELECT name FROM groups WHERE id = ?1 UNION ALL SELECT profile FROM groups WHERE id = ?1"
        " UNION ALL SELECT name FROM members WHERE group_id = ?1 UNION ALL SELECT summary FROM sessions"
        " WHERE group_id = ?1 UNION ALL SELECT attendance FROM sessions WHERE group_id = ?1"
        " UNION ALL SELECT wrapped_key FROM key_slots WHERE group_id = ?1"
        " UNION ALL SELECT body FROM notes WHERE group_id = ?1",
        [group_id],
    )
    ciphertexts = {f"sealed {index}": row[0] for index, row in enumerate(sealed)}
    assert len(ciphertexts) == 9
    assert set(found_in(vault_home, ciphertexts)) == set(ciphertexts)

    with pytest.raises(NameNotConfirmed):
        vault.delete_group(group_id, "Thursday Circle")
    vault.delete_group(group_id, "tuesday circle")
    assert found_in(vault_home, ciphertexts) == []
    assert [overview.id for overview in vault.groups()] == [kept]
    with pytest.raises(UnknownGroup):
        vault.members(group_id)
    vault.lock()
    vault.unlock(PASSPHRASE)  # a group this facilitator deleted is not reported as taken away
    assert [overview.id for overview in vault.groups()] == [kept]
    vault.close()
    assert found_in(vault_home, ciphertexts) == []


def test_a_group_others_hold_too_is_not_deleted_until_they_are_removed_from_it(vault: Workspace):
    group_id = group_with(vault, ("Ada", None))
    vault.add_cofacilitator(group_id, "Robin", "another long passphrase here")
    with pytest.raises(OthersHoldTheGroup):
        vault.delete_group(group_id)
    assert [overview.id for overview in vault.groups()] == [group_id]
