"""What a facilitator's unlock checks before anything is written: that each group they hold is as circle left it.

Three things are checked, from what only their keys can vouch for:
- each key slot is for its group's current key version (a slot left stale means the file was changed);
- each group's manifest matches its rows (store/manifests.py);
- each group they held at their last unlock still has at least the key version it had then, and a manifest:
  their own record of that (`facilitators.vouched`, sealed under their personal key) catches a group, or a
  removal, put back from an older copy of the file.
A copy of the whole file from before cannot be told apart from the file itself; docs/SECURITY.md says so.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from circle.store.keys import KeySlot, KeyStore
from circle.store.manifests import Manifests
from circle.store.repository import GroupFormat, Repository
from circle.store.sealing import GroupSealer
from circle.vault import crypto

_VOUCHED_FLOOR = 256


def _vouched_parts(facilitator_id: str) -> list[str | int]:
    return ["facilitators", "vouched", facilitator_id]


def open_vouched(personal_key: bytes, facilitator_id: str, sealed: bytes | None) -> dict[str, int]:
    """Group id -> the key version it had when this facilitator last unlocked; {} before the first."""
    if sealed is None:
        return {}
    plain = crypto.open_padded(personal_key, sealed, _vouched_parts(facilitator_id), floor=_VOUCHED_FLOOR,
                               where="facilitators.vouched")
    return {str(group_id): int(version) for group_id, version in json.loads(plain).items()}


def seal_vouched(personal_key: bytes, facilitator_id: str, versions: dict[str, int]) -> bytes:
    plain = json.dumps(versions, sort_keys=True).encode()
    return crypto.seal_padded(personal_key, plain, _vouched_parts(facilitator_id), floor=_VOUCHED_FLOOR)


@dataclass(frozen=True)
class HeldGroups:
    """The groups a facilitator's slots open, and what was found wrong with their slots."""

    sealers: dict[str, GroupSealer]
    formats: dict[str, int]
    stale_slots: int


def _without_manifest(repo: Repository) -> set[str]:
    return {row[0] for row in repo.rows("SELECT id FROM groups WHERE manifest IS NULL")}


def changes_outside(repo: Repository, held: HeldGroups, vouched: dict[str, int]) -> list[str]:
    """What is not as circle left it, as a facilitator would say it; empty when all is well."""
    found = ["a key slot"] if held.stale_slots else []
    formats = repo.group_formats()
    bare = _without_manifest(repo)
    for group_id, version in vouched.items():
        group = formats.get(group_id)
        if group is None or group.key_version < version:
            found.append("the key")
        elif group_id in held.sealers and group_id in bare:
            found.append("the manifest")
    for sealer in held.sealers.values():
        found += Manifests.changed_parts(repo.conn, sealer) or []
    return found


def open_slots(
    slots: list[KeySlot], formats: dict[str, GroupFormat], open_key: Callable[[KeySlot], bytes]
) -> HeldGroups:
    """Each slot whose version is its group's current one, opened with `open_key(slot)`; others counted."""
    sealers, group_formats, stale = {}, {}, 0
    for slot in slots:
        group = formats.get(slot.group_id)
        if group is None:
            continue  # the group is gone with its slots' rows; the vouched versions notice a group deleted
        if group.key_version != slot.key_version:
            stale += 1
            continue
        sealers[slot.group_id] = GroupSealer(slot.group_id, open_key(slot), slot.key_version)
        group_formats[slot.group_id] = group.format
    return HeldGroups(sealers, group_formats, stale)


def vouch(
    keys: KeyStore, facilitator_id: str, personal_key: bytes, sealers: dict[str, GroupSealer], vouched: dict[str, int]
) -> dict[str, int]:
    """Give each held group a manifest if it has none yet, and remember each one's key version."""
    repo = keys.repository
    missing = [sealers[group_id] for group_id in _without_manifest(repo) if group_id in sealers]
    if missing and repo.manifests is not None:
        with repo.writing():
            repo.manifests.seal_whole(repo.conn, missing)
    versions = {group_id: sealer.key_version for group_id, sealer in sealers.items()}
    if versions != vouched:
        keys.set_vouched(facilitator_id, seal_vouched(personal_key, facilitator_id, versions))
    return versions
