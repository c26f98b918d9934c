"""`circle members rename|merge|retire|erase`, `members list` telling namesakes apart, and `circle group delete`."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_cli import ok, one_line_error
from tests.stored_rows import stored_rows
from tests.conftest import unlocked_workspace
from tests.unit.test_notes_and_purge import found_in

GROUP = "Tuesday Evening"


def roster(run_circle, tmp_path: Path, rows: str) -> None:
    ok(run_circle("group", "add", GROUP))
    csv = tmp_path / "roster.csv"
    csv.write_text("name,joined\n" + rows, encoding="utf-8")
    ok(run_circle("members", "import", GROUP, str(csv)))


def listed(run_circle) -> list[str]:
    return ok(run_circle("members", "list", GROUP)).splitlines()


def test_members_list_shows_namesakes_with_the_month_they_joined(run_circle, vault_home, tmp_path):
    roster(run_circle, tmp_path, "Jo Fisher,2025-03-04\nJo Ford,2025-06-01\nAda,2025-01-01\n")
    assert listed(run_circle) == ["Ada\t2025-01-01", "Jo F. (Mar 2025)\t2025-03-04", "Jo F. (Jun 2025)\t2025-06-01"]


def test_a_name_that_fits_two_people_is_refused_in_one_line_that_says_how_to_tell_them_apart(
    run_circle, vault_home, tmp_path
):
    roster(run_circle, tmp_path, "Jo Fisher,2025-03-04\nJo Ford,2025-06-01\n")
    for command in (["rename", GROUP, "Jo F.", "Joanna"], ["retire", GROUP, "Jo F."], ["erase", GROUP, "Jo F.", "--yes"],
                    ["merge", GROUP, "Jo F. (Mar 2025)", "Jo F.", "--yes"]):
        error = one_line_error(run_circle("members", *command))
        assert "Two people are called that; add the month they joined" in error
        assert "Jo" not in error.replace("joined", "")
    assert len(listed(run_circle)) == 2


def test_an_unknown_name_is_refused_in_one_line_and_nothing_changes(run_circle, vault_home, tmp_path):
    roster(run_circle, tmp_path, "Ada,2025-01-01\n")
    for command in (["rename", GROUP, "Zed", "Joanna"], ["retire", GROUP, "Zed"], ["erase", GROUP, "Zed", "--yes"],
                    ["merge", GROUP, "Ada", "Zed", "--yes"]):
        error = one_line_error(run_circle("members", *command))
        assert "Nobody by that name in this group" in error and "Zed" not in error
    assert listed(run_circle) == ["Ada\t2025-01-01"]


def test_rename_keeps_the_new_name_as_the_groups_rule_allows(run_circle, vault_home, tmp_path):
    roster(run_circle, tmp_path, "Jo Fisher,2025-03-04\nJo Ford,2025-06-01\n")
    assert ok(run_circle("members", "rename", GROUP, "Jo F. (Mar 2025)", "Joanna Fisher")) == "Renamed to Joanna F.\n"
    assert listed(run_circle) == ["Jo F.\t2025-06-01", "Joanna F.\t2025-03-04"]


def test_retire_marks_someone_as_no_longer_coming_and_undo_brings_them_back(run_circle, vault_home, tmp_path):
    roster(run_circle, tmp_path, "Ada,2025-01-01\n")
    assert "no longer offered" in ok(run_circle("members", "retire", GROUP, "Ada"))
    assert listed(run_circle) == ["Ada\t2025-01-01\tretired"]
    ok(run_circle("members", "retire", GROUP, "Ada", "--undo"))
    assert listed(run_circle) == ["Ada\t2025-01-01"]


def test_merge_leaves_one_entry_and_asks_scripts_for_yes(run_circle, vault_home, tmp_path):
    roster(run_circle, tmp_path, "Jo Fisher,2025-03-04\nJo Ford,2025-06-01\n")
    assert "Add --yes" in one_line_error(run_circle("members", "merge", GROUP, "Jo F. (Mar 2025)", "Jo F. (Jun 2025)"))
    assert len(listed(run_circle)) == 2
    ok(run_circle("members", "merge", GROUP, "Jo F. (Mar 2025)", "Jo F. (Jun 2025)", "--yes"))
    assert listed(run_circle) == ["Jo F.\t2025-03-04"]


def test_erase_forgets_the_person_and_no_byte_of_their_name_stays_in_the_vault(run_circle, vault_home, tmp_path):
    roster(run_circle, tmp_path, "Xqzcanary,2025-01-01\nAda,2025-01-01\n")
    with unlocked_workspace(vault_home) as workspace:
        sealed = stored_rows(workspace, "SELECT name FROM members UNION ALL SELECT details FROM members")
    ciphertexts = {f"sealed {index}": row[0] for index, row in enumerate(sealed)}
    assert set(found_in(vault_home, ciphertexts)) == set(ciphertexts)
    assert "Add --yes" in one_line_error(run_circle("members", "erase", GROUP, "Xqzcanary"))
    assert "Erased" in ok(run_circle("members", "erase", GROUP, "Xqzcanary", "--yes"))
    assert listed(run_circle) == ["Ada\t2025-01-01"]
    gone = set(found_in(vault_home, ciphertexts))
    assert len(gone) == 2, "Ada's name and details stay; the erased name and details are nowhere"


def test_group_delete_removes_the_group_and_every_byte_of_it(run_circle, vault_home, tmp_path):
    roster(run_circle, tmp_path, "Ada,2025-01-01\n")
    ok(run_circle("group", "add", "Thursday"))
    with unlocked_workspace(vault_home) as workspace:
        group_id = workspace.find_group(GROUP).id
        sealed = stored_rows(
            workspace, "SELECT name FROM groups WHERE id = ?1 UNION ALL SELECT name FROM members"
            " UNION ALL SELECT wrapped_key FROM key_slots WHERE group_id = ?1", [group_id],
        )
    ciphertexts = {f"sealed {index}": row[0] for index, row in enumerate(sealed)}
    assert set(found_in(vault_home, ciphertexts)) == set(ciphertexts)
    assert "Add --yes" in one_line_error(run_circle("group", "delete", GROUP))
    assert ok(run_circle("group", "delete", GROUP, "--yes")) == f"Deleted {GROUP}.\n"
    assert found_in(vault_home, ciphertexts) == []
    assert ok(run_circle("group", "list")).startswith("Thursday\t")
    assert "No group by that name" in one_line_error(run_circle("group", "delete", GROUP, "--yes"))
