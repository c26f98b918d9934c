"""`circle facilitator …` and `circle passphrase`, run as real subprocesses."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_cli import ok, one_line_error

ROBINS = "river stone lantern meadow"


def test_a_cofacilitator_added_from_the_command_line_opens_only_their_group(run_circle, vault_home: Path):
    ok(run_circle("group", "add", "Tuesday", home=vault_home))
    ok(run_circle("group", "add", "Thursday", home=vault_home))
    added = ok(run_circle("facilitator", "add", "Tuesday", "--handle", "Robin", home=vault_home,
                          env={"CIRCLE_NEW_PASSPHRASE": ROBINS}))
    assert added.startswith("Robin can now open Tuesday with their own passphrase.")
    assert ok(run_circle("facilitator", "list", "Tuesday", home=vault_home)) == "Sam (you)\nRobin\n"
    as_robin = ok(run_circle("group", "list", home=vault_home, passphrase=ROBINS))
    assert [line.split("\t")[0] for line in as_robin.splitlines()] == ["Tuesday"]
    assert ok(run_circle("facilitator", "list", "Tuesday", home=vault_home, passphrase=ROBINS)) == "Sam\nRobin (you)\n"


def test_removing_a_facilitator_from_a_script_needs_yes_and_then_their_passphrase_opens_nothing(
    run_circle, vault_home: Path
):
    ok(run_circle("group", "add", "Tuesday", home=vault_home))
    ok(run_circle("facilitator", "add", "Tuesday", "--handle", "Robin", home=vault_home,
                  env={"CIRCLE_NEW_PASSPHRASE": ROBINS}))
    assert "--yes" in one_line_error(run_circle("facilitator", "remove", "Tuesday", "Robin", home=vault_home))
    assert "Nobody of that handle" in one_line_error(
        run_circle("facilitator", "remove", "Tuesday", "Alex", "--yes", home=vault_home)
    )
    assert "has a new key" in ok(run_circle("facilitator", "remove", "Tuesday", "robin", "--yes", home=vault_home))
    assert "does not open this vault" in one_line_error(run_circle("group", "list", home=vault_home, passphrase=ROBINS))
    assert ok(run_circle("facilitator", "list", "Tuesday", home=vault_home)) == "Sam (you)\n"


def test_a_passphrase_in_use_or_too_short_is_refused_with_one_line(run_circle, vault_home: Path, passphrase: str):
    ok(run_circle("group", "add", "Tuesday", home=vault_home))
    in_use = run_circle("facilitator", "add", "Tuesday", "--handle", "Robin", home=vault_home,
                        env={"CIRCLE_NEW_PASSPHRASE": passphrase})
    assert "already opens this vault" in one_line_error(in_use)
    short = run_circle("facilitator", "add", "Tuesday", "--handle", "Robin", home=vault_home,
                       env={"CIRCLE_NEW_PASSPHRASE": "short"})
    assert "at least 8 characters" in one_line_error(short)
    assert ok(run_circle("facilitator", "list", "Tuesday", home=vault_home)) == "Sam (you)\n"


def test_changing_your_passphrase_from_the_command_line_keeps_everything_open(run_circle, vault_home: Path):
    ok(run_circle("group", "add", "Tuesday", home=vault_home))
    changed = ok(run_circle("passphrase", home=vault_home, env={"CIRCLE_NEW_PASSPHRASE": "a whole new passphrase"}))
    assert changed.startswith("Passphrase changed.")
    assert "does not open this vault" in one_line_error(run_circle("group", "list", home=vault_home))
    listed = ok(run_circle("group", "list", home=vault_home, passphrase="a whole new passphrase"))
    assert listed.startswith("Tuesday\t")


def test_adding_someone_who_facilitates_another_of_your_groups_gives_them_this_one_without_a_new_passphrase(
    run_circle, vault_home: Path
):
    ok(run_circle("group", "add", "Tuesday", home=vault_home))
    ok(run_circle("group", "add", "Thursday", home=vault_home))
    ok(run_circle("facilitator", "add", "Tuesday", "--handle", "Robin", home=vault_home,
                  env={"CIRCLE_NEW_PASSPHRASE": ROBINS}))
    given = ok(run_circle("facilitator", "add", "Thursday", "--handle", "robin", home=vault_home))
    assert given == "Robin already unlocks circle here; they can now open Thursday too.\n"
    as_robin = ok(run_circle("group", "list", home=vault_home, passphrase=ROBINS))
    assert sorted(line.split("\t")[0] for line in as_robin.splitlines()) == ["Thursday", "Tuesday"]
