"""A crisis resource still holding the template's words where a number should be is a placeholder."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from circle.demo import DEMO_PASSPHRASE, build_demo
from circle.domain.group import CrisisResource, has_placeholders
from circle.domain.templates import TEMPLATES, template
from circle.language import LANGUAGES
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace


@pytest.mark.parametrize("key", list(TEMPLATES))
def test_every_templates_contacts_are_placeholders_until_a_facilitator_sets_them(key: str) -> None:
    resources = template(key).profile.crisis_resources
    assert resources and all(resource.is_placeholder for resource in resources)
    assert has_placeholders(resources)


@pytest.mark.parametrize("contact", ["add your LOCAL number", "  Your local   emergency number. "])
def test_the_template_words_kept_in_another_case_or_spacing_are_still_a_placeholder(contact: str) -> None:
    assert CrisisResource("Crisis line", contact).is_placeholder


@pytest.mark.parametrize("contact", ["988", "0800 000 000", "Call 112, or your local emergency number"])
def test_a_real_contact_is_not_a_placeholder(contact: str) -> None:
    resource = CrisisResource("Crisis line", contact)
    assert not resource.is_placeholder
    assert not has_placeholders((resource,))


def test_the_demos_groups_carry_fictional_numbers_so_their_meetings_open_without_the_notice(tmp_path) -> None:  # type: ignore[no-untyped-def]
    build_demo(tmp_path, groups=3, years=1, kdf=FLOOR_KDF)
    with Workspace.open(tmp_path) as workspace:
        workspace.unlock(DEMO_PASSPHRASE)
        for overview in workspace.groups():
            resources = workspace.group(overview.id).profile.crisis_resources
            assert resources and not has_placeholders(resources)
            assert all(resource.contact.startswith("Demo only: 555-01") for resource in resources)


def test_a_spanish_placeholder_is_known_to_a_facilitator_who_speaks_english() -> None:
    spanish = template("crisis-60", "es").profile.crisis_resources
    assert spanish and all(CrisisResource(each.name, each.contact).is_placeholder for each in spanish)


def test_knowing_circle_s_groups_loads_no_other_language_until_a_placeholder_is_asked_about() -> None:
    """Every language's catalog is read for the placeholders; one who speaks one language need not carry the rest.
    Only English, the facilitator's, is known once the module is imported."""
    script = (
        "import circle.language as language, circle.domain.group as group;"
        "print(language._catalog.cache_info().currsize);"
        "group.CrisisResource('Line', '988').is_placeholder;"
        "print(language._catalog.cache_info().currsize)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                          env={**os.environ, "LANGUAGE": "en"})
    assert done.stdout.split() == ["1", str(len(LANGUAGES))]
