"""Signed lead bundles, tried as a forger would: anyone may hold the lead's public key, so only a group's own
signing key makes its counts count, and a lead's store never takes a group's counts from anyone else."""

from __future__ import annotations

import shlex
import shutil
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from circle.domain.trends.lead_bundle import (
    MAX_KEPT_GROUPS,
    ReceivedGroup,
    SignedStatement,
    bundle_to_json,
)
from circle.domain.trends.lead_merge import RetiredKey, TooManyGroups, merge_groups
from circle.domain.trends.lead_report import SeveralLeadGroups
from circle.domain.trends.periods import Period
from circle.lead.folder import LeadFolder
from circle.lead.received import MAX_BUNDLE_BYTES
from circle.paths import locations
from circle.vault.group_signing import fingerprint_text, same_fingerprint, sign, signer_public_key
from circle.vault.keyring import FLOOR_KDF
from circle.vault.lead_bundle import seal_lead_bundle
from circle.vault.recipients import new_private_key, public_key
from circle.workspace import Workspace
from tests.conftest import PASSPHRASE, unlocked_workspace
from tests.older_vaults import make_older
from tests.lead_bundles import (  # noqa: F401 - lead_folder is a fixture
    LEAD_PASSPHRASE,
    lead_folder,
    our_public,
    FORGER_SEED,
    GROUP_SEED,
    bundle_file,
    signed_statements,
    synthetic_bundle,
    synthetic_group,
)

MADE = datetime(2026, 3, 2, 19, 0, tzinfo=UTC)
PREVIOUS_RELEASE = Path(__file__).resolve().parents[1] / "vectors" / "lead_store_v1"


def imported(folder: LeadFolder, *paths: Path):  # type: ignore[no-untyped-def]
    return folder.unlock(LEAD_PASSPHRASE).import_paths(list(paths))


def test_a_forged_bundle_for_a_pinned_group_changes_nothing_and_says_why_in_one_line(
    lead_folder: LeadFolder, tmp_path: Path
):
    imported(lead_folder, bundle_file(tmp_path, "real.circlelead", synthetic_bundle(MADE), our_public(lead_folder)))
    stored = lead_folder.where.lead_store_file.read_bytes()
    forged = synthetic_bundle(MADE + timedelta(days=1), seed=FORGER_SEED, headcounts=(42, 42, 42, 42))
    path = bundle_file(tmp_path, "forged.circlelead", forged, our_public(lead_folder))
    result = imported(lead_folder, path)
    [problem] = result.problems
    assert problem.startswith(f'{path}: "Tuesday Evening" is signed by a different key than before')
    assert fingerprint_text(signer_public_key(FORGER_SEED)) in problem and "circle lead trust" in problem
    assert "\n" not in problem
    assert lead_folder.where.lead_store_file.read_bytes() == stored


def test_a_statement_changed_after_signing_refuses_the_whole_bundle(lead_folder: LeadFolder, tmp_path: Path):
    lead_public = our_public(lead_folder)
    genuine = signed_statements(synthetic_bundle(MADE), lead_public)[0]
    raised = genuine.statement.replace(b'"held":4', b'"held":9', 1)
    assert raised != genuine.statement
    other = signed_statements(synthetic_bundle(MADE, group_id="g2", name="Thursday"), lead_public)[0]
    path = tmp_path / "changed.circlelead"
    path.write_bytes(seal_lead_bundle(bundle_to_json([replace(genuine, statement=raised), other]), lead_public))
    result = imported(lead_folder, path)
    assert result.problems == (f"{path}: A group in it is not signed by the key it names; it may have been forged, "
                               "and nothing was taken from it.",)
    assert not lead_folder.has_imported, "nothing of the bundle was taken, not even its good group"


def test_a_signature_made_with_another_key_under_the_real_signers_name_is_refused(
    lead_folder: LeadFolder, tmp_path: Path
):
    [signed] = signed_statements(synthetic_bundle(MADE, seed=FORGER_SEED), our_public(lead_folder))
    claimed = SignedStatement(signed.statement, signer_public_key(GROUP_SEED), sign(FORGER_SEED, signed.statement))
    path = tmp_path / "claimed.circlelead"
    path.write_bytes(seal_lead_bundle(bundle_to_json([claimed]), our_public(lead_folder)))
    assert "not signed by the key it names" in imported(lead_folder, path).problems[0]


def test_a_statement_signed_for_another_lead_is_refused_when_sealed_to_this_one(lead_folder: LeadFolder, tmp_path: Path):
    other_lead = public_key(new_private_key())
    signed = signed_statements(synthetic_bundle(MADE), other_lead)
    path = tmp_path / "passed-on.circlelead"
    path.write_bytes(seal_lead_bundle(bundle_to_json(signed), our_public(lead_folder)))
    assert imported(lead_folder, path).problems == (
        f"{path}: A group in it was signed for another lead; nothing was taken from it.",
    )


def test_a_lead_who_trusts_a_new_key_takes_its_bundle_and_refuses_the_old_key_after(
    lead_folder: LeadFolder, tmp_path: Path
):
    lead_public = our_public(lead_folder)
    old = bundle_file(tmp_path, "old.circlelead", synthetic_bundle(MADE), lead_public)
    imported(lead_folder, old)
    rekeyed = bundle_file(tmp_path, "new.circlelead",
                          synthetic_bundle(MADE + timedelta(days=7), seed=FORGER_SEED, headcounts=(9, 9)), lead_public)
    store = lead_folder.unlock(LEAD_PASSPHRASE)
    group, kept = store.signed_in(rekeyed, "tuesday evening")
    assert kept is not None and kept.signer == signer_public_key(GROUP_SEED)
    assert not store.same_key("12345 67890", group)
    assert store.same_key(fingerprint_text(group.signer).replace(" ", "-"), group)
    store.trust(group)
    assert store.kept()["g1"].group.months[0]["held"] == 2 and store.kept()["g1"].signer == group.signer
    newer_with_old_key = bundle_file(tmp_path, "late.circlelead", synthetic_bundle(MADE + timedelta(days=8)), lead_public)
    [problem] = imported(lead_folder, newer_with_old_key).problems
    assert "is signed by a key it no longer uses" in problem and "circle lead trust" not in problem
    old_group, _ = store.signed_in(newer_with_old_key, "Tuesday Evening")
    with pytest.raises(RetiredKey):
        store.trust(old_group)


def test_a_fingerprint_is_thirty_digits_in_six_groups_and_only_its_own_key_matches_it():
    text = fingerprint_text(signer_public_key(GROUP_SEED))
    assert len(text.split()) == 6 and all(len(part) == 5 and part.isdigit() for part in text.split())
    assert same_fingerprint(text, signer_public_key(GROUP_SEED))
    assert not same_fingerprint(text, signer_public_key(FORGER_SEED))
    assert not same_fingerprint(text.replace(" ", "") + "0", signer_public_key(GROUP_SEED))


def test_a_groups_signing_key_changes_when_a_removed_facilitator_takes_the_old_group_key_away(
    workspace: Workspace,
):
    group = workspace.create_group("Tuesday Evening", "support-90")
    workspace.add_cofacilitator(group.id, "Rowan Q.", "juniper kettle orchard violet", kdf=FLOOR_KDF)
    before = workspace.lead_fingerprint(group.id)
    assert workspace.lead_fingerprint(group.id) == before, "the same key signs every bundle while nothing changes"
    [rowan] = [entry for entry in workspace.facilitators(group.id) if entry.handle == "Rowan Q."]
    workspace.remove_facilitator(group.id, rowan.id)
    assert workspace.lead_fingerprint(group.id) != before
    other = workspace.create_group("Thursday Circle", "support-90")
    assert workspace.lead_fingerprint(other.id) not in (before, workspace.lead_fingerprint(group.id))


# ---- the store the previous release wrote ----------------------------------------------------------------------------


@pytest.fixture
def previous_release(tmp_path: Path) -> LeadFolder:
    folder = LeadFolder(locations(tmp_path / "old-lead"))
    folder.where.lead_dir.mkdir(parents=True, mode=0o700)
    for name in ("lead.key", "groups.sealed"):
        shutil.copy(PREVIOUS_RELEASE / name, folder.where.lead_dir / name)
    return folder


def test_the_previous_releases_store_opens_with_its_months_and_its_groups_unpinned(previous_release: LeadFolder):
    kept = previous_release.unlock(LEAD_PASSPHRASE).kept()
    assert sorted(entry.group.name for entry in kept.values()) == ["Thursday Circle", "Tuesday Evening"]
    for entry in kept.values():
        assert entry.signer is None and list(entry.group.periods) == [Period.MONTH]
        assert [row["label"] for row in entry.group.months] == ["2026-01", "2026-02"]


def test_the_previous_releases_unsigned_bundle_is_refused_and_a_signed_one_pins_its_group(
    previous_release: LeadFolder, tmp_path: Path
):
    unsigned = PREVIOUS_RELEASE / "unsigned-bundle.circlelead"
    assert imported(previous_release, unsigned).problems == (
        f"{unsigned}: This bundle was made by an older circle and is not signed; ask its facilitator to export again.",
    )
    signed = bundle_file(tmp_path, "signed.circlelead", synthetic_bundle(MADE), our_public(previous_release))
    assert imported(previous_release, signed).counts.up_to_date == 1
    kept = previous_release.unlock(LEAD_PASSPHRASE).kept()
    assert kept["g1"].signer == signer_public_key(GROUP_SEED) and kept["g2"].signer is None
    assert previous_release.unlock(LEAD_PASSPHRASE).kept() == kept


# ---- caps ------------------------------------------------------------------------------------------------------------


def test_a_file_larger_than_any_bundle_is_refused_without_being_read_whole(lead_folder: LeadFolder, tmp_path: Path):
    path = tmp_path / "huge.circlelead"
    with path.open("wb") as out:
        out.truncate(MAX_BUNDLE_BYTES + 1)
    assert imported(lead_folder, path).problems == (
        f"{path}: That file is larger than a lead bundle can be (16 MiB).",
    )


def test_a_store_never_grows_past_its_cap_so_it_always_reads_back():
    group = synthetic_group()
    signer = signer_public_key(GROUP_SEED)
    many = [ReceivedGroup(MADE, replace(group, id=f"g{index}"), signer) for index in range(MAX_KEPT_GROUPS + 1)]
    assert len(merge_groups({}, many[:-1]).kept) == MAX_KEPT_GROUPS
    with pytest.raises(TooManyGroups):
        merge_groups({}, many)


def test_the_trust_command_a_refusal_offers_is_quoted_so_pasting_it_runs_nothing_else(
    lead_folder: LeadFolder, tmp_path: Path
):
    name = "Tue $(touch pwned) `id`; rm -rf ~ 'x'"
    imported(lead_folder, bundle_file(tmp_path, "first.circlelead", synthetic_bundle(MADE, name=name), our_public(lead_folder)))
    folder = tmp_path / "a folder; $(touch pwned)"
    path = bundle_file(folder, "it's.circlelead", synthetic_bundle(MADE, seed=FORGER_SEED, name=name),
                       our_public(lead_folder))
    [problem] = imported(lead_folder, path).problems
    command = problem.split(" run: ", 1)[1]
    assert shlex.split(command) == ["circle", "lead", "trust", name, str(path)]


def test_a_new_group_under_a_kept_groups_name_is_pointed_out_and_forgotten_alone_by_its_label(
    lead_folder: LeadFolder, tmp_path: Path
):
    imported(lead_folder, bundle_file(tmp_path, "real.circlelead", synthetic_bundle(MADE), our_public(lead_folder)))
    fake = synthetic_bundle(MADE, seed=FORGER_SEED, group_id="fake-g1")
    [notice] = imported(lead_folder, bundle_file(tmp_path, "fake.circlelead", fake, our_public(lead_folder))).problems
    assert notice == ('"Tuesday Evening" is a new group with the same name as one you have; the report shows it as'
                      ' "Tuesday Evening (fake-g)". If you do not know it, run: circle lead forget'
                      " 'Tuesday Evening (fake-g)'")
    store = lead_folder.unlock(LEAD_PASSPHRASE)
    with pytest.raises(SeveralLeadGroups):
        store.forget("tuesday evening")
    store.forget("Tuesday Evening (fake-g)")
    assert list(store.kept()) == ["g1"]


def test_a_vault_from_the_release_before_signing_keys_upgrades_and_keeps_its_groups_first_key(vault_home: Path):
    with unlocked_workspace(vault_home) as workspace:
        group = workspace.create_group("Tuesday Evening", "support-90")
    make_older(vault_home, PASSPHRASE, last_migration="m007_manifests")
    with unlocked_workspace(vault_home) as workspace:  # migrated, and its manifests still match
        first = workspace.lead_fingerprint(group.id)
    with unlocked_workspace(vault_home) as workspace:  # the key made is kept, and the manifest says so
        assert workspace.lead_fingerprint(group.id) == first
