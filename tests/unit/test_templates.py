"""The ready-made meeting templates: their length, shape, agreements and rules."""

from __future__ import annotations

import pytest

from circle.domain.errors import InvalidInput
from circle.domain.group import GroupProfile, PhaseKind
from circle.domain.rules import NamesPolicy, NotesPolicy
from circle.domain.templates import DEFAULT_TEMPLATE, TEMPLATES, Template, template

ALL_TEMPLATES = pytest.mark.parametrize("tpl", list(TEMPLATES.values()), ids=list(TEMPLATES))


def test_templates_are_offered_in_a_fixed_order_with_support_90_as_the_default():
    assert list(TEMPLATES) == ["support-90", "crisis-60", "check-in-30"]
    assert DEFAULT_TEMPLATE in TEMPLATES


@ALL_TEMPLATES
def test_every_template_is_stored_under_its_own_key(tpl: Template):
    assert template(tpl.key) is tpl


@ALL_TEMPLATES
def test_every_template_plans_exactly_its_advertised_length(tpl: Template):
    advertised = int(tpl.key.rsplit("-", 1)[1])
    assert tpl.profile.format.planned_minutes == advertised


@ALL_TEMPLATES
def test_every_template_opens_with_the_opening_and_ends_with_the_closing(tpl: Template):
    phases = tpl.profile.format.phases
    assert phases[0].kind is PhaseKind.OPENING
    assert phases[-1].kind is PhaseKind.CLOSING


def test_the_crisis_template_grounds_the_room_in_a_part_of_its_own_after_the_opening():
    kinds = [phase.kind for phase in template("crisis-60").profile.format.phases]
    assert kinds[:2] == [PhaseKind.OPENING, PhaseKind.GROUNDING]


@ALL_TEMPLATES
def test_every_template_has_prompts_of_its_own_that_say_passing_or_one_word_is_enough(tpl: Template):
    fmt = tpl.profile.format
    assert fmt.check_in_prompt.startswith("Check-in round") and fmt.closing_prompt.startswith("Closing round")
    assert len({tpl.profile.format.check_in_prompt for tpl in TEMPLATES.values()}) == len(TEMPLATES)


def test_only_the_support_group_takes_a_break():
    with_a_break = [
        key for key, tpl in TEMPLATES.items() if any(phase.kind is PhaseKind.BREAK for phase in tpl.profile.format.phases)
    ]
    assert with_a_break == ["support-90"]


def test_the_crisis_template_keeps_initials_only():
    assert template("crisis-60").rules.names is NamesPolicy.INITIALS


def test_the_crisis_template_keeps_flags_only_and_forgets_them_within_a_month():
    rules = template("crisis-60").rules
    assert rules.notes is NotesPolicy.FLAGS
    assert rules.notes_retention_days == 30


def test_the_check_in_template_keeps_no_notes():
    assert template("check-in-30").rules.notes is NotesPolicy.NONE


@ALL_TEMPLATES
def test_every_template_agreements_mention_the_right_to_pass(tpl: Template):
    assert "right to pass" in tpl.profile.agreements.text.lower()


@ALL_TEMPLATES
def test_every_template_agreements_are_six_to_ten_bulleted_lines(tpl: Template):
    lines = tpl.profile.agreements.text.splitlines()
    assert 6 <= len(lines) <= 10
    assert all(line.startswith("• ") for line in lines)


@ALL_TEMPLATES
def test_every_template_explains_the_limits_of_confidentiality_and_leaves_the_reporter_to_the_group(tpl: Template):
    agreements = tpl.profile.agreements
    assert "harm" in agreements.confidentiality_limits
    assert agreements.mandated_reporter == ""


@ALL_TEMPLATES
def test_every_template_offers_crisis_resources_without_inventing_numbers(tpl: Template):
    resources = tpl.profile.crisis_resources
    assert resources
    assert not any(char.isdigit() for resource in resources for char in resource.contact)


def test_an_unknown_template_is_refused_with_the_valid_keys_listed():
    with pytest.raises(InvalidInput) as raised:
        template("nope")
    assert str(raised.value) == (
        "Unknown template 'nope'. Choose one of: support-90, crisis-60, check-in-30."
    )


@ALL_TEMPLATES
def test_every_template_profile_survives_a_round_trip_through_a_dict_unchanged(tpl: Template):
    assert GroupProfile.from_dict(tpl.profile.to_dict()) == tpl.profile
