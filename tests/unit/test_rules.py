"""A group's confidentiality rules decide what circle may keep about a person."""

from __future__ import annotations

from dataclasses import replace

import pytest

from circle.domain.errors import InvalidInput
from circle.domain.rules import BRIEF_NOTE_CAP_MAX, ConfidentialityRules, NamesPolicy, NotesPolicy

FIRST_NAME = ConfidentialityRules(names=NamesPolicy.FIRST_NAME)
INITIALS = ConfidentialityRules(names=NamesPolicy.INITIALS)
HEADCOUNT = ConfidentialityRules(names=NamesPolicy.HEADCOUNT)


@pytest.mark.parametrize(
    ("typed", "kept"),
    [("Ada", "Ada"), ("Ada Lovelace", "Ada L."), ("Ada King Lovelace", "Ada L."), (" zoë  \t quinn ", "zoë q.")],
)
def test_a_first_name_group_keeps_the_first_name_and_a_last_initial(typed: str, kept: str):
    assert FIRST_NAME.name_to_keep(typed) == kept


@pytest.mark.parametrize(
    ("typed", "kept"), [("Ada", "A."), ("Ada King Lovelace", "A. K. L."), ("李 小龙", "李. 小.")]
)
def test_an_initials_group_keeps_initials_only(typed: str, kept: str):
    assert INITIALS.name_to_keep(typed) == kept


def test_a_headcount_group_refuses_any_name():
    with pytest.raises(InvalidInput, match="no names"):
        HEADCOUNT.name_to_keep("Ada Lovelace")
    assert not HEADCOUNT.keeps_names
    assert FIRST_NAME.keeps_names and INITIALS.keeps_names


@pytest.mark.parametrize("typed", ["", "   ", "\x1b\x07", "\u202e"])
def test_a_name_that_is_empty_once_cleaned_is_refused(typed: str):
    with pytest.raises(InvalidInput, match="empty"):
        FIRST_NAME.name_to_keep(typed)


def test_a_name_that_looks_like_markup_is_kept_as_text():
    assert FIRST_NAME.name_to_keep("[@click=app.quit] Smith") == "[@click=app.quit] S."


def test_the_defaults_keep_first_names_and_flags_for_ninety_days():
    rules = ConfidentialityRules()
    assert (rules.names, rules.notes, rules.notes_retention_days) == (NamesPolicy.FIRST_NAME, NotesPolicy.FLAGS, 90)


@pytest.mark.parametrize(
    "change",
    [
        {"brief_note_cap": 0}, {"brief_note_cap": BRIEF_NOTE_CAP_MAX + 1},
        {"notes_retention_days": 0}, {"notes_retention_days": 3651},
        {"identity_retention_days": 0}, {"identity_retention_days": 3651},
        {"small_count_threshold": 0}, {"small_count_threshold": 21},
    ],
    ids=lambda change: "-".join(f"{key}={value}" for key, value in change.items()),
)
def test_out_of_range_rules_are_refused(change: dict):
    with pytest.raises(InvalidInput):
        replace(ConfidentialityRules(), **change)


def test_rules_round_trip_through_a_plain_dictionary():
    rules = ConfidentialityRules(
        names=NamesPolicy.INITIALS, notes=NotesPolicy.BRIEF, brief_note_cap=80, notes_retention_days=14,
        identity_retention_days=30, room_display_names=True, small_count_threshold=5,
    )
    data = rules.to_dict()
    assert data["names"] == "initials" and data["notes"] == "brief"
    assert all(type(value) in (str, int, bool) for value in data.values())
    assert ConfidentialityRules.from_dict(data) == rules


def test_unknown_keys_are_ignored_and_missing_ones_take_the_default():
    assert ConfidentialityRules.from_dict({"names": "initials", "from_the_future": 1}) == INITIALS


@pytest.mark.parametrize("data", [{"names": "everything"}, {"notes": "transcript"}, {"brief_note_cap": "long"}])
def test_rules_that_cannot_be_read_give_one_plain_error(data: dict):
    with pytest.raises(InvalidInput, match="rules could not be read"):
        ConfidentialityRules.from_dict(data)


def test_the_description_says_what_each_rule_means_for_members():
    described = " ".join(ConfidentialityRules(notes=NotesPolicy.BRIEF, brief_note_cap=60).describe())
    assert "60 characters" in described
    assert "counts only" in described
    assert "absent are never named" in described
    assert "No names are kept" in " ".join(HEADCOUNT.describe())
