"""Facilitators, their key slots, and each group's list of facilitators: the rows that decide who opens what.

Also the one place a group's data is sealed again under a new key, when a facilitator is removed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from circle.store.repository import Repository
from circle.store.sealing import GroupSealer
from circle.vault.keyring import KdfParams

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class FacilitatorRecord:
    id: str
    created_at: str
    kdf_salt: bytes
    kdf: KdfParams
    wrapped_key: bytes
    handle: bytes  # sealed under their own personal key
    public_key: bytes | None = None  # None: key slots still wrapped the older way, until their next unlock


@dataclass(frozen=True)
class KeySlot:
    facilitator_id: str
    group_id: str
    key_version: int
    wrapped_key: bytes


@dataclass(frozen=True)
class SealedColumn:
    """A column sealed under a group's key: where its rows are, and what names a row in the associated data."""

    table: str
    column: str
    row_id: str
    of_group: str  # SQL condition on the group id


# Everything sealed under a group's data key. Adding a sealed column to the schema means adding it here,
# or a removed facilitator's old key would still open it.
GROUP_SEALED_COLUMNS = (
    SealedColumn("groups", "name", "id", "id = ?"),
    SealedColumn("groups", "profile", "id", "id = ?"),
    SealedColumn("groups", "rules", "id", "id = ?"),
    SealedColumn("members", "name", "id", "group_id = ? AND name IS NOT NULL"),
    SealedColumn("members", "details", "id", "group_id = ? AND details IS NOT NULL"),
    SealedColumn("sessions", "summary", "id", "group_id = ? AND summary IS NOT NULL"),
    SealedColumn("sessions", "attendance", "id", "group_id = ? AND attendance IS NOT NULL"),
    SealedColumn("notes", "body", "id", "group_id = ?"),
    SealedColumn(
        "session_events", "data", "id", "session_id IN (SELECT id FROM sessions WHERE group_id = ?)"
    ),
    SealedColumn("group_facilitators", "handle", "facilitator_id", "group_id = ?"),
)


def seal_again(db: Database, old: GroupSealer, new: GroupSealer) -> None:
    """Every sealed field of the group, opened with `old` and sealed with `new`."""
    group_id = old.group_id
    for sealed in GROUP_SEALED_COLUMNS:
        rows = db.execute(
            f"SELECT {sealed.row_id}, {sealed.column} FROM {sealed.table} WHERE {sealed.of_group}", [group_id]
        ).fetchall()
        for row_id, value in rows:
            plain = old.open_bytes(sealed.table, sealed.column, row_id, value)
            db.execute(
                f"UPDATE {sealed.table} SET {sealed.column} = ? WHERE {sealed.row_id} = ? AND {sealed.of_group}",
                [new.seal_bytes(sealed.table, sealed.column, row_id, plain), row_id, group_id],
            )


class KeyStore:
    def __init__(self, repository: Repository) -> None:
        self._repo = repository

    # facilitators ---------------------------------------------------------------
    def facilitators(self) -> list[FacilitatorRecord]:
        rows = self._repo.rows(
            "SELECT id, created_at, kdf_salt, kdf_memory_kib, kdf_iterations, kdf_lanes, wrapped_key, handle,"
            " public_key FROM facilitators ORDER BY created_at, id"
        )
        return [
            FacilitatorRecord(
                id=row[0],
                created_at=row[1],
                kdf_salt=row[2],
                kdf=KdfParams(memory_kib=row[3], iterations=row[4], lanes=row[5]),
                wrapped_key=row[6],
                handle=row[7],
                public_key=row[8],
            )
            for row in rows
        ]

    def add_facilitator(
        self, record: FacilitatorRecord, slots: Iterable[KeySlot] = (), handles: Iterable[tuple[GroupSealer, str]] = ()
    ) -> None:
        """A facilitator with their key slots and their handle in each group, in one transaction."""
        with self._repo.writing() as db:
            db["facilitators"].insert(
                {
                    "id": record.id,
                    "created_at": record.created_at,
                    "kdf_salt": record.kdf_salt,
                    "kdf_memory_kib": record.kdf.memory_kib,
                    "kdf_iterations": record.kdf.iterations,
                    "kdf_lanes": record.kdf.lanes,
                    "wrapped_key": record.wrapped_key,
                    "handle": record.handle,
                    "public_key": record.public_key,
                }
            )
            db["key_slots"].insert_all(slot.__dict__ for slot in slots)
            for sealer, handle in handles:
                self._upsert_handle(db, sealer, record.id, handle)

    def rewrap(self, facilitator_id: str, salt: bytes, kdf: KdfParams, wrapped_key: bytes) -> None:
        """A new passphrase: only this facilitator's wrapped personal key changes."""
        with self._repo.writing() as db:
            db["facilitators"].update(
                facilitator_id,
                {
                    "kdf_salt": salt,
                    "kdf_memory_kib": kdf.memory_kib,
                    "kdf_iterations": kdf.iterations,
                    "kdf_lanes": kdf.lanes,
                    "wrapped_key": wrapped_key,
                },
            )

    def set_handle(self, facilitator_id: str, sealed_handle: bytes) -> None:
        """The facilitator's handle, sealed again under their personal key."""
        with self._repo.writing() as db:
            db["facilitators"].update(facilitator_id, {"handle": sealed_handle})

    def upgrade(self, facilitator_id: str, public_key: bytes, slots: list[KeySlot]) -> None:
        """Store a facilitator's public key and their slots sealed to it, replacing the older ones."""
        with self._repo.writing() as db:
            db["facilitators"].update(facilitator_id, {"public_key": public_key})
            db["key_slots"].upsert_all((slot.__dict__ for slot in slots), pk=("facilitator_id", "group_id"))

    # key slots -------------------------------------------------------------------
    def key_slots(self, facilitator_id: str) -> list[KeySlot]:
        rows = self._repo.rows(
            "SELECT facilitator_id, group_id, key_version, wrapped_key FROM key_slots WHERE facilitator_id = ?",
            [facilitator_id],
        )
        return [KeySlot(*row) for row in rows]

    def holders(self, group_id: str) -> dict[str, bytes | None]:
        """Facilitator id -> public key, for everyone holding a slot for the group."""
        rows = self._repo.rows(
            "SELECT f.id, f.public_key FROM key_slots s JOIN facilitators f ON f.id = s.facilitator_id"
            " WHERE s.group_id = ? ORDER BY f.created_at, f.id",
            [group_id],
        )
        return dict(rows)

    def public_key(self, facilitator_id: str) -> bytes | None:
        rows = self._repo.rows("SELECT public_key FROM facilitators WHERE id = ?", [facilitator_id])
        return rows[0][0] if rows else None

    def add_slot(self, slot: KeySlot, sealer: GroupSealer, handle: str) -> None:
        with self._repo.writing() as db:
            db["key_slots"].insert(slot.__dict__)
            self._upsert_handle(db, sealer, slot.facilitator_id, handle)

    # handles -----------------------------------------------------------------------
    def handles(self, sealer: GroupSealer) -> dict[str, str]:
        """Facilitator id -> handle, for everyone who has facilitated the group, here or on another laptop."""
        rows = self._repo.rows(
            "SELECT facilitator_id, handle FROM group_facilitators WHERE group_id = ?", [sealer.group_id]
        )
        return {
            fid: sealer.open_text("group_facilitators", "handle", fid, sealed) for fid, sealed in rows
        }

    def groups_naming(self, facilitator_id: str) -> set[str]:
        """The groups whose list of facilitators has this one, from plain columns."""
        rows = self._repo.rows("SELECT group_id FROM group_facilitators WHERE facilitator_id = ?", [facilitator_id])
        return {row[0] for row in rows}

    def add_handles(self, sealer: GroupSealer, handles: dict[str, str]) -> None:
        with self._repo.writing() as db:
            for facilitator_id, handle in handles.items():
                self._upsert_handle(db, sealer, facilitator_id, handle)

    @staticmethod
    def _upsert_handle(db: Database, sealer: GroupSealer, facilitator_id: str, handle: str) -> None:
        db["group_facilitators"].upsert(
            {
                "group_id": sealer.group_id,
                "facilitator_id": facilitator_id,
                "handle": sealer.seal_text("group_facilitators", "handle", facilitator_id, handle),
            },
            pk=("group_id", "facilitator_id"),
        )

    # removal -----------------------------------------------------------------------
    def rotate(
        self, old: GroupSealer, new: GroupSealer, slots: list[KeySlot], removed_id: str, forget_removed: bool
    ) -> None:
        """Seal every field of the group again under `new`, give the remaining facilitators slots for it,
        and drop the removed facilitator's slot (and their record, when it opened nothing else). One transaction.
        """
        group_id = old.group_id
        with self._repo.writing() as db:
            seal_again(db, old, new)
            db["groups"].update(group_id, {"key_version": new.key_version})
            db.execute("DELETE FROM key_slots WHERE group_id = ?", [group_id])
            db["key_slots"].insert_all(slot.__dict__ for slot in slots)
            if forget_removed:
                db.execute("DELETE FROM facilitators WHERE id = ?", [removed_id])
        self._repo.checkpoint()
