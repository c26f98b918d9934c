"""Keeping and checking each group's manifest (integrity.py): sealed at the end of every write, checked at unlock."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import suppress
from typing import NamedTuple

from circle.store.errors import GroupUnvouched
from circle.store.integrity import (
    APPENDED,
    BY_STEP,
    CHANGED,
    LOG_BY_ID,
    LOG_ORDER,
    PARTS,
    PARTS_BY_NAME,
    LogDigests,
    digest,
    digests,
    empty_digest,
    row_count,
    take_touched,
)
from circle.store.sealing import GroupSealer
from circle.vault.errors import SealBroken

# A meeting deleted takes its log and attendance with it, so a change to the meetings is read again whole.
_WITH_MEETINGS = {"meetings", "log", "attendance"}


# Group id -> the sealer and the generation of each manifest a transaction sealed.
Sealed = dict[str, tuple[GroupSealer, int]]


class Checked(NamedTuple):
    """How a group's rows compare with its manifest: what differs, as a facilitator would say it, and the
    manifest's generation (None: the group has no manifest yet)."""

    changed: list[str]
    generation: int | None


class Manifests:
    """Seals the manifest of each group a transaction touched, with the sealers `sealer_for` finds, and tells
    `on_sealed` (inside the same transaction) which generation each group's manifest is now at."""

    def __init__(
        self,
        sealer_for: Callable[[str], GroupSealer | None],
        on_sealed: Callable[[sqlite3.Connection, Sealed], None] = lambda conn, sealed: None,
    ) -> None:
        self._sealer_for = sealer_for
        self._on_sealed = on_sealed
        self._new: dict[str, GroupSealer] = {}
        self._logs = LogDigests()

    def sealing_with(self, sealer: GroupSealer) -> None:
        """A group's sealer that the keyring does not hold yet: a group being made, or a key being changed."""
        self._new[sealer.group_id] = sealer

    def forget(self) -> None:
        """Drop the sealers given by `sealing_with`: locking leaves no key behind."""
        self._new = {}
        self._logs.forget()

    def _sealer(self, group_id: str, key_version: int) -> GroupSealer | None:
        """The sealer of the group's key version as the transaction leaves it."""
        for sealer in (self._new.get(group_id), self._sealer_for(group_id)):
            if sealer is not None and sealer.key_version == key_version:
                return sealer
        return None

    def seal_touched(self, conn: sqlite3.Connection) -> None:
        sealed: Sealed = {}
        for group_id, parts in take_touched(conn).items():
            row = conn.execute("SELECT manifest, key_version FROM groups WHERE id = ?", [group_id]).fetchone()
            if row is None:
                continue  # the group itself was deleted
            sealer = self._sealer(group_id, row[1])
            if sealer is None:
                raise GroupUnvouched()
            kept = None if row[0] is None else sealer.open_json("groups", "manifest", group_id, row[0])
            sealed[group_id] = sealer, self._seal(conn, sealer, self._updated(conn, group_id, kept, parts), kept)
        if sealed:
            self._on_sealed(conn, sealed)

    def seal_whole(self, conn: sqlite3.Connection, sealers: list[GroupSealer]) -> None:
        """Each group's manifest made afresh from its rows, inside the caller's transaction: the first one of a
        group from before manifests, or all of them when the facilitator accepts a vault as it is."""
        sealed: Sealed = {}
        for sealer in sealers:
            self.sealing_with(sealer)
            row = conn.execute("SELECT manifest FROM groups WHERE id = ?", [sealer.group_id]).fetchone()
            kept = None
            if row is not None and row[0] is not None:
                with suppress(SealBroken):
                    kept = sealer.open_json("groups", "manifest", sealer.group_id, row[0])
            sealed[sealer.group_id] = sealer, self._seal(conn, sealer, digests(conn, sealer.group_id), kept)
        if sealed:
            self._on_sealed(conn, sealed)

    @staticmethod
    def _seal(conn: sqlite3.Connection, sealer: GroupSealer, manifest: dict, kept: dict | None) -> int:
        """Write the manifest one generation on from the one it replaces; return that generation."""
        generation = _generation(kept) + 1
        manifest = {**manifest, GENERATION: generation, LOG_ORDER: BY_STEP}
        conn.execute(
            "UPDATE groups SET manifest = ? WHERE id = ?",
            [sealer.seal_json("groups", "manifest", sealer.group_id, manifest), sealer.group_id],
        )
        return generation

    def _updated(self, conn: sqlite3.Connection, group_id: str, kept: dict | None, parts: set[str]) -> dict:
        """The manifest with the touched parts read again: the whole of it the first time, and only the
        meetings whose log changed when nothing else about meetings did."""
        if kept is None:
            return digests(conn, group_id)
        whole = {part for part in parts if not part.startswith((APPENDED, CHANGED))}
        if "meetings" in whole:
            whole |= _WITH_MEETINGS
        if kept.get(LOG_ORDER) != BY_STEP:
            whole.add("log")  # written before logs were hashed in step order: all of them are hashed again
        manifest = {**kept, **digests(conn, group_id, whole)}
        if "log" not in whole:
            logs = dict(manifest.get("log", {}))
            appended = {part.removeprefix(APPENDED) for part in parts if part.startswith(APPENDED)}
            changed = {part.removeprefix(CHANGED) for part in parts if part.startswith(CHANGED)}
            for session_id in appended | changed:
                entry = self._logs.entry(conn, session_id, logs.get(session_id), session_id not in changed)
                if entry is None:
                    logs.pop(session_id, None)
                else:
                    logs[session_id] = entry
            manifest["log"] = logs
        return manifest

    @staticmethod
    def check(
        conn: sqlite3.Connection,
        sealer: GroupSealer,
        found_rows: Callable[[str], dict[str, object]] | None = None,
        parts: frozenset[str] | None = None,
        counted: frozenset[str] = frozenset(),
    ) -> Checked:
        """How the group's rows compare with its manifest, the `parts` named (None: all), and of the `counted`
        parts how many rows there are; `found_rows(group_id)`: their digests as already read (read_ahead.py),
        else they are read here."""
        row = conn.execute("SELECT manifest FROM groups WHERE id = ?", [sealer.group_id]).fetchone()
        if row is None or row[0] is None:
            return Checked([], None)
        kept = sealer.open_json("groups", "manifest", sealer.group_id, row[0])
        compared = [part for part in PARTS if parts is None or part.name in parts]
        if found_rows is None:
            found = digests(conn, sealer.group_id, {part.name for part in compared})
        else:
            found = found_rows(sealer.group_id)
        if "log" in found and kept.get(LOG_ORDER) != BY_STEP:  # hashed by step id before: checked as written
            found = {**found, "log": digest(conn, LOG_BY_ID, sealer.group_id)}
        changed = [part.described for part in compared if kept.get(part.name, empty_digest(part)) != found[part.name]]
        for part in (PARTS_BY_NAME[name] for name in sorted(counted)):
            if _count(kept.get(part.name, empty_digest(part))) != row_count(conn, part, sealer.group_id):
                changed.append(part.described)
        return Checked(changed, _generation(kept))


GENERATION = "generation"  # one more each time the manifest is written: an older copy has a smaller one


def _count(entry: object) -> object:
    """A part's row count, as its manifest entry ([count, digest]) holds it."""
    return entry[0] if isinstance(entry, list) and entry else None


def _generation(manifest: dict | None) -> int:
    value = (manifest or {}).get(GENERATION, 0)
    return value if type(value) is int and value >= 0 else 0
