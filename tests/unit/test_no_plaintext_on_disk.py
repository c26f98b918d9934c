"""Nothing a person typed reaches the disk in the clear: every file under the home is scanned byte by byte."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from circle.domain.group import CrisisResource
from circle.domain.roster import RosterEntry
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace

PASSPHRASE = "Pqzcanarypass horse battery"
CANARIES = {
    "handle": "Hqzcanaryhandle",
    "group name": "Gqzcanarygroup",
    "member": "Zyxcanaryqk",
    "member with initials": "Mqzcanaryinit",
    "agreements": "Aqzcanaryagree",
    "confidentiality limits": "Lqzcanarylimits",
    "crisis resource": "Cqzcanarycrisis",
    "crisis contact": "0999canary4242",
}


def encodings(text: str) -> list[bytes]:
    return [text.encode("utf-8"), text.encode("utf-16-le"), text.encode("utf-16-be")]


def leaks(home: Path, secrets: dict[str, str]) -> list[str]:
    found = []
    files = [path for path in home.rglob("*") if path.is_file()]
    assert any(path.name == "circle.db" for path in files)
    for path in files:
        raw = path.read_bytes()
        for label, text in secrets.items():
            if any(encoded in raw for encoded in encodings(text)):
                found.append(f"{label} in {path.name}")
    return found


def fill_vault(workspace: Workspace) -> None:
    workspace.create_facilitator(CANARIES["handle"], PASSPHRASE, kdf=FLOOR_KDF)
    group = workspace.create_group(f"{CANARIES['group name']} Circle", "support-90")
    agreements = replace(
        group.profile.agreements,
        text=f"We listen. {CANARIES['agreements']} stays here.",
        confidentiality_limits=f"{CANARIES['confidentiality limits']} applies.",
    )
    resource = CrisisResource(f"{CANARIES['crisis resource']} line", CANARIES["crisis contact"], "Any time")
    profile = replace(group.profile, agreements=agreements, crisis_resources=(resource,))
    workspace.save_group(replace(group, profile=profile))
    workspace.add_members(group.id, [RosterEntry(f"{CANARIES['member']} Lovelace", None)])
    initials_group = workspace.create_group("Second", "crisis-60")
    workspace.add_members(initials_group.id, [RosterEntry(f"{CANARIES['member with initials']} Hopper", None)])


def test_no_canary_nor_the_passphrase_is_on_disk_while_the_vault_is_open_or_after(tmp_path: Path):
    home = tmp_path / "home"
    secrets = {**CANARIES, "passphrase": PASSPHRASE}
    workspace = Workspace.open(home)
    try:
        fill_vault(workspace)
        group = workspace.find_group(f"{CANARIES['group name']} circle")
        assert [member.name for member in workspace.members(group.id)] == [f"{CANARIES['member']} L."]
        assert (home / "data" / "circle.db-wal").exists()
        assert leaks(home, secrets) == []
    finally:
        workspace.close()
    assert leaks(home, secrets) == []


def test_the_scan_would_find_a_canary_written_in_the_clear(tmp_path: Path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "circle.db").write_bytes(b"\x00" + CANARIES["member"].encode("utf-16-be"))
    assert leaks(tmp_path, CANARIES) == ["member in circle.db"]
