"""How a lead's store takes in the groups of the bundles read: which key each group must be signed by, which
statement of it is kept, and what a lead's trust in a new key changes (docs/FORMAT.md section 13.5).

Per group id, the statement made later replaces the one kept; the same one again, or an older one, changes
nothing, so importing a folder twice counts nothing twice. A group is pinned to the key that signed its first
statement: one signed by another key is set aside until the lead trusts that key, and the key it replaces is
retired for good.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

from circle.language import N_, _
from circle.domain.errors import InvalidInput
from circle.domain.trends.lead_bundle import (
    MAX_KEPT_GROUPS,
    MAX_KEPT_MONTHS,
    MAX_RETIRED,
    KeptGroup,
    MergeCounts,
    ReceivedGroup,
    months_in,
)


class SetAsideWhy(StrEnum):
    ANOTHER_KEY = "another key"  # the group is pinned to another key: the lead may trust this one
    RETIRED_KEY = "retired key"  # a key the group was pinned to before the lead trusted its next one
    TWO_KEYS = "two keys"  # a new group, signed by two keys in one import: which is right is the lead's question


@dataclass(frozen=True)
class SetAside:
    group: ReceivedGroup
    why: SetAsideWhy


@dataclass(frozen=True)
class Merged:
    kept: dict[str, KeptGroup]
    counts: MergeCounts
    set_aside: tuple[SetAside, ...]


class TooManyGroups(InvalidInput):
    message = N_(
        "A lead's store holds at most {groups} groups and {months} months;"
        " forget some groups before taking more in. Nothing was changed."
    )

    def __init__(self) -> None:
        super().__init__(_(self.message).format(groups=f"{MAX_KEPT_GROUPS:,}", months=f"{MAX_KEPT_MONTHS:,}"))


def _within_caps(kept: dict[str, KeptGroup]) -> dict[str, KeptGroup]:
    if len(kept) > MAX_KEPT_GROUPS or months_in(kept) > MAX_KEPT_MONTHS:
        raise TooManyGroups()
    return kept


def _pin(current: KeptGroup | None, signers: set[bytes]) -> bytes | None:
    """The key a group's statements must be signed by: its pin, or the one key that signs a group not yet pinned."""
    if current is not None and current.signer is not None:
        return current.signer
    return next(iter(signers)) if len(signers) == 1 else None


def _why_not(current: KeptGroup | None, signer: bytes, pin: bytes | None) -> SetAsideWhy:
    if pin is None:
        return SetAsideWhy.TWO_KEYS
    return SetAsideWhy.RETIRED_KEY if current is not None and signer in current.retired else SetAsideWhy.ANOTHER_KEY


def merge_groups(kept: Mapping[str, KeptGroup], received: Iterable[ReceivedGroup]) -> Merged:
    """The store after taking in `received`, in any order, and what that did to each group they name."""
    by_group: dict[str, list[ReceivedGroup]] = {}
    for each in received:
        by_group.setdefault(each.group.id, []).append(each)
    merged = dict(kept)
    taken: set[str] = set()
    set_aside: list[SetAside] = []
    for group_id, statements in by_group.items():
        current = kept.get(group_id)
        pin = _pin(current, {each.signer for each in statements})
        signed = [each for each in statements if each.signer == pin]
        set_aside += [SetAside(each, _why_not(current, each.signer, pin)) for each in statements if each.signer != pin]
        if not signed:
            continue
        taken.add(group_id)
        latest = max(signed, key=lambda each: each.made_at)
        if current is None or latest.made_at > current.made_at:
            merged[group_id] = KeptGroup(latest.made_at, latest.group, pin, current.retired if current else ())
        elif current.signer is None:  # kept from before signing: its first signed statement pins it
            merged[group_id] = replace(current, signer=pin)
    added = taken - kept.keys()
    updated = {key for key in taken & kept.keys() if merged[key].made_at != kept[key].made_at}
    counts = MergeCounts(len(added), len(updated), len(taken) - len(added) - len(updated))
    return Merged(_within_caps(merged), counts, tuple(set_aside))


class RetiredKey(InvalidInput):
    message = N_(
        "That key signed this group before its facilitators changed it, so it cannot be trusted again;"
        " nothing was changed ('circle lead forget' starts the group over)."
    )


def trusted(kept: Mapping[str, KeptGroup], received: ReceivedGroup) -> dict[str, KeptGroup]:
    """The store once the lead trusts the key that signed `received`: the group is pinned to it, the key it had
    is retired, and its counts are the later of what was kept and what `received` holds."""
    current = kept.get(received.group.id)
    if current is None:
        return _within_caps({**kept, received.group.id: KeptGroup(received.made_at, received.group, received.signer)})
    if received.signer in current.retired:
        raise RetiredKey()
    retired = current.retired
    if current.signer is not None and current.signer != received.signer:
        retired = (*retired, current.signer)[-MAX_RETIRED:]
    later = received if received.made_at > current.made_at else current
    return _within_caps({**kept, received.group.id: KeptGroup(later.made_at, later.group, received.signer, retired)})
