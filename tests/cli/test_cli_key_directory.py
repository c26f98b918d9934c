"""The key-substitution attack, end to end: a public key swapped in the file with no passphrase is refused by the
real `circle facilitator remove`, and nothing is sealed to the attacker."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_cli import ok, one_line_error
from tests.conftest import unlocked_workspace
from tests.key_attacks import Attacker, key_slots

ROBINS = "river stone lantern meadow"
KITS = "kettle orchard window rain"


def handles_to_ids(home: Path, group: str) -> dict[str, str]:
    with unlocked_workspace(home) as workspace:
        return {entry.handle: entry.id for entry in workspace.facilitators(workspace.find_group(group).id)}


def test_a_removal_after_a_cofacilitators_key_was_swapped_in_the_file_is_refused_and_seals_nothing_to_the_attacker(
    run_circle, vault_home: Path
):
    ok(run_circle("group", "add", "Tuesday", home=vault_home))
    for handle, chosen in (("Robin", ROBINS), ("Kit", KITS)):
        ok(run_circle("facilitator", "add", "Tuesday", "--handle", handle, home=vault_home,
                      env={"CIRCLE_NEW_PASSPHRASE": chosen}))
    ids = handles_to_ids(vault_home, "Tuesday")
    attacker = Attacker()
    attacker.swap_public_key(vault_home, ids["Kit"])  # write access to the file, and no passphrase
    before = key_slots(vault_home)

    refused = one_line_error(run_circle("facilitator", "remove", "Tuesday", "Robin", "--yes", home=vault_home))

    assert "not the one this group trusts" in refused and "Nothing was sealed" in refused
    for secret in ("Kit", "Robin", attacker.public_key.hex()):
        assert secret not in refused
    assert key_slots(vault_home) == before
    assert attacker.slots_opened(vault_home) == 0
    assert ok(run_circle("facilitator", "list", "Tuesday", home=vault_home)) == "Sam (you)\nRobin\nKit\n"


def test_the_same_removal_goes_ahead_when_nobody_has_changed_the_file(run_circle, vault_home: Path):
    ok(run_circle("group", "add", "Tuesday", home=vault_home))
    for handle, chosen in (("Robin", ROBINS), ("Kit", KITS)):
        ok(run_circle("facilitator", "add", "Tuesday", "--handle", handle, home=vault_home,
                      env={"CIRCLE_NEW_PASSPHRASE": chosen}))
    assert "has a new key" in ok(run_circle("facilitator", "remove", "Tuesday", "Robin", "--yes", home=vault_home))
    as_kit = ok(run_circle("group", "list", home=vault_home, passphrase=KITS))
    assert as_kit.startswith("Tuesday\t")
