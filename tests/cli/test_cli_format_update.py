"""An older vault is brought to the newer format at the first command that may write, which says so first; a vault
a newer circle wrote is refused in one line."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_cli import ok, one_line_error
from tests.conftest import PASSPHRASE, unlocked_workspace
from tests.damage import run_sql
from tests.older_vaults import make_older


def test_the_first_command_on_an_older_vault_says_it_brings_it_up_to_date_once(run_circle, vault_home: Path):
    with unlocked_workspace(vault_home) as vault:
        vault.create_group("Tuesday Evening")
    make_older(vault_home, PASSPHRASE, last_migration="m004_group_format")

    first = run_circle("group", "list", home=vault_home)
    assert "Tuesday Evening" in ok(first)
    assert "newer format, once" in first.stderr and first.stderr.count("\n") == 1

    again = run_circle("group", "list", home=vault_home)
    assert "Tuesday Evening" in ok(again) and again.stderr == ""


def test_a_group_a_newer_circle_wrote_is_refused_in_one_line(run_circle, vault_home: Path):
    with unlocked_workspace(vault_home) as vault:
        vault.create_group("Tuesday Evening")
    run_sql(vault_home, "UPDATE groups SET format = format + 1")
    assert "written by a newer circle" in one_line_error(run_circle("group", "list", home=vault_home))
