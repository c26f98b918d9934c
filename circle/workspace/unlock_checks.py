"""What a facilitator's unlock checks before anything is written: that each group they hold is as circle left it.

Three things are checked, from what only their keys can vouch for:
- each key slot is for its group's current key version (a slot left stale means the file was changed);
- each group's manifest matches its rows (store/manifests.py): all of them, or in a view unlocked to report
  counts, the group itself and the number of its meetings at unlock, the rest as they are first read
  (workspace/keyring.py);
- each group in their own record (facilitator_record.py) is still there, with at least the key version and the
  manifest generation they last saw, and still opens to them: that catches a group, a removal or a manifest put
  back from a copy older than what they last saw, and a manifest or key slot taken away.
A copy of the whole file from before, their own record with it, cannot be told apart from the file itself;
docs/SECURITY.md says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from circle.language import N_
from circle.store.keys import KeySlot
from circle.store.manifests import Manifests
from circle.store.repository import GroupFormat, Repository
from circle.store.sealing import GroupSealer
from circle.workspace.facilitator_record import Seen


@dataclass(frozen=True)
class HeldGroups:
    """The groups a facilitator's slots open, and what was found wrong with their slots."""

    sealers: dict[str, GroupSealer]
    formats: dict[str, int]
    stale_slots: int


@dataclass(frozen=True)
class Found:
    """What is not as circle left it, as a facilitator would say it, and what they now see of each held group
    (key version and manifest generation; 0 for a group with no manifest yet)."""

    changed: list[str]
    seen: dict[str, tuple[int, int]]


def open_slots(
    slots: list[KeySlot], formats: dict[str, GroupFormat], open_key: Callable[[KeySlot], bytes]
) -> HeldGroups:
    """Each slot whose version is its group's current one, opened with `open_key(slot)`; others counted."""
    sealers, group_formats, stale = {}, {}, 0
    for slot in slots:
        group = formats.get(slot.group_id)
        if group is None:
            continue  # the group is gone with its slots' rows; the record of what was seen notices it
        if group.key_version != slot.key_version:
            stale += 1
            continue
        sealers[slot.group_id] = GroupSealer(slot.group_id, open_key(slot), slot.key_version)
        group_formats[slot.group_id] = group.format
    return HeldGroups(sealers, group_formats, stale)


def changes_outside(
    repo: Repository, held: HeldGroups, seen: Seen, formats: dict[str, GroupFormat],
    found_rows: Callable[[str], dict[str, object]] | None = None, parts: frozenset[str] | None = None,
    counted: frozenset[str] = frozenset(),
) -> Found:
    """`found_rows`: each group's rows as read ahead (store/read_ahead.py); None: read them here. `parts`: the
    parts of each group's rows compared with its manifest (None: all); `counted`: those only counted."""
    changed = [N_("a key slot")] if held.stale_slots else []
    generations: dict[str, int | None] = {}
    for group_id, sealer in held.sealers.items():
        checked = Manifests.check(repo.conn, sealer, found_rows, parts, counted)
        changed += checked.changed
        generations[group_id] = checked.generation
    for group_id, (version, generation) in seen.items():
        group = formats.get(group_id)
        if group is None or group.key_version < version:
            changed.append(N_("the key"))
        elif group_id not in held.sealers:
            # A newer key without a slot for them is their removal by the group's other facilitators.
            if group.key_version == version:
                changed.append(N_("a key slot"))
        elif (generations[group_id] or 0) < generation or (generation and generations[group_id] is None):
            changed.append(N_("the manifest"))
    now = {group_id: (sealer.key_version, generations[group_id] or 0) for group_id, sealer in held.sealers.items()}
    return Found(changed, now)
