"""The workspace makes its keyring when a passphrase is first tried, not when the vault opens.

The unlock screen paints sooner for it; what these prove is that nothing else changes: a vault opened and
closed without a passphrase never makes one, and a change to a group's rows before the first passphrase is
refused whole, as it was when the keyring (and with it the manifests that vouch for each write) came with the
vault's opening.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from circle.domain.errors import CircleError
from circle.paths import locations
from circle.store.errors import GroupUnvouched
from circle.workspace import Workspace
from tests.conftest import unlocked_workspace


def _groups_rows(home: Path) -> list[tuple]:
    with closing(sqlite3.connect(locations(home).vault_file)) as conn:
        return conn.execute("SELECT * FROM groups ORDER BY id").fetchall()


def test_a_vault_opened_locked_and_closed_without_a_passphrase_never_makes_a_keyring(vault_home: Path):
    workspace = Workspace.open(vault_home)
    assert not workspace.is_new  # asked of the vault itself, before any passphrase
    assert not workspace.is_unlocked
    workspace.lock()
    workspace.close()
    assert workspace._context.made_keyring is None


def test_a_group_row_changed_before_the_first_passphrase_is_refused_and_nothing_is_written(
    vault_home: Path, passphrase: str
):
    with unlocked_workspace(vault_home) as workspace:
        group_id = workspace.create_group("Thursday evening").id
    before = _groups_rows(vault_home)

    with Workspace.open(vault_home) as workspace:
        with pytest.raises(GroupUnvouched):
            workspace._repo.set_next_meeting(group_id, date(2031, 1, 1))
    assert _groups_rows(vault_home) == before

    with Workspace.open(vault_home) as workspace:
        workspace.unlock(passphrase)  # the vault is as circle last wrote it: nothing changed outside circle
        assert group_id in {overview.id for overview in workspace.groups()}


def test_a_facilitators_table_reshaped_outside_circle_is_refused_in_one_line_when_a_passphrase_is_tried(
    vault_home: Path, passphrase: str
):
    with closing(sqlite3.connect(locations(vault_home).vault_file)) as conn, conn:
        conn.execute("ALTER TABLE facilitators RENAME COLUMN kdf_salt TO salt")
    with Workspace.open(vault_home) as workspace:
        assert not workspace.is_new  # someone's row is there: the unlock screen, not the first run's
        with pytest.raises(CircleError) as refused:
            workspace.unlock(passphrase)
    said = str(refused.value)
    assert "\n" not in said and passphrase not in said
