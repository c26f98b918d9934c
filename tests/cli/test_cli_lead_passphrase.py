"""`circle lead passphrase`, as a subprocess: a new lead passphrase is a new key pair; the store is sealed again
under it, and bundles sealed to the old key no longer import."""

from __future__ import annotations

import re
from pathlib import Path

from circle.lead.folder import LeadFolder
from circle.paths import locations
from circle.vault import lead_key
from circle.vault.errors import LeadStoreDamaged
from circle.vault.lead_store import open_store
from tests.cli.test_cli import ok, one_line_error
from tests.cli.test_cli_lead import (  # noqa: F401
    AS_LEAD,
    KEY_LINE,
    LEAD,
    export,
    facilitator_home,
    lead_home,
)

NEW_LEAD = "a candle by the door"
CHANGE = {"CIRCLE_LEAD_PASSPHRASE": LEAD, "CIRCLE_NEW_LEAD_PASSPHRASE": NEW_LEAD}


def as_lead(run_circle, home: Path, passphrase: str, *args: str):  # type: ignore[no-untyped-def]
    return run_circle("lead", *args, home=home, passphrase=None, env={"CIRCLE_LEAD_PASSPHRASE": passphrase})


def test_a_new_lead_passphrase_makes_a_new_key_that_reads_the_store_and_the_old_key_reads_nothing_new(
    run_circle, facilitator_home: Path, lead_home: tuple[Path, str], tmp_path: Path  # noqa: F811
):
    home, old_key = lead_home
    old_bundle = tmp_path / export(run_circle, facilitator_home, old_key)
    assert ok(as_lead(run_circle, home, LEAD, "import", str(old_bundle))).startswith("Read 1 bundle: 2 groups added")
    where = locations(home)
    old_key_file = where.lead_key_file.read_bytes()  # what someone who copied the lead's folder keeps

    printed = ok(run_circle("lead", "passphrase", home=home, passphrase=None, env=CHANGE)).splitlines()

    assert printed[0].startswith("Lead passphrase changed, and with it your lead key.")
    assert "bundles sealed to the old one will no longer import" in printed[1]
    new_key = printed[-1]
    assert KEY_LINE.match(new_key) and new_key != old_key
    assert ok(run_circle("lead", "key", home=home, passphrase=None)).strip() == new_key
    assert not (where.lead_dir / "lead.key.new").exists()
    # The store is sealed again under the new key: the new passphrase reads it, the old key file does not.
    report = ok(as_lead(run_circle, home, NEW_LEAD, "report"))
    assert "Thursday Circle" in report and "Tuesday Evening" in report
    one_line_error(as_lead(run_circle, home, LEAD, "report"))  # the old passphrase opens nothing now
    old_private = lead_key.open_key_file(old_key_file, LEAD)
    try:
        open_store(where.lead_store_file.read_bytes(), old_private)
        raise AssertionError("the old key opened the new store")
    except LeadStoreDamaged:
        pass
    # A bundle sealed to the old key is for another lead now; one sealed to the new key imports.
    assert "another lead" in one_line_error(as_lead(run_circle, home, NEW_LEAD, "import", str(old_bundle)))
    new_bundle = tmp_path / export(run_circle, facilitator_home, new_key)
    assert ok(as_lead(run_circle, home, NEW_LEAD, "import", str(new_bundle))).startswith(
        "Read 1 bundle: 0 groups added, 2 updated")


def test_a_wrong_current_lead_passphrase_changes_nothing(run_circle, lead_home: tuple[Path, str]):  # noqa: F811
    home, old_key = lead_home
    before = locations(home).lead_key_file.read_bytes()
    wrong = {"CIRCLE_LEAD_PASSPHRASE": "not the lead passphrase", "CIRCLE_NEW_LEAD_PASSPHRASE": NEW_LEAD}
    one_line_error(run_circle("lead", "passphrase", home=home, passphrase=None, env=wrong))
    assert locations(home).lead_key_file.read_bytes() == before
    assert ok(run_circle("lead", "key", home=home, passphrase=None)).strip() == old_key


def test_a_change_cut_short_after_the_store_was_sealed_anew_is_finished_by_the_new_passphrase(
    lead_home: tuple[Path, str], run_circle, facilitator_home: Path, tmp_path: Path  # noqa: F811
):
    home, old_key = lead_home
    ok(as_lead(run_circle, home, LEAD, "import", str(tmp_path / export(run_circle, facilitator_home, old_key))))
    folder = LeadFolder(locations(home))
    store = folder.unlock(LEAD)
    old_key_file = locations(home).lead_key_file.read_bytes()
    store.change_passphrase(NEW_LEAD)
    # As if cut short before the last step: the old key file back at its place, the new one beside it.
    new_key_file = locations(home).lead_key_file.read_bytes()
    (locations(home).lead_dir / "lead.key.new").write_bytes(new_key_file)
    locations(home).lead_key_file.write_bytes(old_key_file)
    assert len(folder.unlock(NEW_LEAD).kept()) == 2
    assert locations(home).lead_key_file.read_bytes() == new_key_file
    assert not (locations(home).lead_dir / "lead.key.new").exists()
    assert re.match(KEY_LINE, folder.public_key_text())
