"""A group's profile and rules read from their sealed JSON, and templates chosen by name.

`GroupProfile.from_dict` and `ConfidentialityRules.from_dict` take any JSON value: they give settings
that keep every rule of docs/FORMAT.md sections 6.1 and 6.2, or refuse it as InvalidInput.
"""

from __future__ import annotations

import json
import math

from hypothesis import given
from hypothesis import strategies as st

from circle.domain.errors import InvalidInput
from circle.domain.group import GroupProfile, PhaseKind
from circle.domain.rules import BRIEF_NOTE_CAP_MAX, PULSE_QUESTION_MAX, ConfidentialityRules, NamesPolicy, NotesPolicy
from circle.domain.templates import TEMPLATES, template
from tests.fuzz.checks import fuzz, is_clean, is_clean_line, raises_only
from tests.fuzz.strategies import edited, hostile_text, json_edits, json_objects, json_values

PROFILES = [t.profile.to_dict() for t in TEMPLATES.values()]
RULES = [t.rules.to_dict() for t in TEMPLATES.values()]


def _is_whole(value: object, low: int, high: int) -> bool:
    return type(value) is int and low <= value <= high


def _keeps_section_6_1(profile: GroupProfile) -> None:
    fmt = profile.format
    assert fmt.phases and all(isinstance(p.kind, PhaseKind) and _is_whole(p.minutes, 1, 240) for p in fmt.phases)
    for minutes in (fmt.check_in_turn_minutes, fmt.sharing_turn_minutes):
        assert type(minutes) is float and math.isfinite(minutes) and 0.5 <= minutes <= 30
    agreements = profile.agreements
    for text in (agreements.text, agreements.confidentiality_limits, agreements.mandated_reporter):
        assert isinstance(text, str) and is_clean(text)
    for resource in profile.crisis_resources:
        assert resource.name and resource.contact
        lines = (resource.name, resource.contact, resource.when)
        assert all(isinstance(line, str) and is_clean_line(line) for line in lines)
    schedule = profile.schedule
    assert schedule.weekday is None or _is_whole(schedule.weekday, 0, 6)
    assert isinstance(schedule.start, str)


def _keeps_section_6_2(rules: ConfidentialityRules) -> None:
    assert isinstance(rules.names, NamesPolicy) and isinstance(rules.notes, NotesPolicy)
    assert _is_whole(rules.brief_note_cap, 1, BRIEF_NOTE_CAP_MAX)
    assert _is_whole(rules.notes_retention_days, 1, 3650) and _is_whole(rules.identity_retention_days, 1, 3650)
    assert _is_whole(rules.small_count_threshold, 1, 20)
    assert type(rules.room_display_names) is bool
    assert is_clean_line(rules.pulse_question) and len(rules.pulse_question) <= PULSE_QUESTION_MAX


def _read_profile(raw: object) -> None:
    profile = raises_only(InvalidInput, lambda: GroupProfile.from_dict(raw))
    if profile is not None:
        _keeps_section_6_1(profile)
        # Sealed as JSON and read back, it is the same profile.
        assert GroupProfile.from_dict(json.loads(json.dumps(profile.to_dict()))) == profile


def _read_rules(raw: object) -> None:
    rules = raises_only(InvalidInput, lambda: ConfidentialityRules.from_dict(raw))
    if rules is not None:
        _keeps_section_6_2(rules)
        assert ConfidentialityRules.from_dict(json.loads(json.dumps(rules.to_dict()))) == rules


@fuzz(150)
@given(raw=json_values | json_objects)
def test_any_json_value_is_a_profile_and_rules_or_is_refused_as_invalid_input(raw) -> None:
    _read_profile(raw)
    _read_rules(raw)


@fuzz(200)
@given(profile=st.sampled_from(PROFILES), edits=json_edits)
def test_a_profile_edited_anywhere_keeps_every_rule_of_its_format_or_is_refused(profile, edits) -> None:
    _read_profile(edited(profile, edits))


@fuzz(150)
@given(rules=st.sampled_from(RULES), edits=json_edits)
def test_rules_edited_anywhere_keep_every_rule_of_their_format_or_are_refused(rules, edits) -> None:
    _read_rules(edited(rules, edits))


@fuzz(200)
@given(key=hostile_text | st.sampled_from(sorted(TEMPLATES)))
def test_any_template_name_is_a_template_or_refused_in_one_short_line(key: str) -> None:
    chosen = raises_only(InvalidInput, lambda: template(key))
    assert chosen is None or chosen is TEMPLATES[key]
