"""What a lead bundle holds, how it is read, and how a lead's store takes it in.

A bundle carries each group's counts by week, month and quarter over its whole history, built through
`lead_group` (circle.domain.trends.lead_view): small counts are already "<K" by the group's own threshold and
rates derived from them are withheld. Besides the counts it names only the group (its id and name, so a
lead can tell groups apart) and when it was made. No member id, no member name, no note, no handle.
Per-meeting rows stay with the facilitators: a lead's report is by period.

Reading is strict: anything but exactly the shape of docs/FORMAT.md section 13.4 raises
LeadPayloadUnreadable, and nothing of it is taken in.

Merging: per group id, the bundle made later replaces the one kept; the same bundle again, or an older
one, changes nothing. So importing a folder twice counts nothing twice.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NoReturn

from circle.domain.errors import InvalidInput
from circle.domain.group import group_name
from circle.domain.json_fields import FieldError, day, exact_object, integer, items, load_json, moment, number, text
from circle.domain.trends.lead_view import lead_group
from circle.domain.trends.periods import Period, period_label, period_last_day, period_start
from circle.domain.trends.compute import GroupTrends

PAYLOAD_VERSION = 1
STORE_VERSION = 1
MAX_GROUPS = 1000  # in one bundle: far beyond any facilitator's groups
MAX_KEPT_GROUPS = 100_000
MAX_ROWS = 5000  # periods of one kind: a century of weeks
GROUP_ID = re.compile(r"[0-9A-Za-z_-]{1,64}")

# One period row, exactly: PeriodTrend.to_dict() with its two rates, as lead_view leaves it.
PERIOD_KEYS = (
    "first_day", "last_day", "label", "held", "cancelled", "mean_attendance", "median_attendance",
    "newcomers", "returned", "eligible", "stayed", "active", "dropped_off", "return_rate", "retention",
)
GROUP_KEYS = ("id", "name", "threshold", "periods")
BUNDLE_KEYS = ("circle_lead", "made_at", "groups")
STORE_KEYS = ("circle_lead_store", "groups")
KEPT_KEYS = ("made_at", "group")
_NEVER_HIDDEN = ("held", "cancelled")  # meetings, not people
_HIDDEN_OR_UNKNOWN = ("returned", "eligible", "stayed", "active", "dropped_off")
_LEVELS = ("mean_attendance", "median_attendance")
_RATES = ("return_rate", "retention")

Row = Mapping[str, Any]


class LeadPayloadUnreadable(InvalidInput):
    message = "This bundle opened, but what it holds could not be read; ask for a new one."


@dataclass(frozen=True)
class LeadGroup:
    """One group as a lead sees it: an id, a name, a threshold, and its periods of each kind."""

    id: str
    name: str
    threshold: int
    periods: Mapping[Period, tuple[Row, ...]]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "threshold": self.threshold,
            "periods": {str(by): [dict(row) for row in self.periods.get(by, ())] for by in Period},
        }


@dataclass(frozen=True)
class LeadBundle:
    made_at: datetime
    groups: tuple[LeadGroup, ...]


@dataclass(frozen=True)
class KeptGroup:
    """A group in the lead's store, with when the bundle it came from was made."""

    made_at: datetime
    group: LeadGroup


@dataclass(frozen=True)
class MergeCounts:
    added: int = 0
    updated: int = 0
    up_to_date: int = 0


# ---- building ----------------------------------------------------------------------------------------------


def group_for_lead(
    group_id: str, name: str, threshold: int, trends: Mapping[Period, GroupTrends | None]
) -> LeadGroup:
    """A group's whole history by each kind of period; a group with no meetings has no periods."""
    periods: dict[Period, tuple[Row, ...]] = {}
    for by in Period:
        found = trends.get(by)
        rows = lead_group(found, threshold)["periods"] if found is not None else []
        periods[by] = tuple({key: row[key] for key in PERIOD_KEYS} for row in rows)
    return LeadGroup(id=group_id, name=name, threshold=threshold, periods=periods)


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False).encode()


def bundle_to_json(bundle: LeadBundle) -> bytes:
    return _dumps({
        "circle_lead": PAYLOAD_VERSION,
        "made_at": bundle.made_at.isoformat(),
        "groups": [group.to_json() for group in bundle.groups],
    })


def store_to_json(kept: Mapping[str, KeptGroup]) -> bytes:
    return _dumps({
        "circle_lead_store": STORE_VERSION,
        "groups": [
            {"made_at": kept[key].made_at.isoformat(), "group": kept[key].group.to_json()} for key in sorted(kept)
        ],
    })


# ---- reading, strictly ---------------------------------------------------------------------------------------


def _refuse(what: str) -> NoReturn:
    raise FieldError(what)


def _row(value: Any, by: Period, threshold: int) -> dict[str, Any]:
    row = exact_object(value, PERIOD_KEYS)
    first = day(row["first_day"])
    try:
        last = period_last_day(first, by)
    except (OverflowError, ValueError):  # a period that would end after the year 9999
        _refuse("a period past the year 9999")
    if first != period_start(first, by) or row["last_day"] != last.isoformat():
        _refuse("a period's days")
    if row["label"] != period_label(first, by):
        _refuse("a period's label")
    hidden = f"<{threshold}"
    for key in _NEVER_HIDDEN:
        integer(row[key])
    for key in ("newcomers", *_HIDDEN_OR_UNKNOWN):
        if row[key] != hidden and not (row[key] is None and key != "newcomers"):
            integer(row[key])
    for key in _LEVELS:
        if row[key] is not None and row[key] != hidden:
            number(row[key], low=0)
    for key in _RATES:
        if row[key] is not None:
            number(row[key], low=0, high=1)
    return row


def _rows(value: Any, by: Period, threshold: int) -> tuple[Row, ...]:
    rows = tuple(_row(each, by, threshold) for each in items(value, most=MAX_ROWS))
    days = [row["first_day"] for row in rows]
    if days != sorted(set(days)):  # in order, each period once
        _refuse("periods out of order")
    return rows


def _group(value: Any) -> LeadGroup:
    entry = exact_object(value, GROUP_KEYS)
    if not GROUP_ID.fullmatch(text(entry["id"])):
        _refuse("a group id")
    if group_name(text(entry["name"])) != entry["name"]:  # InvalidInput when no name at all
        _refuse("a group name")
    threshold = integer(entry["threshold"], low=1, high=20)
    periods = exact_object(entry["periods"], [str(by) for by in Period])
    return LeadGroup(
        id=entry["id"],
        name=entry["name"],
        threshold=threshold,
        periods={by: _rows(periods[str(by)], by, threshold) for by in Period},
    )


def _bundle(top: Any) -> LeadBundle:
    top = exact_object(top, BUNDLE_KEYS)
    if integer(top["circle_lead"]) != PAYLOAD_VERSION:
        _refuse("another version")
    groups = tuple(_group(each) for each in items(top["groups"], most=MAX_GROUPS))
    if len({group.id for group in groups}) != len(groups):
        _refuse("a group twice")
    return LeadBundle(made_at=moment(top["made_at"]), groups=groups)


def _store(top: Any) -> dict[str, KeptGroup]:
    top = exact_object(top, STORE_KEYS)
    if integer(top["circle_lead_store"]) != STORE_VERSION:
        _refuse("another version")
    kept: dict[str, KeptGroup] = {}
    for each in items(top["groups"], most=MAX_KEPT_GROUPS):
        entry = exact_object(each, KEPT_KEYS)
        group = _group(entry["group"])
        if group.id in kept:
            _refuse("a group twice")
        kept[group.id] = KeptGroup(made_at=moment(entry["made_at"]), group=group)
    return kept


def bundle_from_json(data: bytes) -> LeadBundle:
    """A bundle's payload, or LeadPayloadUnreadable for anything but exactly the documented shape."""
    try:
        return _bundle(load_json(data))
    except (FieldError, InvalidInput):
        raise LeadPayloadUnreadable() from None


def store_from_json(data: bytes) -> dict[str, KeptGroup]:
    """The groups a lead's store keeps, read as strictly as a bundle (LeadPayloadUnreadable)."""
    try:
        return _store(load_json(data))
    except (FieldError, InvalidInput):
        raise LeadPayloadUnreadable() from None


# ---- merging ---------------------------------------------------------------------------------------------------


def merge_bundles(
    kept: Mapping[str, KeptGroup], bundles: Iterable[LeadBundle]
) -> tuple[dict[str, KeptGroup], MergeCounts]:
    """The store after taking in `bundles`, in any order, and what that did to each group they name."""
    merged = dict(kept)
    seen: set[str] = set()
    for bundle in bundles:
        for group in bundle.groups:
            seen.add(group.id)
            current = merged.get(group.id)
            if current is None or bundle.made_at > current.made_at:
                merged[group.id] = KeptGroup(made_at=bundle.made_at, group=group)
    added = seen - kept.keys()
    updated = {key for key in seen & kept.keys() if merged[key].made_at != kept[key].made_at}
    return merged, MergeCounts(len(added), len(updated), len(seen) - len(added) - len(updated))
