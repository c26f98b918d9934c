"""Lead bundles made the way a facilitator's circle makes them, signed with a test group key, for tests.

`synthetic_bundle` is a headcount-only group (no attendance rows) by month; `bundle_file` signs each of its
groups and seals the whole to a lead, as `circle lead export` does. A forger is the same with another seed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from circle.domain.records import MeetingStatus
from circle.domain.trends.compute import MeetingFacts, compute_trends
from circle.domain.trends.lead_bundle import (
    GroupStatement,
    KeptGroup,
    LeadGroup,
    ReceivedGroup,
    SignedStatement,
    bundle_to_json,
    group_for_lead,
    statement_to_json,
)
from circle.domain.trends.lead_merge import merge_groups
from circle.domain.trends.periods import Period
from circle.lead.folder import LeadFolder
from circle.paths import locations
from circle.vault.group_signing import sign, signer_public_key
from circle.vault.keyring import FLOOR_KDF
from circle.vault.lead_bundle import seal_lead_bundle
from circle.vault.lead_key import fingerprint, parse_key_text

MONDAY = date(2026, 1, 5)
LATER = date(2027, 1, 1)  # when the synthetic groups' counts are taken: every month of theirs is over
GROUP_SEED = bytes(range(32))  # the test group's signing key
FORGER_SEED = bytes(range(100, 132))
LEAD_PASSPHRASE = "a lamp in every window"


@pytest.fixture
def lead_folder(tmp_path: Path) -> LeadFolder:
    """A lead's folder with a key made at the cheapest parameters."""
    folder = LeadFolder(locations(tmp_path / "lead-home"))
    folder.create_key(LEAD_PASSPHRASE, kdf=FLOOR_KDF)
    return folder


def our_public(folder: LeadFolder) -> bytes:
    return parse_key_text(folder.public_key_text())


@dataclass(frozen=True)
class Bundle:
    made_at: datetime
    groups: tuple[LeadGroup, ...]
    seed: bytes = GROUP_SEED

    @property
    def signer(self) -> bytes:
        return signer_public_key(self.seed)

    def received(self) -> list[ReceivedGroup]:
        return [ReceivedGroup(self.made_at, group, self.signer) for group in self.groups]


def facts(group: str, headcounts: list[int], newcomers: list[int], first: date = MONDAY) -> list[MeetingFacts]:
    return [
        MeetingFacts(f"{group}-{index}", group, first + timedelta(weeks=index), MeetingStatus.CLOSED, 90, 90,
                     count, new, count, 0, None)
        for index, (count, new) in enumerate(zip(headcounts, newcomers, strict=True))
    ]


def synthetic_group(*, name: str = "Tuesday Evening", group_id: str = "g1",
                    headcounts: tuple[int, ...] = (6, 2, 7, 5, 8, 1, 9, 6), threshold: int = 3) -> LeadGroup:
    """Weekly meetings from 5 January 2026; newcomers 1, 0, 2, 0, 4, 0, 1, 3."""
    meetings = facts(group_id, list(headcounts), [1, 0, 2, 0, 4, 0, 1, 3][: len(headcounts)])
    months = compute_trends(meetings, [], by=Period.MONTH, today=LATER).groups.get(group_id)
    return group_for_lead(group_id, name, threshold, months, LATER)


def synthetic_bundle(made_at: datetime, *, seed: bytes = GROUP_SEED, **group: object) -> Bundle:
    return Bundle(made_at, (synthetic_group(**group),), seed)  # type: ignore[arg-type]


def signed_statements(bundle: Bundle, lead_public: bytes) -> list[SignedStatement]:
    signed = []
    for group in bundle.groups:
        statement = statement_to_json(GroupStatement(bundle.made_at, fingerprint(lead_public).hex(), group))
        signed.append(SignedStatement(statement, bundle.signer, sign(bundle.seed, statement)))
    return signed


def sealed_bundle(bundle: Bundle, lead_public: bytes) -> bytes:
    return seal_lead_bundle(bundle_to_json(signed_statements(bundle, lead_public)), lead_public)


def bundle_file(folder: Path, name: str, bundle: Bundle, lead_public: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(sealed_bundle(bundle, lead_public))
    return path


def kept_groups(*bundles: Bundle) -> dict[str, KeptGroup]:
    return merge_groups({}, [group for bundle in bundles for group in bundle.received()]).kept
