"""What the rules remove: the purge of expired data, and exactly what a tightened rule takes away."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from circle.domain.notes import NoteKind
from circle.domain.retention import MemberFacts, NoteFacts, expired, tightening
from circle.domain.rules import ConfidentialityRules, NamesPolicy, NotesPolicy

ON = date(2026, 11, 21)
RULES = ConfidentialityRules(notes=NotesPolicy.BRIEF, brief_note_cap=100)


def days_ago(days: int) -> date:
    return ON - timedelta(days=days)


NOTES = [
    NoteFacts("old-flag", NoteKind.FOLLOW_UP, days_ago(95), 0, "m-gone"),
    NoteFacts("new-flag", NoteKind.FOLLOW_UP, days_ago(3), 0, "m-gone"),
    NoteFacts("new-words", NoteKind.FOLLOW_UP, days_ago(3), 60, "m-here"),
    NoteFacts("debrief", NoteKind.DEBRIEF, days_ago(2), 80),
    NoteFacts("safety", NoteKind.SAFETY, days_ago(1), 0),
]
MEMBERS = [MemberFacts("m-here", days_ago(7)), MemberFacts("m-gone", days_ago(400))]


def test_the_purge_removes_notes_past_their_days_and_people_unseen_past_theirs():
    plan = expired(RULES, NOTES, MEMBERS, ON)
    assert plan.forget_members == {"m-gone"}
    # The expired note goes, and so does the newer follow-up about the person now forgotten.
    assert plan.delete_notes == {"old-flag", "new-flag"}
    assert plan.strip_note_words == set()
    assert plan.lines == (
        "1 person not seen for 365 days will be forgotten; their attendance stays as counts.",
        "1 note older than 90 days will be deleted.",
        "1 follow-up about them will be deleted.",
    )


def test_a_note_expires_on_the_day_its_days_run_out():
    rules = replace(RULES, notes_retention_days=3)
    assert "new-flag" in expired(rules, NOTES, [], ON).delete_notes
    assert "debrief" not in expired(rules, NOTES, [], ON).delete_notes


def test_nothing_expired_means_an_empty_plan():
    plan = expired(RULES, NOTES[1:], MEMBERS[:1], ON)
    assert not plan.removes_anything and plan.lines == ()


def test_brief_to_flags_strips_words_keeps_flags_and_deletes_debriefs():
    plan = tightening(RULES, replace(RULES, notes=NotesPolicy.FLAGS), NOTES[1:], MEMBERS[:1], ON)
    assert plan.strip_note_words == {"new-words"}
    assert plan.delete_notes == {"debrief"}
    assert plan.lines == ("1 note will lose its words; the flags stay.", "1 debrief will be deleted.")


def test_a_lower_cap_takes_words_only_from_notes_longer_than_it():
    plan = tightening(RULES, replace(RULES, brief_note_cap=70), NOTES[1:], MEMBERS[:1], ON)
    assert plan.strip_note_words == set() and plan.delete_notes == {"debrief"}


def test_turning_notes_off_deletes_every_note():
    plan = tightening(RULES, replace(RULES, notes=NotesPolicy.NONE), NOTES[1:], MEMBERS[:1], ON)
    assert plan.delete_notes == {"new-flag", "new-words", "debrief", "safety"}
    assert plan.lines == ("All 4 notes will be deleted: this group keeps none.",)


def test_first_names_to_initials_cuts_every_kept_name():
    plan = tightening(RULES, replace(RULES, names=NamesPolicy.INITIALS), [], MEMBERS[:1], ON)
    assert plan.members_to_initials == {"m-here"} and plan.touches_people
    assert plan.lines == ("1 name will be cut to initials.",)


def test_headcount_only_removes_every_name_and_the_notes_about_them():
    plan = tightening(RULES, replace(RULES, names=NamesPolicy.HEADCOUNT), NOTES[1:], MEMBERS, ON)
    assert plan.forget_members == {"m-here", "m-gone"}
    assert plan.delete_notes == {"new-flag", "new-words"}
    assert plan.lines[0] == "All 2 names will be removed; attendance stays as counts."


def test_shorter_identity_days_forget_people_unseen_since():
    plan = tightening(RULES, replace(RULES, identity_retention_days=5), [], MEMBERS, ON)
    assert plan.forget_members == {"m-here", "m-gone"}


def test_turning_room_names_off_is_shown_though_nothing_stored_is_removed():
    plan = tightening(replace(RULES, room_display_names=True), RULES, [], [], ON)
    assert plan.stops_showing_names and not plan.removes_anything
    assert plan.lines == ("The room display will stop showing first names.",)


def test_loosening_a_rule_removes_nothing():
    strict = ConfidentialityRules(names=NamesPolicy.INITIALS, notes=NotesPolicy.FLAGS, notes_retention_days=30)
    looser = replace(strict, names=NamesPolicy.FIRST_NAME, notes=NotesPolicy.BRIEF, notes_retention_days=365)
    plan = tightening(strict, looser, [NoteFacts("flag", NoteKind.FOLLOW_UP, days_ago(20), 0)], MEMBERS[:1], ON)
    assert not plan.changes_anything
