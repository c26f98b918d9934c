"""A vault folder that cannot be written to: every way in says so in one line, and the vault stays as it was.

Permissions do not bind root, so the folder is made read-only by a read-only bind mount, which binds
everyone (the test is skipped where mounting is not allowed).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fault_tools import GROUP, assert_one_line, integrity, read_only, vault_of


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir()}


@pytest.mark.parametrize(
    "command",
    [("group", "list"), ("group", "add", "Another group"), ("trends",), ()],
    ids=["group list", "group add", "trends", "the app"],
)
def test_a_read_only_vault_folder_is_refused_in_one_line_and_left_as_it_was(
    group_home: Path, run_circle, command: tuple[str, ...]
) -> None:
    data = group_home / "data"
    before = snapshot(data)
    with read_only(data):
        refused = run_circle(*command, home=group_home)
    assert refused.returncode == 1
    assert_one_line(refused.stderr, str(data), "Read-only")
    assert snapshot(data) == before
    assert integrity(vault_of(group_home)) == [("ok",)]
    listed = run_circle("group", "list", home=group_home)
    assert listed.returncode == 0, listed.stderr
    assert GROUP in listed.stdout
