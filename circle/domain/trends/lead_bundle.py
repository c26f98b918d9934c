"""What a lead bundle holds, how it is read, and how a lead's store takes it in.

A bundle carries each of a facilitator's groups as counts by calendar month, every month that is over, built
through `lead_group` (circle.domain.trends.lead_view): small counts are already "<K" by the group's own
threshold and rates derived from them are withheld. Months only, so that no two values a lead holds cover
overlapping meetings, and no sum or difference of them uncovers a hidden count (docs/TRENDS.md). Besides
the counts it names only the group (its id and name, so a lead can tell groups apart) and when it was made.
No member id, no member name, no note, no handle.

Each group travels as a statement, signed with the group's own signing key (circle.vault.group_signing):
the statement's exact bytes, its signer's public key, and the signature. Checking the signature is the
lead's side (circle.lead); this module reads the envelope and, once a signature is checked, the statement.

Reading is strict: anything but exactly the shape of docs/FORMAT.md section 13.4 (a month's row: lead_rows.py) raises
LeadPayloadUnreadable, and nothing of it is taken in.

How the store takes them in is circle.domain.trends.lead_merge.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NoReturn

from circle.domain.clock import EARLIEST
from circle.language import N_
from circle.domain.errors import InvalidInput
from circle.domain.group import group_name
from circle.domain.json_fields import FieldError, exact_object, integer, items, load_json, moment, text
from circle.domain.trends.compute import GroupTrends
from circle.domain.trends.history import RETURN_WINDOW
from circle.domain.trends.lead_rows import PERIOD_KEYS, Row, month_rows, older_row
from circle.domain.trends.lead_view import lead_group
from circle.domain.trends.periods import Period

PAYLOAD_VERSION = 2
STORE_VERSION = 2
MAX_GROUPS = 100  # in one bundle: far beyond any facilitator's groups
MAX_KEPT_GROUPS = 1000  # in a lead's store
MAX_KEPT_MONTHS = 240_000  # in a lead's store, all groups together: a thousand groups of twenty years
MAX_MONTHS = 1200  # of one group: a century
MAX_RETIRED = 100  # keys a group was pinned to before
MAX_STATEMENT_CHARS = 1_000_000  # a century of months is about 400 kB
SIGNER_BYTES = 32
SIGNATURE_BYTES = 64
GROUP_ID = re.compile(r"[0-9A-Za-z_-]{1,64}")
LEAD_ID = re.compile(r"[0-9a-f]{32}")  # the recipient lead's key fingerprint, in hex

GROUP_KEYS = ("id", "name", "threshold", "months")
STATEMENT_KEYS = ("circle_lead_group", "made_at", "for_lead", "group")
SIGNED_KEYS = ("statement", "signer", "signature")
BUNDLE_KEYS = ("circle_lead", "groups")
STORE_KEYS = ("circle_lead_store", "groups")
KEPT_KEYS = ("made_at", "signer", "retired", "group")


class LeadPayloadUnreadable(InvalidInput):
    message = N_("This bundle opened, but what it holds could not be read; ask for a new one.")


class LeadBundleUnsigned(LeadPayloadUnreadable):
    message = N_("This bundle was made by an older circle and is not signed; ask its facilitator to export again.")


@dataclass(frozen=True)
class LeadGroup:
    """One group as a lead sees it: an id, a name, a threshold, and its months."""

    id: str
    name: str
    threshold: int
    periods: Mapping[Period, tuple[Row, ...]]  # months only: quarters are added up from them

    @property
    def months(self) -> tuple[Row, ...]:
        return tuple(self.periods.get(Period.MONTH, ()))

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "threshold": self.threshold, "months": [dict(r) for r in self.months]}


@dataclass(frozen=True)
class GroupStatement:
    """What a group's facilitators sign: the group's counts, when, and for which lead."""

    made_at: datetime
    for_lead: str
    group: LeadGroup


@dataclass(frozen=True)
class SignedStatement:
    """A statement's exact bytes as they travelled, with who says they signed it and the signature."""

    statement: bytes
    signer: bytes
    signature: bytes


@dataclass(frozen=True)
class ReceivedGroup:
    """A group from a bundle whose signature checked out."""

    made_at: datetime
    group: LeadGroup
    signer: bytes


@dataclass(frozen=True)
class KeptGroup:
    """A group in the lead's store: when its statement was made, the key it is pinned to (None: a group kept
    before bundles were signed, pinned by its next bundle), and the keys it was pinned to before."""

    made_at: datetime
    group: LeadGroup
    signer: bytes | None = None
    retired: tuple[bytes, ...] = ()


@dataclass(frozen=True)
class MergeCounts:
    added: int = 0
    updated: int = 0
    up_to_date: int = 0


# ---- building ----------------------------------------------------------------------------------------------


def group_for_lead(group_id: str, name: str, threshold: int, months: GroupTrends | None, today: date) -> LeadGroup:
    """A group's history by month, up to the last month that is over; a group with no meetings has no months.

    Each value is sent only once it is final, so that no two bundles differ by a count that was hidden: a month
    in progress would grow between bundles, and its newcomers' return is known only once the last of them has
    had their 28 days. (Retention is already unknown until the next month is over.)
    """
    rows = lead_group(months, threshold)["periods"] if months is not None else []
    over = [row for row in rows if date.fromisoformat(row["last_day"]) < today]
    return LeadGroup(
        id=group_id, name=name, threshold=threshold,
        periods={Period.MONTH: tuple(_final({key: row[key] for key in PERIOD_KEYS}, today) for row in over)},
    )


def _final(row: dict[str, Any], today: date) -> dict[str, Any]:
    if date.fromisoformat(row["last_day"]) + RETURN_WINDOW >= today:  # a newcomer of the month is not judged yet
        row.update(returned=None, eligible=None, return_rate=None)
    return row


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False).encode()


def _b64(value: bytes) -> str:
    return base64.b64encode(value).decode("ascii")


def statement_to_json(statement: GroupStatement) -> bytes:
    return _dumps({
        "circle_lead_group": PAYLOAD_VERSION,
        "made_at": statement.made_at.isoformat(),
        "for_lead": statement.for_lead,
        "group": statement.group.to_json(),
    })


def bundle_to_json(signed: Iterable[SignedStatement]) -> bytes:
    return _dumps({
        "circle_lead": PAYLOAD_VERSION,
        "groups": [
            {"statement": each.statement.decode("utf-8"), "signer": _b64(each.signer), "signature": _b64(each.signature)}
            for each in signed
        ],
    })


def store_to_json(kept: Mapping[str, KeptGroup]) -> bytes:
    return _dumps({
        "circle_lead_store": STORE_VERSION,
        "groups": [
            {
                "made_at": kept[key].made_at.isoformat(),
                "signer": _b64(kept[key].signer) if kept[key].signer is not None else None,
                "retired": [_b64(each) for each in kept[key].retired],
                "group": kept[key].group.to_json(),
            }
            for key in sorted(kept)
        ],
    })


# ---- reading, strictly ---------------------------------------------------------------------------------------


def _refuse(what: str) -> NoReturn:
    raise FieldError(what)


def _rows(value: Any, by: Period, threshold: int) -> tuple[Row, ...]:
    return month_rows(items(value, most=MAX_MONTHS), by, threshold)


def _group_header(entry: dict[str, Any]) -> tuple[str, str, int]:
    if not GROUP_ID.fullmatch(text(entry["id"])):
        _refuse("a group id")
    if group_name(text(entry["name"])) != entry["name"]:  # InvalidInput when no name at all
        _refuse("a group name")
    return entry["id"], entry["name"], integer(entry["threshold"], low=1, high=20)


def _group(value: Any) -> LeadGroup:
    entry = exact_object(value, GROUP_KEYS)
    group_id, name, threshold = _group_header(entry)
    return LeadGroup(group_id, name, threshold, {Period.MONTH: _rows(entry["months"], Period.MONTH, threshold)})


def _older_group(value: Any) -> LeadGroup:
    """A group as the store before signed bundles kept it: by week, month and quarter. Only its months stay."""
    entry = exact_object(value, ("id", "name", "threshold", "periods"))
    group_id, name, threshold = _group_header(entry)
    periods = exact_object(entry["periods"], [str(by) for by in Period])
    rows = [older_row(row) for row in items(periods[str(Period.MONTH)], most=MAX_MONTHS)]
    months = month_rows(rows, Period.MONTH, threshold)
    return LeadGroup(group_id, name, threshold, {Period.MONTH: months})


def _key_bytes(value: Any, size: int) -> bytes:
    try:
        found = base64.b64decode(text(value, max_len=2 * size), validate=True)
    except (binascii.Error, ValueError):
        _refuse("not base64")
    if len(found) != size:
        _refuse("a key or signature of the wrong size")
    return found


def _utf8(value: str) -> bytes:
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate, written as an escape
        _refuse("not text")


def _signed(value: Any) -> SignedStatement:
    entry = exact_object(value, SIGNED_KEYS)
    return SignedStatement(
        statement=_utf8(text(entry["statement"], max_len=MAX_STATEMENT_CHARS)),
        signer=_key_bytes(entry["signer"], SIGNER_BYTES),
        signature=_key_bytes(entry["signature"], SIGNATURE_BYTES),
    )


def _envelope(top: Any) -> tuple[SignedStatement, ...]:
    if isinstance(top, dict) and type(top.get("circle_lead")) is int and top["circle_lead"] == 1:
        raise LeadBundleUnsigned()
    top = exact_object(top, BUNDLE_KEYS)
    if integer(top["circle_lead"]) != PAYLOAD_VERSION:
        _refuse("another version")
    return tuple(_signed(each) for each in items(top["groups"], most=MAX_GROUPS))


def _statement(top: Any) -> GroupStatement:
    top = exact_object(top, STATEMENT_KEYS)
    if integer(top["circle_lead_group"]) != PAYLOAD_VERSION:
        _refuse("another version")
    if not LEAD_ID.fullmatch(text(top["for_lead"])):
        _refuse("a lead")
    return GroupStatement(made_at=_since_2000(top["made_at"]), for_lead=top["for_lead"], group=_group(top["group"]))


def _since_2000(value: Any) -> datetime:
    found = moment(value)
    if found < EARLIEST:  # no circle made it, and a year 1 would overflow as local time
        _refuse("a moment before 2000")
    return found


def _kept(value: Any, version: int) -> KeptGroup:
    if version == 1:
        entry = exact_object(value, ("made_at", "group"))
        return KeptGroup(made_at=_since_2000(entry["made_at"]), group=_older_group(entry["group"]))
    entry = exact_object(value, KEPT_KEYS)
    signer = None if entry["signer"] is None else _key_bytes(entry["signer"], SIGNER_BYTES)
    retired = tuple(_key_bytes(each, SIGNER_BYTES) for each in items(entry["retired"], most=MAX_RETIRED))
    return KeptGroup(_since_2000(entry["made_at"]), _group(entry["group"]), signer, retired)


def _store(top: Any) -> dict[str, KeptGroup]:
    top = exact_object(top, STORE_KEYS)
    version = integer(top["circle_lead_store"], low=1, high=STORE_VERSION)
    kept: dict[str, KeptGroup] = {}
    for each in items(top["groups"], most=MAX_KEPT_GROUPS):
        entry = _kept(each, version)
        if entry.group.id in kept:
            _refuse("a group twice")
        kept[entry.group.id] = entry
    if months_in(kept) > MAX_KEPT_MONTHS:
        _refuse("too many months")
    return kept


def months_in(kept: Mapping[str, KeptGroup]) -> int:
    return sum(len(entry.group.months) for entry in kept.values())


def _read_strictly(read: Any, data: bytes) -> Any:
    try:
        return read(load_json(data))
    except LeadBundleUnsigned:
        raise
    except (FieldError, InvalidInput):  # InvalidInput: a group name that is no name at all
        raise LeadPayloadUnreadable() from None


def bundle_from_json(data: bytes) -> tuple[SignedStatement, ...]:
    """A bundle's signed statements, not yet checked: LeadBundleUnsigned for a bundle from before signing,
    LeadPayloadUnreadable for anything else but exactly the documented shape."""
    return _read_strictly(_envelope, data)


def statement_from_json(data: bytes) -> GroupStatement:
    """A statement whose signature has been checked, read as strictly as the envelope."""
    return _read_strictly(_statement, data)


def store_from_json(data: bytes) -> dict[str, KeptGroup]:
    """The groups a lead's store keeps (this version's or the one before), read as strictly as a bundle."""
    return _read_strictly(_store, data)
