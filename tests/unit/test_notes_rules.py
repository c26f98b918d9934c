"""The group's rules decide which notes may be kept, in the domain, with no screen involved."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from circle.domain.notes import NoteDraft, NoteKind, NoteRefused, SafetyAction, check_note, names_someone_absent
from circle.domain.rules import ConfidentialityRules, NotesPolicy

BRIEF = ConfidentialityRules(notes=NotesPolicy.BRIEF, brief_note_cap=40)
FLAGS = ConfidentialityRules(notes=NotesPolicy.FLAGS)
NONE = ConfidentialityRules(notes=NotesPolicy.NONE)
HERE = {"present": {"m-ada"}, "names_present": ["Ada"], "names_absent": ["Grace H.", "Li"]}


def refusal(rules: ConfidentialityRules, draft: NoteDraft) -> str:
    with pytest.raises(NoteRefused) as refused:
        check_note(rules, draft, **HERE)
    return str(refused.value)


def test_a_group_that_keeps_no_notes_refuses_every_kind_of_note():
    for draft in (
        NoteDraft(NoteKind.FOLLOW_UP, member_id="m-ada"),
        NoteDraft(NoteKind.SAFETY, action=SafetyAction.CRISIS_LINE),
        NoteDraft(NoteKind.DEBRIEF, text="Went well"),
    ):
        assert refusal(NONE, draft) == "This group keeps no notes."


def test_a_flags_only_group_keeps_a_follow_up_flag_but_refuses_its_words():
    kept = check_note(FLAGS, NoteDraft(NoteKind.FOLLOW_UP, member_id="m-ada"), **HERE)
    assert kept.member_id == "m-ada" and kept.text == ""
    assert "flags only" in refusal(FLAGS, NoteDraft(NoteKind.FOLLOW_UP, member_id="m-ada", text="call her"))


def test_a_note_longer_than_the_cap_is_refused_with_its_length():
    reason = refusal(BRIEF, NoteDraft(NoteKind.FOLLOW_UP, member_id="m-ada", text="x" * 41))
    assert reason == "A note may be at most 40 characters; this one has 41."


def test_a_brief_line_at_the_cap_is_kept_sanitised():
    kept = check_note(BRIEF, NoteDraft(NoteKind.DEBRIEF, text="  Calm\x1b[2J  evening \u202e" + "y" * 20), **HERE)
    assert kept.text == "Calm[2J evening " + "y" * 20


def test_a_follow_up_for_someone_who_is_not_here_is_refused():
    assert "absent members are never noted" in refusal(BRIEF, NoteDraft(NoteKind.FOLLOW_UP, member_id="m-li"))


def test_a_note_that_names_an_absent_member_is_refused():
    for text in ("Li was missed tonight", "ask grace h. about it", "GRACE H said"):
        assert refusal(BRIEF, NoteDraft(NoteKind.DEBRIEF, text=text)) == "A note may not name someone who is not here."


def test_a_name_inside_another_word_is_not_a_mention():
    kept = check_note(BRIEF, NoteDraft(NoteKind.DEBRIEF, text="Lively, a reliable evening"), **HERE)
    assert kept.text.startswith("Lively")


def test_a_first_name_shared_with_someone_here_is_not_counted_as_the_absent_one():
    assert not names_someone_absent("Sam spoke first", names_present=["Sam K."], names_absent=["Sam R."])
    assert names_someone_absent("Sam R. was missed", names_present=["Sam K."], names_absent=["Sam R."])


def test_a_safety_note_keeps_the_action_and_never_words():
    kept = check_note(FLAGS, NoteDraft(NoteKind.SAFETY, action=SafetyAction.EMERGENCY_SERVICES), **HERE)
    assert kept.action is SafetyAction.EMERGENCY_SERVICES
    assert "never what was said" in refusal(
        BRIEF, NoteDraft(NoteKind.SAFETY, action=SafetyAction.ONE_TO_ONE, text="she said")
    )
    assert "choose one" in refusal(BRIEF, NoteDraft(NoteKind.SAFETY))


def test_an_empty_debrief_is_refused():
    assert "nothing to keep" in refusal(BRIEF, NoteDraft(NoteKind.DEBRIEF, text=" \t "))


def test_only_a_follow_up_is_about_one_person():
    assert "Only a follow-up" in refusal(BRIEF, NoteDraft(NoteKind.DEBRIEF, member_id="m-ada", text="fine"))


@given(st.text(max_size=300))
def test_whatever_is_typed_a_kept_note_is_within_the_cap_and_names_no_absent_member(typed: str):
    try:
        kept = check_note(BRIEF, NoteDraft(NoteKind.DEBRIEF, text=typed), **HERE)
    except NoteRefused:
        return
    assert 0 < len(kept.text) <= BRIEF.brief_note_cap
    assert not names_someone_absent(kept.text, names_present=["Ada"], names_absent=["Grace H.", "Li"])
