"""The Workspace facade over a real vault: groups, members and meetings survive locking, and tampering is caught."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from circle.domain.clock import FakeClock
from circle.domain.errors import InvalidInput
from circle.domain.group import CrisisResource, Schedule
from circle.domain.records import MeetingRecord, MeetingStatus
from circle.domain.roster import RosterEntry
from circle.domain.rules import NamesPolicy
from circle.domain.templates import TEMPLATES
from circle.store.errors import VaultChangedOutside
from circle.vault.errors import SealBroken
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import UnknownGroup, VaultLocked, Workspace
from tests.damage import flip_last_byte, run_sql

WEDNESDAY_NOON = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("template_key", list(TEMPLATES))
def test_a_group_from_each_template_reads_back_equal_after_lock_and_unlock(tmp_path: Path, template_key: str):
    with Workspace.open(tmp_path / "home") as workspace:
        workspace.create_facilitator("Sam", "a long enough passphrase", kdf=FLOOR_KDF)
        created = workspace.create_group("Tuesday Evening", template_key)
        workspace.lock()
        with pytest.raises(VaultLocked):
            workspace.group(created.id)
        workspace.unlock("a long enough passphrase")
        assert workspace.group(created.id) == created
        assert workspace.facilitator_handle == "Sam"
    with Workspace.open(tmp_path / "home") as reopened:
        reopened.unlock("a long enough passphrase")
        assert reopened.group(created.id) == created
        assert created.profile == TEMPLATES[template_key].profile
        assert created.rules == TEMPLATES[template_key].rules


def test_edited_agreements_and_crisis_resources_are_saved(workspace: Workspace):
    group = workspace.create_group("Tuesday")
    profile = replace(
        group.profile,
        agreements=replace(group.profile.agreements, text="We listen.\nWe pass freely."),
        crisis_resources=(CrisisResource("Night line", "0800 000 000", "After 10pm"),),
        schedule=Schedule(weekday=1, start="18:30"),
    )
    workspace.save_group(replace(group, profile=profile))
    assert workspace.group(group.id).profile == profile


def unlock_reporting_changes(workspace: Workspace, passphrase: str) -> None:
    """A value changed in the file is reported at unlock, before anything is written; accepted, it still
    does not open."""
    with pytest.raises(VaultChangedOutside) as reported:
        workspace.unlock(passphrase)
    assert "\n" not in str(reported.value)
    workspace.unlock(passphrase, accept_changes=True)


def test_a_tampered_group_name_raises_a_one_line_error_naming_the_column(vault_home: Path, passphrase: str):
    with Workspace.open(vault_home) as workspace:
        workspace.unlock(passphrase)
        group = workspace.create_group("Zyxcanaryqk Group")
    [(sealed,)] = run_sql(vault_home, "SELECT name FROM groups")
    run_sql(vault_home, "UPDATE groups SET name = ?", [flip_last_byte(sealed)])
    with Workspace.open(vault_home) as workspace:
        workspace.unlock(passphrase)  # changed in place, not put back: it is the value that no longer opens
        with pytest.raises(SealBroken) as caught:
            workspace.group(group.id)
    message = str(caught.value)
    assert "groups.name" in message
    assert "\n" not in message
    assert "Zyxcanaryqk" not in message


def test_a_group_name_copied_into_another_groups_row_does_not_open(vault_home: Path, passphrase: str):
    with Workspace.open(vault_home) as workspace:
        workspace.unlock(passphrase)
        first = workspace.create_group("First")
        second = workspace.create_group("Second")
    [(name_of_first,)] = run_sql(vault_home, "SELECT name FROM groups WHERE id = ?", [first.id])
    run_sql(vault_home, "UPDATE groups SET name = ? WHERE id = ?", [name_of_first, second.id])
    with Workspace.open(vault_home) as workspace:
        unlock_reporting_changes(workspace, passphrase)
        assert workspace.group(first.id).name == "First"
        with pytest.raises(SealBroken, match=r"groups\.name"):
            workspace.group(second.id)


def test_a_member_name_copied_into_another_members_row_of_the_same_group_does_not_open(
    vault_home: Path, passphrase: str
):
    with Workspace.open(vault_home) as workspace:
        workspace.unlock(passphrase)
        group = workspace.create_group("Tuesday")
        ada, bob = workspace.add_members(group.id, [RosterEntry("Ada", None), RosterEntry("Bob", None)])
    [(ada_name,)] = run_sql(vault_home, "SELECT name FROM members WHERE id = ?", [ada.id])
    run_sql(vault_home, "UPDATE members SET name = ? WHERE id = ?", [ada_name, bob.id])
    with Workspace.open(vault_home) as workspace:
        unlock_reporting_changes(workspace, passphrase)
        with pytest.raises(SealBroken, match=r"members\.name"):
            workspace.members(group.id)


def test_a_group_profile_copied_into_its_rules_column_does_not_open(vault_home: Path, passphrase: str):
    with Workspace.open(vault_home) as workspace:
        workspace.unlock(passphrase)
        group = workspace.create_group("Tuesday")
    run_sql(vault_home, "UPDATE groups SET rules = profile")
    with Workspace.open(vault_home) as workspace:
        unlock_reporting_changes(workspace, passphrase)
        with pytest.raises(SealBroken, match=r"groups\.rules"):
            workspace.group(group.id)


def test_a_tampered_facilitator_handle_stops_the_unlock_with_one_line(vault_home: Path, passphrase: str):
    [(handle,)] = run_sql(vault_home, "SELECT handle FROM facilitators")
    run_sql(vault_home, "UPDATE facilitators SET handle = ?", [flip_last_byte(handle)])
    with Workspace.open(vault_home) as workspace:
        with pytest.raises(SealBroken, match=r"facilitators\.handle") as caught:
            workspace.unlock(passphrase)
        assert not workspace.is_unlocked
    assert "\n" not in str(caught.value)


def test_a_tampered_key_slot_stops_the_unlock(vault_home: Path, passphrase: str):
    with Workspace.open(vault_home) as workspace:
        workspace.unlock(passphrase)
        workspace.create_group("Tuesday")
    [(slot,)] = run_sql(vault_home, "SELECT wrapped_key FROM key_slots")
    run_sql(vault_home, "UPDATE key_slots SET wrapped_key = ?", [flip_last_byte(slot)])
    with Workspace.open(vault_home) as workspace:
        with pytest.raises(SealBroken, match="key slot"):
            workspace.unlock(passphrase)


def test_a_first_name_group_keeps_the_first_name_and_a_last_initial(workspace: Workspace):
    group = workspace.create_group("Tuesday", "support-90")
    kept = [workspace.add_member(group.id, typed).name for typed in ("Ada King Lovelace", "Grace", "  bob   smith ")]
    assert kept == ["Ada L.", "Grace", "bob s."]


def test_an_initials_group_keeps_initials_only(workspace: Workspace):
    group = workspace.create_group("Thursday", "crisis-60")
    assert group.rules.names is NamesPolicy.INITIALS
    assert workspace.add_member(group.id, "Ada King Lovelace").name == "A. K. L."
    assert [member.name for member in workspace.members(group.id)] == ["A. K. L."]


def test_a_headcount_only_group_refuses_names_and_stores_none(workspace: Workspace):
    group = workspace.create_group("Drop-in")
    workspace.change_rules(group.id, replace(group.rules, names=NamesPolicy.HEADCOUNT))
    with pytest.raises(InvalidInput, match="no names"):
        workspace.add_member(group.id, "Ada Lovelace")
    assert workspace.members(group.id) == []


def test_members_are_added_from_roster_entries_with_their_join_dates(workspace: Workspace):
    group = workspace.create_group("Tuesday")
    added = workspace.add_members(
        group.id, [RosterEntry("Zoe Quinn", date(2024, 5, 1)), RosterEntry("Ada Lovelace", None)]
    )
    assert [member.name for member in added] == ["Zoe Q.", "Ada L."]
    listed = workspace.members(group.id)
    assert [(member.name, member.joined_on) for member in listed] == [
        ("Ada L.", added[1].joined_on), ("Zoe Q.", date(2024, 5, 1)),
    ]
    assert added[1].joined_on is not None


def test_adding_nobody_is_refused(workspace: Workspace):
    group = workspace.create_group("Tuesday")
    with pytest.raises(InvalidInput):
        workspace.add_members(group.id, [])


def test_a_name_longer_than_the_cap_is_refused_and_nothing_is_stored(workspace: Workspace):
    group = workspace.create_group("Tuesday")
    with pytest.raises(InvalidInput, match="at most 80 characters"):
        workspace.add_member(group.id, "é" * 10_000)
    assert workspace.members(group.id) == []


def test_groups_are_found_by_name_whatever_the_case(workspace: Workspace):
    group = workspace.create_group("Tuesday Evening")
    assert workspace.find_group("  tuesday   EVENING ").id == group.id
    with pytest.raises(UnknownGroup):
        workspace.find_group("Wednesday")


def meeting(group_id: str, held_on: date, status: MeetingStatus = MeetingStatus.CLOSED) -> MeetingRecord:
    return MeetingRecord(id=f"{group_id}-{held_on}", group_id=group_id, held_on=held_on, status=status)


def test_the_overview_shows_the_last_meeting_held_and_the_next_one_planned(vault_home: Path, passphrase: str):
    with Workspace.open(vault_home, clock=FakeClock(WEDNESDAY_NOON)) as workspace:
        workspace.unlock(passphrase)
        planned = workspace.create_group("Planned")
        weekly = workspace.create_group("Weekly")
        workspace.save_group(replace(weekly, profile=replace(weekly.profile, schedule=Schedule(weekday=0))))
        workspace.add_members(planned.id, [RosterEntry("Ada", None), RosterEntry("Bob", None)])
        workspace.record_meetings(planned.id, [
            meeting(planned.id, date(2026, 2, 18)),
            meeting(planned.id, date(2026, 2, 25)),
            meeting(planned.id, date(2026, 3, 2), MeetingStatus.CANCELLED),
        ], [])
        workspace.set_next_meeting(planned.id, date(2026, 3, 11))
        workspace.set_next_meeting(weekly.id, date(2026, 3, 1))  # in the past: the schedule decides
        overview = {row.name: row for row in workspace.groups()}
    planned_row, weekly_row = overview["Planned"], overview["Weekly"]
    assert (planned_row.last_held_on, planned_row.next_meeting_on) == (date(2026, 2, 25), date(2026, 3, 11))
    assert (planned_row.meetings_held, planned_row.members) == (2, 2)
    assert (weekly_row.last_held_on, weekly_row.next_meeting_on) == (None, date(2026, 3, 9))
    assert (weekly_row.meetings_held, weekly_row.members) == (0, 0)


def test_the_overview_is_sorted_by_name_and_needs_an_unlocked_vault(workspace: Workspace):
    for name in ("beta", "Alpha", "gamma"):
        workspace.create_group(name)
    assert [row.name for row in workspace.groups()] == ["Alpha", "beta", "gamma"]
    workspace.lock()
    with pytest.raises(VaultLocked):
        workspace.groups()


def test_meetings_of_another_group_are_refused(workspace: Workspace):
    mine = workspace.create_group("Mine")
    theirs = workspace.create_group("Theirs")
    with pytest.raises(InvalidInput):
        workspace.record_meetings(mine.id, [meeting(theirs.id, date(2026, 1, 5))], [])


def test_a_handle_longer_than_forty_characters_is_refused_before_any_key_is_made(tmp_path):
    with Workspace.open(tmp_path / "home") as fresh:
        with pytest.raises(InvalidInput, match="at most 40"):
            fresh.create_facilitator("x" * 41, "a long enough passphrase here")
        assert fresh.is_new
