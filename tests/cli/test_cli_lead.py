"""`circle lead`: a lead's key, bundles from facilitators through a shared folder, and the report, as subprocesses."""

from __future__ import annotations

import csv
import io
import json
import re
import stat
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from circle.domain.records import MeetingRecord, MeetingStatus
from circle.lead.folder import LeadFolder
from circle.paths import locations
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace
from tests.cli.test_cli import ok, one_line_error
from tests.conftest import PASSPHRASE

LEAD = "a lamp in every window"
AS_LEAD = {"CIRCLE_LEAD_PASSPHRASE": LEAD}
KEY_LINE = re.compile(r"^circle-lead-[a-z2-7]{55}$")
BUNDLE_NAME = re.compile(r"^circle-lead-\d{4}-\d{2}-\d{2}-[0-9a-f]{6}\.circlelead$")
FIRST = date(2025, 1, 6)


def history(workspace: Workspace, group_id: str, headcounts: list[int], newcomers: list[int]) -> None:
    meetings = [
        MeetingRecord(id=f"{group_id[:6]}-{index}", group_id=group_id, held_on=FIRST + timedelta(weeks=index),
                      status=MeetingStatus.CLOSED, planned_minutes=90, actual_minutes=90, headcount=count,
                      newcomers=new)
        for index, (count, new) in enumerate(zip(headcounts, newcomers, strict=True))
    ]
    workspace.record_meetings(group_id, meetings, [])


@pytest.fixture
def facilitator_home(vault_home: Path) -> Path:
    """A facilitator's vault with two headcount-only groups and twelve weeks of meetings each."""
    with Workspace.open(vault_home) as workspace:
        workspace.unlock(PASSPHRASE)
        for name, counts in (("Tuesday Evening", [6, 2, 7, 5, 8, 1, 9, 6, 7, 8, 5, 6]),
                             ("Thursday Circle", [9, 8, 9, 10, 7, 9, 11, 10, 9, 8, 10, 9])):
            group = workspace.create_group(name)
            workspace.change_rules(group.id, replace(group.rules, names=type(group.rules.names)("headcount")))
            history(workspace, group.id, counts, [1, 0, 0, 0, 4, 0, 1, 3, 0, 0, 1, 5])  # January: 1
    return vault_home


@pytest.fixture
def lead_home(tmp_path: Path) -> tuple[Path, str]:
    """A lead's laptop with a key made at the cheapest parameters (the CLI uses the real ones)."""
    home = tmp_path / "lead-laptop"
    return home, LeadFolder(locations(home)).create_key(LEAD, kdf=FLOOR_KDF)


def export(run_circle, facilitator_home: Path, key: str, *args: str) -> Path:  # type: ignore[no-untyped-def]
    printed = ok(run_circle("lead", "export", "--to", key, *args, home=facilitator_home))
    return Path(re.search(r" written to (.+)\.$", printed, re.MULTILINE).group(1))


def lead_run(run_circle, lead_home: tuple[Path, str], *args: str):  # type: ignore[no-untyped-def]
    return run_circle("lead", *args, home=lead_home[0], passphrase=None, env=AS_LEAD)


def test_lead_init_makes_one_key_that_lead_key_prints_again_without_a_passphrase(run_circle, tmp_path: Path):
    home = tmp_path / "new-lead"
    made = ok(run_circle("lead", "init", home=home, passphrase=None, env=AS_LEAD)).splitlines()
    assert made[0].startswith("Lead key created. ") and KEY_LINE.match(made[-1])
    assert ok(run_circle("lead", "key", home=home, passphrase=None)).strip() == made[-1]
    where = locations(home)
    assert stat.S_IMODE(where.lead_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(where.lead_key_file.stat().st_mode) == 0o600
    again = run_circle("lead", "init", home=home, passphrase=None, env={"CIRCLE_LEAD_PASSPHRASE": "something else"})
    assert "already a lead key here; nothing was changed" in one_line_error(again)
    assert ok(run_circle("lead", "key", home=home, passphrase=None)).strip() == made[-1]


def test_bundles_through_a_shared_folder_are_imported_once_and_a_newer_one_replaces_them(
    run_circle, facilitator_home: Path, lead_home: tuple[Path, str], tmp_path: Path
):
    shared = tmp_path / "Sync" / "circle-leads"
    shared.mkdir(parents=True)
    first = export(run_circle, facilitator_home, lead_home[1], "--out", str(shared))
    assert first.parent == shared and BUNDLE_NAME.match(first.name)
    assert stat.S_IMODE(first.stat().st_mode) == 0o600

    named = ok(lead_run(run_circle, lead_home, "import", str(first)))
    assert named == "Read 1 bundle: 2 groups added, 0 updated, 0 already up to date.\n"
    again = ok(lead_run(run_circle, lead_home, "import", str(shared)))
    assert again == "Read 1 bundle: 0 groups added, 0 updated, 2 already up to date.\n"

    export(run_circle, facilitator_home, lead_home[1], "--out", str(shared), "--group", "tuesday evening")
    newer = ok(lead_run(run_circle, lead_home, "import", str(shared)))
    assert newer == "Read 2 bundles: 0 groups added, 1 updated, 1 already up to date.\n"
    assert ok(lead_run(run_circle, lead_home, "import", str(shared))).endswith("2 already up to date.\n")


@pytest.fixture
def imported(run_circle, facilitator_home: Path, lead_home: tuple[Path, str], tmp_path: Path) -> tuple[Path, str]:
    bundle = export(run_circle, facilitator_home, lead_home[1])
    assert str(bundle.parent) == "." and BUNDLE_NAME.match(bundle.name)  # the current folder by default
    ok(lead_run(run_circle, lead_home, "import", str(tmp_path / bundle)))
    return lead_home


def test_the_report_shows_every_group_side_by_side_in_each_format(run_circle, imported: tuple[Path, str]):
    table = ok(lead_run(run_circle, imported, "report", "--by", "month"))
    summary, periods = table.split("\n\nBy month\n\n")
    assert summary.startswith("Summary, every meeting\n\ngroup ")
    assert "bundle made" in summary
    assert [line.split("  ")[0] for line in summary.splitlines()[4:]] == ["Thursday Circle", "Tuesday Evening"]
    assert len(periods.splitlines()) == 2 + 3 * 2  # January to March, for each group
    assert "<3" in periods  # January's one newcomer

    rows = list(csv.DictReader(io.StringIO(ok(lead_run(run_circle, imported, "report", "--format", "csv")))))
    assert [(row["group"], row["period"]) for row in rows][:2] == [("Thursday Circle", "2025-01"),
                                                                   ("Thursday Circle", "2025-02")]
    assert len(rows) == 6 and all(row["held"].isdigit() for row in rows)
    assert {row["newcomers"] for row in rows} <= {"<3", "0", *(str(n) for n in range(3, 100))}
    assert list(rows[0])[-3:] == ["guests", "pulse_mean", "pulse_answered"]
    assert summary.splitlines()[2].split()[-5:] == ["guests", "pulse", "answered", "bundle", "made"]

    document = json.loads(ok(lead_run(run_circle, imported, "report", "--format", "json", "--by", "quarter")))
    assert document["by"] == "quarter" and [group["name"] for group in document["groups"]] == [
        "Thursday Circle", "Tuesday Evening"]
    assert document["groups"][1]["summary"]["held"] == 12

    markdown = ok(lead_run(run_circle, imported, "report", "--format", "markdown", "--group", "Tuesday Evening",
                           "--since", "2025-02-01", "--until", "2025-02-28"))
    assert markdown.startswith("## Summary, 2025-02-01 to 2025-02-28\n\n| group |")
    assert "## By month" in markdown and "Thursday" not in markdown
    assert "| Tuesday Evening | 2025-02 |" in markdown


def test_each_problem_with_a_report_is_one_line(run_circle, imported: tuple[Path, str], tmp_path: Path):
    unknown = lead_run(run_circle, imported, "report", "--group", "Wednesday")
    assert "No imported group by that name" in one_line_error(unknown)
    bad_date = lead_run(run_circle, imported, "report", "--since", "2025-13-01")
    assert "--since takes a date as YYYY-MM-DD" in one_line_error(bad_date)
    weeks = lead_run(run_circle, imported, "report", "--by", "week")
    assert one_line_error(weeks).startswith("circle: A lead's report is by month or quarter")
    empty = lead_run(run_circle, imported, "report", "--since", "2030-01-01")
    assert one_line_error(empty) == "circle: No meetings in this range.\n"
    wrong = run_circle("lead", "report", home=imported[0], passphrase=None, env={"CIRCLE_LEAD_PASSPHRASE": "nope"})
    assert one_line_error(wrong) == "circle: That passphrase does not open your lead key.\n"
    no_key = tmp_path / "no-lead-yet"
    for command in (("report",), ("key",), ("import", str(tmp_path))):
        refused = run_circle("lead", *command, home=no_key, passphrase=None, env=AS_LEAD)
        assert "no lead key here yet" in one_line_error(refused)


def test_a_lead_with_nothing_imported_is_told_how_to_start(run_circle, lead_home: tuple[Path, str]):
    assert "Nothing imported yet" in one_line_error(lead_run(run_circle, lead_home, "report"))


def test_bad_files_are_one_line_each_and_the_rest_is_still_imported(
    run_circle, facilitator_home: Path, lead_home: tuple[Path, str], tmp_path: Path
):
    other_lead = LeadFolder(locations(tmp_path / "other-lead")).create_key("another lead entirely", kdf=FLOOR_KDF)
    shared = tmp_path / "shared"
    shared.mkdir()
    ours = export(run_circle, facilitator_home, lead_home[1], "--out", str(shared / "ours.circlelead"))
    theirs = export(run_circle, facilitator_home, other_lead, "--out", str(shared / "theirs.circlelead"))
    skipped = ok(lead_run(run_circle, lead_home, "import", str(shared)))
    assert skipped == ("Read 1 bundle: 2 groups added, 0 updated, 0 already up to date."
                       " Skipped 1 bundle for another lead's key.\n")

    damaged = tmp_path / "damaged.circlelead"
    damaged.write_bytes(ours.read_bytes()[:-7])
    result = lead_run(run_circle, lead_home, "import", str(damaged), str(theirs), str(ours))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"circle: {damaged}: This bundle is damaged or was changed; ask for a new one.",
        f"circle: {theirs}: This bundle is for another lead's key.",
    ]
    assert result.stdout == "Read 1 bundle: 0 groups added, 0 updated, 2 already up to date.\n"


def test_a_mistyped_key_is_refused_before_any_passphrase_and_an_export_never_overwrites(
    run_circle, facilitator_home: Path, lead_home: tuple[Path, str], tmp_path: Path
):
    key = lead_home[1]
    typo = key[:20] + ("q" if key[20] != "q" else "r") + key[21:]
    refused = run_circle("lead", "export", "--to", typo, home=facilitator_home, passphrase=None)
    assert "That lead key is mistyped" in one_line_error(refused)
    target = tmp_path / "bundle.circlelead"
    export(run_circle, facilitator_home, key, "--out", str(target))
    before = target.read_bytes()
    clash = run_circle("lead", "export", "--to", key, "--out", str(target), home=facilitator_home)
    assert "already a file" in one_line_error(clash)
    assert target.read_bytes() == before
    unknown = run_circle("lead", "export", "--to", key, "--group", "Nobody", home=facilitator_home)
    assert "No group by that name" in one_line_error(unknown)
    mistyped_folder = run_circle("lead", "export", "--to", key, "--out", str(tmp_path / "Synk"), home=facilitator_home)
    assert "There is no folder at" in one_line_error(mistyped_folder)
    assert not (tmp_path / "Synk").exists()


def test_a_lead_checks_a_groups_new_key_by_the_fingerprint_its_facilitator_reads_out(
    run_circle, facilitator_home: Path, lead_home: tuple[Path, str], tmp_path: Path
):
    first = export(run_circle, facilitator_home, lead_home[1], "--group", "Tuesday Evening")
    ok(lead_run(run_circle, lead_home, "import", str(tmp_path / first)))
    read_out = ok(run_circle("lead", "fingerprint", "tuesday evening", home=facilitator_home))
    assert re.fullmatch(r"Tuesday Evening: \d{5}( \d{5}){5}\n", read_out)

    with Workspace.open(facilitator_home) as workspace:  # a co-facilitator is removed: the group key changes
        workspace.unlock(PASSPHRASE)
        group = workspace.find_group("Tuesday Evening")
        workspace.add_cofacilitator(group.id, "Rowan Q.", "juniper kettle orchard violet", kdf=FLOOR_KDF)
        [rowan] = [entry for entry in workspace.facilitators(group.id) if entry.handle == "Rowan Q."]
        workspace.remove_facilitator(group.id, rowan.id)
    rekeyed = tmp_path / export(run_circle, facilitator_home, lead_home[1], "--group", "Tuesday Evening")
    refused = lead_run(run_circle, lead_home, "import", str(rekeyed))
    assert refused.returncode == 1 and len(refused.stderr.splitlines()) == 1
    assert "is signed by a different key than before" in refused.stderr and "circle lead trust" in refused.stderr

    new_fingerprint = ok(run_circle("lead", "fingerprint", "Tuesday Evening", home=facilitator_home)).split(": ")[1]
    assert new_fingerprint != read_out.split(": ")[1]
    wrong = lead_run(run_circle, lead_home, "trust", "Tuesday Evening", str(rekeyed), "--fingerprint", read_out.split(": ")[1])
    assert one_line_error(wrong).endswith("That is not the fingerprint of the key that signed it; nothing was changed.\n")
    trusted = ok(lead_run(run_circle, lead_home, "trust", "Tuesday Evening", str(rekeyed),
                          "--fingerprint", new_fingerprint.replace(" ", "-")))
    assert f"is signed by the key {new_fingerprint.strip()}" in trusted and trusted.rstrip().endswith("from now on.")
    assert "1 already up to date" in ok(lead_run(run_circle, lead_home, "import", str(rekeyed)))
    unknown = lead_run(run_circle, lead_home, "trust", "Wednesday", str(rekeyed), "--fingerprint", "1")
    assert "holds no group of that name" in one_line_error(unknown)
