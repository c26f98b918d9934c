"""`circle handoff export` and `circle handoff import` between two real vaults, as subprocesses."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

from circle.domain.session import Arrive
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace
from tests.cli.test_cli import ok, one_line_error
from tests.conftest import unlocked_workspace
from tests.crafted_handoffs import Payload, crafted

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


@pytest.fixture
def exported_meeting(run_circle, vault_home: Path, tmp_path: Path) -> tuple[Path, str]:
    """A group that has met once (Ada came, Grace did not), exported by the real command."""
    with unlocked_workspace(vault_home) as workspace:
        group = workspace.create_group("Tuesday")
        for name in ("Ada", "Grace"):
            workspace.add_member(group.id, name)
        meeting = workspace.meeting(group.id)
        meeting.do(Arrive(workspace.members(group.id)[0].id))
        meeting.close()
    bundle = tmp_path / "tuesday.circle"
    printed = ok(run_circle("handoff", "export", "Tuesday", "--out", str(bundle), home=vault_home))
    return bundle, CODE.search(printed).group(1)


def meeting_in_9999(payload: Payload) -> None:
    payload["meetings"][0]["held_on"] = "9999-12-31"


def member_added_at_a_time_without_a_timezone(payload: Payload) -> None:
    payload["members"][0]["created_at"] = payload["members"][0]["created_at"][: -len("+00:00")]


def vault_files(home: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((home / "data").iterdir())}


@pytest.mark.parametrize("forge", [meeting_in_9999, member_added_at_a_time_without_a_timezone])
def test_a_forged_handoff_is_refused_in_one_line_the_vault_stays_byte_identical_and_trends_still_work(
    run_circle, exported_meeting: tuple[Path, str], robins_home: Path, tmp_path: Path, forge
):
    bundle, code = exported_meeting
    as_robin = {"home": robins_home, "passphrase": ROBINS, "env": {"CIRCLE_HANDOFF_CODE": code}}
    ok(run_circle("handoff", "import", str(bundle), **as_robin))
    ok(run_circle("group", "list", **as_robin))  # today's purge has run: nothing else writes
    forged = tmp_path / "forged.circle"
    forged.write_bytes(crafted(bundle.read_bytes(), code, forge))
    before = vault_files(robins_home)
    refused = one_line_error(run_circle("handoff", "import", str(forged), **as_robin))
    assert "othing was imported" in refused
    assert "Ada" not in refused and "Tuesday" not in refused
    assert vault_files(robins_home) == before
    # The meeting that did come in, counted as it was held.
    assert re.search(r"^\d{4}-\d{2} +1 ", ok(run_circle("trends", **as_robin)), re.MULTILINE)
    ok(run_circle("group", "list", **as_robin))
