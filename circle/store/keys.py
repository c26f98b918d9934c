"""Facilitators, their key slots, and each group's list of facilitators: the rows that decide who opens what.

Also the one place a group's data is sealed again under a new key, when a facilitator is removed, and the one
place a facilitator's key slots are replaced, when their passphrase (and so their key pair) changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from circle.store.key_directory import (
    TABLE,
    checked_key,
    open_trusted_key,
    seal_trusted_key,
)
from circle.vault.errors import SealBroken
from circle.vault.keyring import KdfParams, seal_group_key

if TYPE_CHECKING:
    import sqlite3

    from sqlite_utils import Database

    from circle.domain.signing import SigningKey
    from circle.store.repository import Repository
    from circle.store.sealing import GroupSealer


class FacilitatorRecord(NamedTuple):
    id: str
    created_at: str
    kdf_salt: bytes
    kdf: KdfParams
    wrapped_key: bytes
    handle: bytes  # sealed under their own personal key
    public_key: bytes | None = None  # None: key slots still wrapped the older way, until their next unlock


class KeySlot(NamedTuple):
    facilitator_id: str
    group_id: str
    key_version: int
    wrapped_key: bytes


def slot_for(public_key: bytes, facilitator_id: str, sealer: GroupSealer) -> KeySlot:
    """The group's key, sealed to one facilitator's public key."""
    return KeySlot(
        facilitator_id=facilitator_id,
        group_id=sealer.group_id,
        key_version=sealer.key_version,
        wrapped_key=seal_group_key(public_key, sealer.key, facilitator_id, sealer.group_id, sealer.key_version),
    )


class SealedColumn(NamedTuple):
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
    SealedColumn("groups", "manifest", "id", "id = ? AND manifest IS NOT NULL"),
    SealedColumn("groups", "signing", "id", "id = ? AND signing IS NOT NULL"),
    SealedColumn("groups", "discarded", "id", "id = ? AND discarded IS NOT NULL"),
    SealedColumn("members", "name", "id", "group_id = ? AND name IS NOT NULL"),
    SealedColumn("members", "details", "id", "group_id = ? AND details IS NOT NULL"),
    SealedColumn("sessions", "summary", "id", "group_id = ? AND summary IS NOT NULL"),
    SealedColumn("sessions", "attendance", "id", "group_id = ? AND attendance IS NOT NULL"),
    SealedColumn("notes", "body", "id", "group_id = ?"),
    SealedColumn(
        "session_events", "data", "id", "session_id IN (SELECT id FROM sessions WHERE group_id = ?)"
    ),
    SealedColumn("group_facilitators", "handle", "facilitator_id", "group_id = ?"),
    SealedColumn("group_facilitators", "public_key", "facilitator_id", "group_id = ? AND public_key IS NOT NULL"),
)


def _key_columns(record: FacilitatorRecord) -> dict[str, object]:
    """What a passphrase decides in a facilitator's row: how it is stretched, and all that is sealed under it."""
    return {
        "kdf_salt": record.kdf_salt,
        "kdf_memory_kib": record.kdf.memory_kib,
        "kdf_iterations": record.kdf.iterations,
        "kdf_lanes": record.kdf.lanes,
        "wrapped_key": record.wrapped_key,
        "handle": record.handle,
        "public_key": record.public_key,
    }


def seal_again(db: Database, old: GroupSealer, new: GroupSealer) -> None:
    """Every sealed field of the group, opened with `old` and sealed with `new`; its kept trend history and counts
    are let go (store/trend_history.py): derived, worked out again when next asked for, and in no manifest, so that
    a row there, whatever it holds, can never stop a key from changing."""
    group_id = old.group_id
    db.execute("DELETE FROM trend_history WHERE group_id = ?", [group_id])
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
        """A facilitator with their key slots, and their handle and trusted key in each group, in one transaction.

        Their public key was made from the personal key just chosen, so each group may trust it as it is."""
        with self._repo.writing() as db:
            db["facilitators"].insert({"id": record.id, "created_at": record.created_at, **_key_columns(record)})
            db["key_slots"].insert_all(slot._asdict() for slot in slots)
            for sealer, handle in handles:
                self._upsert_handle(db, sealer, record.id, handle)
                if record.public_key is not None:
                    self._trust(db, sealer, record.id, record.public_key)

    def replace_personal_key(
        self, record: FacilitatorRecord, slots: list[KeySlot], trusted: dict[str, bytes]
    ) -> None:
        """A new passphrase is a new personal key: its wrapping, the handle sealed under it, the public key, the
        slots sealed to that key and each group's trusted entry (group id -> sealed) change in one transaction."""
        assert record.public_key is not None
        with self._repo.writing() as db:
            db["facilitators"].update(record.id, _key_columns(record))
            db["key_slots"].upsert_all((slot._asdict() for slot in slots), pk=("facilitator_id", "group_id"))
            for group_id, sealed in trusted.items():
                self._set_trusted(db, group_id, record.id, sealed)

    def set_handle(self, facilitator_id: str, sealed_handle: bytes) -> None:
        """The facilitator's own record (their handle and what they last saw), sealed again under their key."""
        with self._repo.writing() as db:
            db["facilitators"].update(facilitator_id, {"handle": sealed_handle})

    def upgrade(self, facilitator_id: str, public_key: bytes, slots: list[KeySlot]) -> None:
        """Store a facilitator's public key and their slots sealed to it, replacing the older ones."""
        with self._repo.writing() as db:
            db["facilitators"].update(facilitator_id, {"public_key": public_key})
            db["key_slots"].upsert_all((slot._asdict() for slot in slots), pk=("facilitator_id", "group_id"))

    # key slots -------------------------------------------------------------------
    def key_slots(self, facilitator_id: str) -> list[KeySlot]:
        rows = self._repo.rows(
            "SELECT facilitator_id, group_id, key_version, wrapped_key FROM key_slots WHERE facilitator_id = ?",
            [facilitator_id],
        )
        return [KeySlot(*row) for row in rows]

    @staticmethod
    def slots_of(conn: sqlite3.Connection, facilitator_id: str, group_ids: Iterable[str]) -> dict[str, bytes]:
        """Group id -> the facilitator's sealed key slot, for those of `group_ids` they have one for, read in the
        transaction under way."""
        return {
            group_id: row[0]
            for group_id in group_ids
            for row in conn.execute(
                "SELECT wrapped_key FROM key_slots WHERE facilitator_id = ? AND group_id = ?",
                [facilitator_id, group_id],
            )
        }

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

    def add_slot(self, slot: KeySlot, sealer: GroupSealer, handle: str, public_key: bytes) -> None:
        """A slot, with the holder's handle and the key it was sealed to as the group's trusted entry for them."""
        with self._repo.writing() as db:
            db["key_slots"].insert(slot._asdict())
            self._upsert_handle(db, sealer, slot.facilitator_id, handle)
            self._trust(db, sealer, slot.facilitator_id, public_key)

    # the key directory ---------------------------------------------------------------
    def trusted_keys(self, sealer: GroupSealer) -> dict[str, bytes]:
        """Facilitator id -> the public key this group trusts for them (those not yet vouched for are absent)."""
        rows = self._repo.rows(
            f"SELECT facilitator_id, public_key FROM {TABLE} WHERE group_id = ? AND public_key IS NOT NULL",
            [sealer.group_id],
        )
        return {fid: open_trusted_key(sealer, fid, sealed) for fid, sealed in rows}

    def key_to_seal_to(self, sealer: GroupSealer, facilitator_id: str) -> bytes:
        """The public key to seal the group's key to: the trusted one, if the clear column agrees with it.

        KeyNotTrusted or NotYetVouched otherwise, before anything is written."""
        return checked_key(self.public_key(facilitator_id), self.trusted_keys(sealer).get(facilitator_id))

    def vouch(self, facilitator_id: str, public_key: bytes, sealers: Iterable[GroupSealer]) -> None:
        """Each group trusts `public_key` for this facilitator; written only where it does not already."""
        stored = dict(
            self._repo.rows(f"SELECT group_id, public_key FROM {TABLE} WHERE facilitator_id = ?", [facilitator_id])
        )
        missing = {}
        for sealer in sealers:
            sealed = stored.get(sealer.group_id)
            try:
                if sealed is not None and open_trusted_key(sealer, facilitator_id, sealed) == public_key:
                    continue
            except SealBroken:
                pass  # an entry that does not open is replaced by the one this facilitator's own key makes
            missing[sealer.group_id] = seal_trusted_key(sealer, facilitator_id, public_key)
        if missing:
            with self._repo.writing() as db:
                for group_id, entry in missing.items():
                    self._set_trusted(db, group_id, facilitator_id, entry)

    @classmethod
    def _trust(cls, db: Database, sealer: GroupSealer, facilitator_id: str, public_key: bytes) -> None:
        cls._set_trusted(db, sealer.group_id, facilitator_id, seal_trusted_key(sealer, facilitator_id, public_key))

    @staticmethod
    def _set_trusted(db: Database, group_id: str, facilitator_id: str, sealed: bytes | None) -> None:
        db.execute(
            f"UPDATE {TABLE} SET public_key = ? WHERE group_id = ? AND facilitator_id = ?",
            [sealed, group_id, facilitator_id],
        )

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
        self, old: GroupSealer, new: GroupSealer, slots: list[KeySlot], removed_id: str, forget_removed: bool,
        signing: SigningKey,
    ) -> None:
        """Seal every field of the group again under `new`, give the remaining facilitators slots for it, keep
        `signing` as the group's signing key, and drop the removed facilitator's slot (and their record, when it
        opened nothing else). One transaction.
        """
        # Loaded for a removal only, not at start-up.
        from circle.store.signing_keys import seal_signing_key

        group_id = old.group_id
        if self._repo.manifests is not None:
            self._repo.manifests.sealing_with(new)
        with self._repo.writing() as db:
            self._set_trusted(db, group_id, removed_id, None)  # the group no longer trusts the removed one's key
            seal_again(db, old, new)
            db["groups"].update(group_id, {"key_version": new.key_version, "signing": seal_signing_key(new, signing)})
            db.execute("DELETE FROM key_slots WHERE group_id = ?", [group_id])
            db["key_slots"].insert_all(slot._asdict() for slot in slots)
            if forget_removed:
                db.execute("DELETE FROM facilitators WHERE id = ?", [removed_id])
        self._repo.checkpoint()
