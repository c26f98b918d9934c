"""A template is written in its group's language; its crisis placeholders are still known for what they are."""

from __future__ import annotations

from circle.domain.group import has_placeholders
from circle.domain.templates import TEMPLATES, template, templates_in


def test_a_spanish_group_starts_from_agreements_and_prompts_written_in_spanish() -> None:
    support = template("support-90", "es")
    assert "Pasar es válido." in support.profile.agreements.text
    assert support.profile.format.check_in_prompt.startswith("Ronda de llegada")
    assert support.title == "Grupo de apoyo · 90 minutos"
    assert "límites" in support.profile.agreements.confidentiality_limits


def test_every_template_is_in_every_language_with_the_same_keys_format_and_rules() -> None:
    for key, english in TEMPLATES.items():
        spanish = templates_in("es")[key]
        assert spanish.profile.format.phases == english.profile.format.phases
        assert spanish.rules == english.rules
        assert spanish.profile.agreements.text.count("•") == english.profile.agreements.text.count("•")
        assert spanish.profile.agreements.text != english.profile.agreements.text


def test_a_spanish_placeholder_crisis_number_is_flagged_as_a_placeholder() -> None:
    assert has_placeholders(template("crisis-60", "es").profile.crisis_resources)


def test_a_language_circle_does_not_know_gives_the_english_template() -> None:
    assert template("check-in-30", "xx") == template("check-in-30")
