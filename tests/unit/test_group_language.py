"""A group's language: chosen when the group is made, sealed with its profile, carried by a handoff.

A profile or handoff from before languages reads as English; whatever a crafted one holds reads as English too,
never as an error.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from circle import language
from circle.domain.clock import FakeClock
from circle.domain.group import GroupProfile
from circle.domain.handoff import snapshot_to_json
from circle.domain.handoff.reading import snapshot_from_json
from circle.domain.templates import template
from circle.vault.handoff import open_handoff
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace
from tests.conftest import unlocked_workspace
from tests.crafted_handoffs import crafted

ROBINS = "river stone lantern meadow"


@pytest.fixture
def spanish_facilitator():
    language.use("es")
    yield
    language.use(language.ENGLISH)


def test_a_profile_written_before_languages_reads_as_english_and_an_english_one_is_written_as_before() -> None:
    before = template("support-90").profile.to_dict()
    assert "language" not in before
    assert GroupProfile.from_dict(before).language == "en"
    assert GroupProfile.from_dict(before).to_dict() == before


def test_a_spanish_profile_keeps_its_language_through_the_vaults_json() -> None:
    profile = replace(template("support-90", "es").profile, language="es")
    assert profile.to_dict()["language"] == "es"
    assert GroupProfile.from_dict(profile.to_dict()) == profile
    assert GroupProfile.from_dict(profile.to_dict()).words.code == "es"


@pytest.mark.parametrize("crafted_code", [None, 7, True, ["es"], {"es": 1}, "", "ES", "e", "x" * 5000,
                                          "es\n", "<script>", "es; rm", "es-" + "A" * 40])
def test_a_crafted_language_in_a_profile_reads_as_english_and_never_as_an_error(crafted_code: object) -> None:
    data = {**template("support-90").profile.to_dict(), "language": crafted_code}
    profile = GroupProfile.from_dict(data)
    assert profile.language == "en"
    assert profile.words.code == "en"


def test_a_language_a_newer_circle_may_speak_is_kept_as_it_is_and_spoken_here_in_english() -> None:
    data = {**template("support-90").profile.to_dict(), "language": "pt-BR"}
    profile = GroupProfile.from_dict(data)
    assert profile.to_dict()["language"] == "pt-BR"  # handed back unchanged, not turned into English
    assert profile.words.code == "en"


def test_a_new_group_meets_in_the_facilitators_language_unless_another_is_chosen(
    workspace: Workspace, spanish_facilitator: None
) -> None:
    own = workspace.create_group("Martes")
    chosen = workspace.create_group("Tuesday", language="en")
    assert workspace.group(own.id).profile.language == "es"
    assert workspace.group(own.id).profile.agreements == template("support-90", "es").profile.agreements
    assert workspace.group(chosen.id).profile.language == "en"
    assert workspace.group(chosen.id).profile.agreements == template("support-90").profile.agreements


def test_a_new_group_in_spanish_starts_from_the_template_written_in_spanish(workspace: Workspace) -> None:
    group = workspace.create_group("Martes", "crisis-60", language="es")
    kept = workspace.group(group.id).profile
    assert kept.language == "es"
    assert kept.format.check_in_prompt == template("crisis-60", "es").profile.format.check_in_prompt
    assert kept.crisis_resources == template("crisis-60", "es").profile.crisis_resources


def test_a_language_circle_cannot_speak_asked_for_a_new_group_makes_an_english_one(workspace: Workspace) -> None:
    group = workspace.create_group("Tuesday", language="klingon")
    assert workspace.group(group.id).profile.language == "en"


def test_a_co_facilitator_keeps_the_groups_language_there_and_back(vault_home: Path, tmp_path: Path) -> None:
    clock = FakeClock()
    with unlocked_workspace(vault_home, clock) as sam:
        group = sam.create_group("Martes", language="es")
        out = sam.export_handoff(group.id, kdf=FLOOR_KDF)
    assert json.loads(open_handoff(out.data, out.code))["circle_handoff"] == 3
    clock.advance(minutes=10)
    with Workspace.open(tmp_path / "robins-laptop", clock=clock) as robin:
        robin.create_facilitator("Robin", ROBINS, kdf=FLOOR_KDF)
        robin.import_handoff(out.data, out.code)
        kept = robin.group(group.id)
        assert kept.profile.language == "es"
        clock.advance(minutes=10)
        robin.save_group(replace(kept, name="Martes por la tarde"))  # a settings change travels back
        back = robin.export_handoff(group.id, kdf=FLOOR_KDF)
    clock.advance(minutes=10)
    with unlocked_workspace(vault_home, clock) as sam:
        sam.import_handoff(back.data, back.code)
        assert sam.group(group.id).name == "Martes por la tarde"
        assert sam.group(group.id).profile.language == "es"


def test_an_english_groups_handoff_stays_at_the_payload_version_an_older_circle_reads(workspace: Workspace) -> None:
    group = workspace.create_group("Tuesday", language="en")
    out = workspace.export_handoff(group.id, kdf=FLOOR_KDF)
    payload = json.loads(open_handoff(out.data, out.code))
    assert payload["circle_handoff"] == 2
    assert "language" not in payload["group"]["profile"]


def test_a_crafted_language_in_a_handoff_comes_in_as_english(vault_home: Path, tmp_path: Path) -> None:
    clock = FakeClock()
    with unlocked_workspace(vault_home, clock) as sam:
        group = sam.create_group("Martes", language="es")
        out = sam.export_handoff(group.id, kdf=FLOOR_KDF)
    forged = crafted(out.data, out.code, lambda payload: payload["group"]["profile"].update(language="x" * 10_000))
    clock.advance(minutes=10)
    with Workspace.open(tmp_path / "robins-laptop", clock=clock) as robin:
        robin.create_facilitator("Robin", ROBINS, kdf=FLOOR_KDF)
        robin.import_handoff(forged, out.code)
        assert robin.group(group.id).profile.language == "en"


def test_a_spanish_groups_payload_reads_back_whole(workspace: Workspace) -> None:
    group = workspace.create_group("Martes", language="es")
    out = workspace.export_handoff(group.id, kdf=FLOOR_KDF)
    snapshot = snapshot_from_json(json.loads(open_handoff(out.data, out.code)))
    assert snapshot.group.profile == workspace.group(group.id).profile
    assert snapshot_to_json(snapshot)["circle_handoff"] == 3
