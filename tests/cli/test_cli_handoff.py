"""`circle handoff export` and `circle handoff import` between two real vaults, as subprocesses."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace
from tests.cli.test_cli import ok, one_line_error

ROBINS = "river stone lantern meadow"
CODE = re.compile(r"^    ([A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4})$", re.MULTILINE)


@pytest.fixture
def robins_home(tmp_path: Path) -> Path:
    home = tmp_path / "robins-laptop"
    with Workspace.open(home) as workspace:
        workspace.create_facilitator("Robin", ROBINS, kdf=FLOOR_KDF)
    return home


@pytest.fixture
def exported(run_circle, vault_home: Path, tmp_path: Path) -> tuple[Path, str]:
    ok(run_circle("group", "add", "Tuesday", home=vault_home))
    (tmp_path / "roster.csv").write_text("name\nAda Lovelace\nGrace Hopper\n", encoding="utf-8")
    ok(run_circle("members", "import", "Tuesday", str(tmp_path / "roster.csv"), home=vault_home))
    bundle = tmp_path / "tuesday.circle"
    printed = ok(run_circle("handoff", "export", "Tuesday", "--out", str(bundle), home=vault_home))
    return bundle, CODE.search(printed).group(1)


def test_an_exported_group_is_added_on_the_other_laptop_with_the_code_read_aloud(
    run_circle, exported: tuple[Path, str], robins_home: Path
):
    bundle, code = exported
    assert stat.S_IMODE(bundle.stat().st_mode) == 0o600
    added = ok(run_circle("handoff", "import", str(bundle), home=robins_home, passphrase=ROBINS,
                          env={"CIRCLE_HANDOFF_CODE": code.lower()}))
    assert added.startswith("Added Tuesday: 2 members")
    assert ok(run_circle("members", "list", "Tuesday", home=robins_home, passphrase=ROBINS)).splitlines()[0].startswith("Ada")
    again = ok(run_circle("handoff", "import", str(bundle), home=robins_home, passphrase=ROBINS,
                          env={"CIRCLE_HANDOFF_CODE": code}))
    assert again.startswith("Nothing new for Tuesday")


def test_a_wrong_code_or_a_missing_file_is_one_line_and_nothing_is_added(
    run_circle, exported: tuple[Path, str], robins_home: Path, tmp_path: Path
):
    bundle, code = exported
    wrong = "AAAA-AAAA-AAAA-AAAA" if code != "AAAA-AAAA-AAAA-AAAA" else "BBBB-BBBB-BBBB-BBBB"
    refused = run_circle("handoff", "import", str(bundle), home=robins_home, passphrase=ROBINS,
                         env={"CIRCLE_HANDOFF_CODE": wrong})
    assert "That code does not open this handoff" in one_line_error(refused)
    assert "No file at" in one_line_error(run_circle("handoff", "import", str(tmp_path / "nope.circle"),
                                                     home=robins_home, passphrase=ROBINS,
                                                     env={"CIRCLE_HANDOFF_CODE": code}))
    assert ok(run_circle("group", "list", home=robins_home, passphrase=ROBINS)).startswith("No groups yet")


def test_an_export_never_overwrites_a_file_and_a_script_must_give_the_code(
    run_circle, exported: tuple[Path, str], vault_home: Path, robins_home: Path
):
    bundle, _ = exported
    before = bundle.read_bytes()
    clash = run_circle("handoff", "export", "Tuesday", "--out", str(bundle), home=vault_home)
    assert "already a file" in one_line_error(clash)
    assert bundle.read_bytes() == before
    no_code = run_circle("handoff", "import", str(bundle), home=robins_home, passphrase=ROBINS)
    assert "CIRCLE_HANDOFF_CODE" in one_line_error(no_code)
