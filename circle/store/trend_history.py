"""Each group's trend history, kept sealed, so that trends need not open years of meetings every time.

Trends are counted from a group's history (domain/trends/history.py): its meetings in order, who was at each,
newcomers' first visits and drop-offs. Working it out opens every meeting's sealed summary and attendance, which
on a vault of years is most of what `circle trends` does. So a history, once worked out, is kept in
`trend_history`, a row per group, sealed under the group's key like everything else about the group, together
with the digest of the meetings it was worked out from: the "meetings" entry of the group's manifest
(store/integrity.py), which the unlock checked against the rows, and which every change circle makes to them
writes again in the same transaction.

Beside it are kept the group's counts for each of its weeks, months and quarters (domain/trends/period_counts.py),
worked out from the history and sealed with the same digest, in a column per kind of period: enough for
`circle trends` to report any range of whole periods without the history or the engine.

It is derived, never a record:
- a kept history is used only while that digest is the digest of the group's meetings now. A meeting closed or
  corrected since, rows put back from an older copy, a history of another group or sealed under another key,
  anything that does not open: each is passed over, and the history is worked out from the meetings again;
- any change to a group's meetings deletes its kept history in the same statement (the triggers of migration
  m010), so nothing a purge or a correction took from the meetings stays behind in it;
- it is in no manifest, handoff or lead bundle.

A kept history holds what the meetings it came from hold, and no more: counts, days, and members by id; the
counts hold less (no one's id).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from circle.domain.errors import CircleError
from circle.domain.trends.history import History
from circle.domain.trends.period_counts import PeriodCounts
from circle.domain.trends.periods import Period
from circle.store import counts_shape, history_shape
from circle.store.repository import Repository
from circle.store.sealing import GroupSealer

TABLE, COLUMN = "trend_history", "history"
MEETINGS = "meetings"  # the manifest's entry for the group's meetings (store/integrity.py PARTS)
MAX_KEPT_BYTES = 64 * 1024 * 1024
_PERIOD_COLUMNS = ", ".join(by.value for by in Period)  # week, month, quarter: migration m011

# A value the group's kept row holds and a digest it is checked against, read in one statement so that both are
# of the same moment. A value longer than any group's decades of meetings make is not opened.
_READ = (
    "SELECT g.manifest, CASE WHEN length(t.{column}) <= {limit} THEN t.{column} END"
    f" FROM groups g LEFT JOIN {TABLE} t ON t.group_id = g.id WHERE g.id = ?"
)
# What a kept value that no circle of this shape wrote may raise as it is opened and read: it is passed over.
_PASSED_OVER = (CircleError, ValueError, TypeError, KeyError, AttributeError, IndexError)


def meetings_digest(repository: Repository, sealer: GroupSealer) -> object:
    """The digest of the group's meetings (which, in which state, sealed as what); None without a manifest."""
    rows = repository.rows("SELECT manifest FROM groups WHERE id = ?", [sealer.group_id])
    return _manifest_entry(sealer, rows[0][0]) if rows else None


def _read_kept(repository: Repository, sealer: GroupSealer, column: str) -> tuple[object, Any]:
    """The digest of the group's meetings, and the value kept in `column` (opened) if it was worked out from
    exactly those meetings by a circle of this shape, else None."""
    if not getattr(repository.conn, "keeps_trends", True):  # a reader of a vault that keeps none yet
        return meetings_digest(repository, sealer), None
    rows = repository.rows(_READ.format(column=column, limit=MAX_KEPT_BYTES), [sealer.group_id])
    if not rows:
        return None, None
    manifest, kept = rows[0]
    meetings = _manifest_entry(sealer, manifest)
    if meetings is None or kept is None:
        return meetings, None
    try:
        value = sealer.open_json(TABLE, column, sealer.group_id, kept)
    except _PASSED_OVER:
        return meetings, None
    return meetings, value if isinstance(value, dict) and value.get("meetings") == meetings else None


def read_history(repository: Repository, sealer: GroupSealer) -> tuple[object, History | None]:
    """The digest of the group's meetings, and its kept history if it was worked out from exactly those."""
    meetings, value = _read_kept(repository, sealer, COLUMN)
    if value is None or value.get("shape") != history_shape.SHAPE:
        return meetings, None
    try:
        return meetings, history_shape.read_value(sealer.group_id, value)
    except _PASSED_OVER:
        return meetings, None  # a history no circle of this shape wrote: work it out again


def read_period_counts(repository: Repository, sealer: GroupSealer, by: Period) -> list[PeriodCounts] | None:
    """The group's kept counts for every period of this kind, if worked out from its meetings as they are now."""
    _, value = _read_kept(repository, sealer, by.value)
    if value is None or value.get("shape") != counts_shape.SHAPE:
        return None
    try:
        return counts_shape.read_counts(value, by)
    except _PASSED_OVER:
        return None  # counted from the history instead


def _manifest_entry(sealer: GroupSealer, manifest: bytes | None) -> object:
    if manifest is None:
        return None
    return sealer.open_json("groups", "manifest", sealer.group_id, manifest).get(MEETINGS)


@dataclass(frozen=True)
class SealedHistory:
    """A history sealed to be kept, with the digest of the meetings it was worked out from."""

    sealer: GroupSealer
    meetings: object
    sealed: bytes
    counts: tuple[bytes, ...]  # for each kind of period, in Period's order


def seal_history(sealer: GroupSealer, meetings: object, history: History) -> SealedHistory:
    """Pure work, for any thread: a decade of a group's meetings takes a moment to count, write out and seal."""
    from circle.domain.trends.compute import period_counts

    group_id = sealer.group_id
    sealed = sealer.seal_json(TABLE, COLUMN, group_id, history_shape.history_value(history, meetings))
    counts = tuple(
        sealer.seal_json(TABLE, by.value, group_id, counts_shape.counts_value(period_counts(history, by), by, meetings))
        for by in Period
    )
    return SealedHistory(sealer, meetings, sealed, counts)


def keep_history(repository: Repository, kept: SealedHistory) -> None:
    """Keep a group's history in place of any kept before; not if its meetings have changed since it was worked
    out (a purge, say, must not find what it removed kept here again)."""
    if kept.meetings is None:
        return
    with repository.writing() as db:
        if meetings_digest(repository, kept.sealer) != kept.meetings:
            return
        db.execute(f"INSERT OR REPLACE INTO {TABLE} (group_id, {COLUMN}, {_PERIOD_COLUMNS}) VALUES (?, ?, ?, ?, ?)",
                   [kept.sealer.group_id, kept.sealed, *kept.counts])
