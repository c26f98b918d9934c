"""Notes kept through a real vault, the retention purge, and tightened rules applied to what is kept."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from circle.domain.clock import FakeClock
from circle.domain.notes import NoteDraft, NoteKind, NoteRefused, SafetyAction
from circle.domain.roster import RosterEntry
from circle.domain.rules import NamesPolicy, NotesPolicy
from circle.domain.session import Arrive
from circle.workspace import Meeting, MeetingStillOpen, Workspace
from tests.stored_rows import stored_rows
from tests.conftest import PASSPHRASE
from tests.unit.test_no_plaintext_on_disk import encodings


def brief_notes_group(vault: Workspace, names: list[str]) -> str:
    group = vault.create_group("Tuesday Circle", "support-90")
    vault.change_rules(group.id, replace(group.rules, notes=NotesPolicy.BRIEF, brief_note_cap=200))
    if names:
        vault.add_members(group.id, [RosterEntry(name, None) for name in names])
    return group.id


def meeting_with(vault: Workspace, group_id: str, *names: str) -> Meeting:
    meeting = vault.meeting(group_id)
    for member in vault.members(group_id):
        if member.name in names:
            meeting.do(Arrive(member.id))
    return meeting


def member_id(vault: Workspace, group_id: str, name: str) -> str:
    return next(member.id for member in vault.members(group_id) if member.name == name)


def test_a_follow_up_flag_shows_as_due_until_it_is_done(vault: Workspace):
    group_id = brief_notes_group(vault, ["Ada", "Li"])
    meeting = meeting_with(vault, group_id, "Ada")
    meeting.note(NoteDraft(NoteKind.FOLLOW_UP, member_id=member_id(vault, group_id, "Ada"), text="Offer a call"))
    [due] = vault.follow_ups()
    assert (due.group_name, due.member_name, due.note.text) == ("Tuesday Circle", "Ada", "Offer a call")
    vault.resolve_note(group_id, due.note.id)
    assert vault.follow_ups() == []
    assert vault.notes(group_id)[0].resolved_at is not None


def test_a_note_naming_an_absent_member_is_refused_and_nothing_is_kept(vault: Workspace):
    group_id = brief_notes_group(vault, ["Ada", "Li"])
    meeting = meeting_with(vault, group_id, "Ada")
    with pytest.raises(NoteRefused, match="not here"):
        meeting.note(NoteDraft(NoteKind.DEBRIEF, text="Li was missed"))
    with pytest.raises(NoteRefused, match="absent"):
        meeting.note(NoteDraft(NoteKind.FOLLOW_UP, member_id=member_id(vault, group_id, "Li")))
    assert vault.notes(group_id) == []


def test_a_step_out_is_counted_and_leaves_a_follow_up_flag(vault: Workspace):
    group_id = brief_notes_group(vault, ["Ada"])
    meeting = meeting_with(vault, group_id, "Ada")
    meeting.step_out(member_id(vault, group_id, "Ada"))
    meeting.note(NoteDraft(NoteKind.SAFETY, action=SafetyAction.CRISIS_LINE))
    assert meeting.state.stepped_out_count == 1
    kinds = [(note.kind, note.member_id is not None, note.action) for note in vault.notes(group_id)]
    assert kinds == [(NoteKind.FOLLOW_UP, True, None), (NoteKind.SAFETY, False, SafetyAction.CRISIS_LINE)]


def test_stepping_out_again_in_the_same_meeting_keeps_the_one_follow_up_flag(vault: Workspace):
    group_id = brief_notes_group(vault, ["Ada"])
    meeting = meeting_with(vault, group_id, "Ada")
    ada = member_id(vault, group_id, "Ada")
    assert meeting.step_out(ada) is not None
    meeting.step_back(ada)
    assert meeting.step_out(ada) is None
    assert meeting.state.stepped_out_count == 2
    assert [note.member_id for note in vault.notes(group_id)] == [ada]


def test_in_a_group_that_keeps_no_notes_a_step_out_is_only_counted(vault: Workspace):
    group_id = brief_notes_group(vault, ["Ada"])
    vault.change_rules(group_id, replace(vault.group(group_id).rules, notes=NotesPolicy.NONE))
    meeting = meeting_with(vault, group_id, "Ada")
    assert meeting.step_out(member_id(vault, group_id, "Ada")) is None
    assert meeting.state.stepped_out_count == 1 and vault.notes(group_id) == []


def test_saving_a_groups_settings_never_changes_its_rules(vault: Workspace):
    group_id = brief_notes_group(vault, [])
    stale = replace(vault.group(group_id), name="Renamed")
    stale = replace(stale, rules=replace(stale.rules, notes=NotesPolicy.NONE))
    vault.save_group(stale)
    assert vault.group(group_id).name == "Renamed"
    assert vault.group(group_id).rules.notes is NotesPolicy.BRIEF


def test_tightening_names_to_initials_rewrites_every_kept_name(vault: Workspace):
    group_id = brief_notes_group(vault, ["Ada Lovelace", "Li"])
    rules = replace(vault.group(group_id).rules, names=NamesPolicy.INITIALS)
    assert vault.plan_rules(group_id, rules).lines == ("2 names will be cut to initials.",)
    vault.change_rules(group_id, rules)
    assert sorted(member.name for member in vault.members(group_id)) == ["A. L.", "L."]
    assert vault.group(group_id).rules.names is NamesPolicy.INITIALS


def test_tightening_notes_to_flags_takes_the_words_and_keeps_the_flags(vault: Workspace):
    group_id = brief_notes_group(vault, ["Ada"])
    meeting = meeting_with(vault, group_id, "Ada")
    meeting.note(NoteDraft(NoteKind.FOLLOW_UP, member_id=member_id(vault, group_id, "Ada"), text="Offer a call"))
    meeting.note(NoteDraft(NoteKind.DEBRIEF, text="A heavy evening"))
    meeting.close()
    vault.change_rules(group_id, replace(vault.group(group_id).rules, notes=NotesPolicy.FLAGS))
    [flag] = vault.notes(group_id)
    assert flag.kind is NoteKind.FOLLOW_UP and flag.text == "" and flag.member_id is not None


def test_rules_that_forget_people_wait_for_the_open_meeting_to_close(vault: Workspace):
    group_id = brief_notes_group(vault, ["Ada"])
    meeting_with(vault, group_id, "Ada")
    headcount = replace(vault.group(group_id).rules, names=NamesPolicy.HEADCOUNT)
    with pytest.raises(MeetingStillOpen):
        vault.change_rules(group_id, headcount)
    assert [member.name for member in vault.members(group_id)] == ["Ada"]


def test_unlocking_purges_expired_notes_and_forgets_people_unseen_for_too_long(
    vault: Workspace, clock: FakeClock
):
    group_id = brief_notes_group(vault, ["Ada", "Li"])
    meeting = meeting_with(vault, group_id, "Ada")
    meeting.note(NoteDraft(NoteKind.FOLLOW_UP, member_id=member_id(vault, group_id, "Ada")))
    meeting.close()
    clock.advance(timedelta(days=91).total_seconds())
    vault.lock()
    vault.unlock(PASSPHRASE)
    assert (vault.last_purge.notes, vault.last_purge.people) == (1, 0)
    clock.advance(timedelta(days=300).total_seconds())
    vault.lock()
    vault.unlock(PASSPHRASE)
    # Li never came: forgotten a year after joining. Ada came 391 days ago.
    assert vault.last_purge.people == 2
    assert vault.members(group_id) == []
    assert vault.groups()[0].meetings_held == 1


def test_purged_notes_and_names_leave_no_trace_in_any_file_of_the_vault(
    vault: Workspace, clock: FakeClock, vault_home: Path
):
    canaries = {"note": "Nqzcanarynote", "debrief": "Dqzcanarydebrief", "name": "Xqzcanaryname"}
    group_id = brief_notes_group(vault, [canaries["name"]])
    meeting = meeting_with(vault, group_id, canaries["name"])
    gone = member_id(vault, group_id, canaries["name"])
    meeting.note(NoteDraft(NoteKind.FOLLOW_UP, member_id=gone, text=f"Ring {canaries['note']}"))
    meeting.note(NoteDraft(NoteKind.DEBRIEF, text=f"{canaries['debrief']} evening"))
    meeting.close()
    sealed = stored_rows(vault, "SELECT body FROM notes UNION ALL SELECT name FROM members WHERE id = ?", [gone])
    ciphertexts = {f"sealed {index}": row[0] for index, row in enumerate(sealed)}
    assert len(ciphertexts) == 3
    assert set(found_in(vault_home, ciphertexts)) == set(ciphertexts), "the scan must see them before the purge"

    clock.advance(timedelta(days=400).total_seconds())
    report = vault.purge()
    assert (report.notes, report.people) == (2, 1)
    assert found_in(vault_home, ciphertexts) == []
    assert found_in(vault_home, {label: text.encode() for label, text in canaries.items()}, also_utf16=True) == []
    vault.close()
    assert found_in(vault_home, ciphertexts) == []


def found_in(home: Path, needles: dict[str, bytes], *, also_utf16: bool = False) -> list[str]:
    """Which needles appear in the raw bytes of any file under home (the database, its log, the room board)."""
    raw = b"".join(path.read_bytes() for path in home.rglob("*") if path.is_file())
    found = []
    for label, needle in needles.items():
        forms = encodings(needle.decode()) if also_utf16 else [needle]
        if any(form in raw for form in forms):
            found.append(label)
    return found


def test_a_debrief_after_the_meeting_may_name_who_came_but_not_who_stayed_away(vault: Workspace):
    group_id = brief_notes_group(vault, ["Ada", "Li"])
    meeting = meeting_with(vault, group_id, "Ada")
    meeting.close()
    with pytest.raises(NoteRefused, match="not here"):
        vault.add_debrief(group_id, meeting.session_id, "Li was missed")
    kept = vault.add_debrief(group_id, meeting.session_id, "Ada led the check-in")
    assert [note.text for note in vault.notes(group_id)] == [kept.text]
    assert vault.follow_ups() == []  # a debrief is for reading, not for following up
