"""The unlocked facilitator's keys: their personal key, and a sealer for each group they hold.

Everything else in the workspace asks the keyring for a group's sealer; locking drops them all at once.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable, Mapping
from contextlib import suppress
from functools import partial
from typing import TYPE_CHECKING

from circle.domain.errors import CircleError
from circle.language import N_
from circle.store.errors import VaultChangedOutside, VaultNeedsUpdate, VaultTooNew
from circle.store.format_versions import CURRENT_GROUP_FORMAT
from circle.store.integrity import COUNTED_AT_UNLOCK, GROUP_ITSELF, PARTS
from circle.store.keys import FacilitatorRecord, KeySlot, KeyStore, slot_for
from circle.store.manifests import Manifests, Sealed
from circle.store.read_ahead import RowsReadAhead
from circle.store.repository import Repository
from circle.store.sealing import GroupSealer
from circle.vault import keyring
from circle.vault.crypto import PADDED_SEAL_VERSION, seal_version
from circle.vault.errors import SealBroken, WrongPassphrase
from circle.workspace.facilitator_record import OwnRecord, Seen, held_keys, seal_record, slot_digest
from circle.workspace.refusals import UnknownGroup, VaultLocked

if TYPE_CHECKING:
    from circle.workspace.derivation import OpenedKey, UnlockAttempt

_ALL_PARTS = frozenset(part.name for part in PARTS)


def _parts(reads: Iterable[str]) -> frozenset[str]:
    """The parts a read names, each one of integrity.PARTS: a name mistyped (or one name given as a string, read
    as its letters) would compare nothing."""
    named = frozenset(reads)
    if not named <= _ALL_PARTS:
        raise ValueError("a read names a part no manifest has")
    return named


class YourKeyChanged(CircleError):
    """The clear public key beside your record is not the one your personal key makes: someone wrote it."""

    message = N_(
        "The public key stored for you is not the one your passphrase opens; the file may have been changed."
        " Nothing was written: restore the vault from a copy you trust."
    )


def your_public_key(own: OwnRecord, personal_key: bytes) -> bytes:
    """The public key the personal key makes: as their own record keeps it, or made again (X25519) from an older
    record, which does not keep it."""
    return own.public_key or keyring.facilitator_public_key(personal_key)


def refuse_a_changed_key(opened: OpenedKey) -> None:
    """Refuse to unlock over a swapped public key rather than mend it: mending would hide that the file was
    written by someone without a passphrase, and nothing is sealed to the clear key unchecked anyway. A key taken
    away is refused too, once their own record keeps it: without one, the vault would pass for one from before
    public keys (7.4)."""
    stored = opened.record.public_key
    if stored is None:
        if opened.own.public_key is not None:
            raise YourKeyChanged()
    elif stored != your_public_key(opened.own, opened.personal_key):
        raise YourKeyChanged()


def _load_unlocking() -> None:
    """What the unlock needs once the key is there, loaded while it is derived (which leaves Python free): the
    checks. Whatever fails here fails again, and is said, where it is needed."""
    with suppress(Exception):
        from circle.workspace import unlock_checks  # noqa: F401


def _slot_opener(
    facilitator_id: str, personal_key: bytes, own: OwnRecord, legacy: bool
) -> Callable[[KeySlot], bytes]:
    """The group key of each of their current slots: from their own record where it keeps the key of that very
    slot, so an everyday unlock needs no X25519; otherwise the slot opened (sealed to their public key, or, in an
    older vault, under their personal key: 7.4), its X25519 key made at the first slot that needs it. A key
    version has one key: a slot that opens to another than the one their record keeps for its version was sealed
    to them by someone else (anyone can seal to a public key), and is refused."""
    open_slot: Callable[[bytes, str, str, int], bytes] | None = None

    def group_key(slot: KeySlot) -> bytes:
        nonlocal open_slot
        held = own.keys.get(slot.group_id)
        kept = held is not None and held.version == slot.key_version
        if kept and held.slot == slot_digest(slot.wrapped_key):
            return held.key
        if open_slot is None:
            legacy_slot = partial(keyring.unwrap_group_key, personal_key)
            open_slot = legacy_slot if legacy else keyring.group_key_opener(personal_key)
        key = open_slot(slot.wrapped_key, facilitator_id, slot.group_id, slot.key_version)
        if kept and key != held.key:
            raise SealBroken("a key slot")
        return key

    return group_key


class Keyring:
    """Who is unlocked, and the sealers of the groups they hold. `can_write` is False for a read-only view
    (the room display's), which must leave the vault as it is."""

    def __init__(self, repository: Repository, *, can_write: bool) -> None:
        self._repo = repository
        self.keys = KeyStore(repository)
        self.can_write = can_write
        self.facilitator_id: str | None = None
        self.handle: str | None = None
        self.personal_key: bytes | None = None
        self.public_key: bytes | None = None  # the one the personal key makes, kept in their own record
        self.sealers: dict[str, GroupSealer] = {}
        self._slots: dict[str, bytes] = {}  # group id -> this facilitator's key slot, sealed, as last seen
        self._seen: dict[str, tuple[int, int]] = {}
        self._read_ahead: RowsReadAhead | None = None
        self._loading: threading.Thread | None = None
        self._at_unlock: frozenset[str] | None = None  # the parts the unlock under way compares (None: all)
        self._unchecked: dict[str, frozenset[str]] = {}  # group id -> parts of its rows not compared yet
        if can_write:
            repository.manifests = Manifests(lambda group_id: self.sealers.get(group_id), self._on_sealed)

    # state -------------------------------------------------------------------------
    @property
    def is_unlocked(self) -> bool:
        return self.personal_key is not None

    def require_unlocked(self) -> None:
        if self.personal_key is None:
            raise VaultLocked()

    def sealer(self, group_id: str, *, reads: Iterable[str] | None = None) -> GroupSealer:
        """The group's sealer, to read `reads` of its rows (parts named in store/integrity.py; None: any). A view
        unlocked with its rows compared as read compares the parts read with the group's manifest first."""
        self.require_unlocked()
        try:
            sealer = self.sealers[group_id]
        except KeyError:
            raise UnknownGroup() from None
        named = None if reads is None else _parts(reads)
        unchecked = self._unchecked.get(group_id)
        if unchecked:
            self._compare(sealer, unchecked if named is None else unchecked & named)
        return sealer

    def _compare(self, sealer: GroupSealer, parts: frozenset[str]) -> None:
        """Compare these parts of the group's rows with its manifest, in one snapshot of the vault (a running
        circle's write between reading the one and the other would look like a change); VaultChangedOutside
        if they differ, and again at every later read of them."""
        if not parts:
            return
        conn = self._repo.conn
        conn.execute("BEGIN")
        try:
            checked = Manifests.check(conn, sealer, parts=parts)
        finally:
            conn.execute("COMMIT")
        if checked.changed:
            raise VaultChangedOutside(checked.changed)
        self._unchecked[sealer.group_id] -= parts

    def group_ids(self) -> list[str]:
        self.require_unlocked()
        return list(self.sealers)

    # unlocking and locking -------------------------------------------------------------
    def unlock(self, passphrase: str, *, accept_changes: bool = False) -> None:
        """Try the passphrase against each facilitator's slot; a wrong one raises WrongPassphrase."""
        self.finish_unlock(self.begin_unlock().open_with(passphrase), accept_changes=accept_changes)

    def begin_unlock(self, *, rows_as_read: bool = False) -> UnlockAttempt:
        """What a passphrase is tried against, read from the vault; trying it (slow) needs no vault.

        The rows the check at unlock compares with each group's manifest are read meanwhile, on a thread of
        their own (store/read_ahead.py): on a vault of years that is most of an unlock's own work.

        `rows_as_read`, for a read-only view alone: only what each group is (integrity.GROUP_ITSELF) is
        compared at unlock, with the number of its meetings, and the rest of its rows as they are first read
        (`sealer`). A report from the counts each group keeps (which are checked against its manifest themselves)
        then reads no meeting at all."""
        # Loaded here, as a passphrase is tried: the unlock screen paints without them.
        from circle.workspace.derivation import UnlockAttempt

        if rows_as_read and self.can_write:
            raise ValueError("only a read-only view compares its rows as they are read")
        self._at_unlock = GROUP_ITSELF if rows_as_read else None
        self._let_go_of_read_ahead()  # a passphrase tried before, and refused
        self._read_ahead = RowsReadAhead(self._repo.conn, self._repo.path, self._at_unlock)
        self._loading = threading.Thread(target=_load_unlocking, daemon=True, name="circle-unlock-load")
        self._loading.start()
        return UnlockAttempt(tuple(self.keys.facilitators()))

    def finish_unlock(self, opened: OpenedKey | None, *, accept_changes: bool = False) -> None:
        """Become whom the passphrase opened; None (it opened no one) raises WrongPassphrase."""
        loading, self._loading = self._loading, None
        if loading is not None:
            loading.join()  # done long before: the derivation takes far longer
        if opened is None:
            raise WrongPassphrase()
        refuse_a_changed_key(opened)
        self.become(opened.record, opened.personal_key, opened.own, accept_changes=accept_changes)

    def become(
        self, record: FacilitatorRecord, personal_key: bytes, own: OwnRecord, *, accept_changes: bool = False
    ) -> None:
        """Unlock as this facilitator, whose own record says what they last saw of their groups and holds their
        keys. Each group they hold is checked first, and nothing is written while anything is not as circle left
        it (VaultChangedOutside), unless they accept the vault as it is."""
        from circle.workspace.unlock_checks import changes_outside, open_slots

        seen = dict(own.seen)
        handle = own.handle
        read_ahead, self._read_ahead = self._read_ahead, None  # good for one check: the vault moves on after it
        compared, self._at_unlock = self._at_unlock, None
        if compared is not None and accept_changes:
            raise ValueError("a view that compares its rows as read accepts no changes: it writes nothing")
        legacy = record.public_key is None
        if legacy and self.can_write:
            self._upgrade_slots(record, personal_key)
            legacy = False
        formats = self._repo.group_formats()
        slots = self.keys.key_slots(record.id)
        held = open_slots(slots, formats, _slot_opener(record.id, personal_key, own, legacy))
        if any(found > CURRENT_GROUP_FORMAT for found in held.formats.values()):
            raise VaultTooNew(self._repo.path)
        counted = frozenset() if compared is None else COUNTED_AT_UNLOCK
        found_rows = read_ahead.digests if read_ahead else None
        found = changes_outside(self._repo, held, seen, formats, found_rows, compared, counted)
        if found.changed and not accept_changes:
            raise VaultChangedOutside(found.changed)
        older = {gid: format_ for gid, format_ in held.formats.items() if format_ < CURRENT_GROUP_FORMAT}
        if older and not self.can_write:
            raise VaultNeedsUpdate(self._repo.path)  # a reader of the older rows would misread them
        # From here on each write seals the manifests of the groups it changes, and this facilitator's record.
        self.facilitator_id, self.personal_key, self.handle = record.id, personal_key, handle
        self.public_key = your_public_key(own, personal_key)
        self.sealers, self._seen = held.sealers, found.seen
        self._slots = {slot.group_id: slot.wrapped_key for slot in slots if slot.group_id in held.sealers}
        self._unchecked = {} if compared is None else {group_id: _ALL_PARTS - compared for group_id in held.sealers}
        if self.can_write:
            try:
                self._bring_up_to_date(record, older, accept_changes and bool(found.changed), keep=own)
            except BaseException:
                self.lock()
                raise
            self._name_in_groups(handle)

    def _bring_up_to_date(
        self, record: FacilitatorRecord, older: dict[str, int], accepted: bool, keep: OwnRecord
    ) -> None:
        """The writes an unlock may need: accepted changes vouched for, older groups in today's format, a first
        manifest for each group without one, and this facilitator's record of what they saw and hold. All in one
        transaction: an older group that cannot be brought up to date leaves the vault as the unlock found it."""
        without_manifest = {row[0] for row in self._repo.rows("SELECT id FROM groups WHERE manifest IS NULL")}
        vouch_for = list(self.sealers.values()) if accepted else [
            sealer for group_id, sealer in self.sealers.items() if group_id in without_manifest
        ]
        with self._repo.writing():
            if vouch_for:
                assert self._repo.manifests is not None
                self._repo.manifests.seal_whole(self._repo.conn, vouch_for)
            if older:
                from circle.store.upgrades import upgrade_groups  # older vaults only: loaded when one is opened

                upgrade_groups(self._repo, [self.sealers[gid] for gid in older], older)
            now = OwnRecord(
                self.handle or "", self._seen, held_keys(self.sealers.values(), self._slots), self.public_key
            )
            if now != keep or seal_version(record.handle) != PADDED_SEAL_VERSION:
                self.keys.set_handle(record.id, self._sealed_record())
        if older:
            self._repo.checkpoint()  # no copy of the older rows left in the write-ahead log

    def _sealed_record(self, sealed: Mapping[str, GroupSealer] | None = None, *, without: str | None = None) -> bytes:
        """Their own record as it stands, with the keys a transaction has just sealed with (a group being made, a
        key being changed; the keyring holds them once it commits), and without the group `without`."""
        assert self.personal_key is not None and self.facilitator_id is not None and self.handle is not None
        assert self.public_key is not None
        seen = {group_id: pair for group_id, pair in self._seen.items() if group_id != without}
        sealers = {**self.sealers, **(sealed or {})}
        keys = held_keys((sealer for group_id, sealer in sealers.items() if group_id != without), self._slots)
        return seal_record(self.personal_key, self.facilitator_id, self.handle, seen, keys, self.public_key)

    def _on_sealed(self, conn: sqlite3.Connection, sealed: Sealed) -> None:
        """Manifests were sealed in this transaction: this facilitator's record of them moves on with them."""
        if self.personal_key is None:
            return
        sealers = {group_id: sealer for group_id, (sealer, _) in sealed.items()}
        self._seen.update({group_id: (sealer.key_version, generation) for group_id, (sealer, generation) in
                           sealed.items()})
        self._take_slots(self.keys.slots_of(conn, self.facilitator_id, sealers), sealers)
        self._write_record(conn, self._sealed_record(sealers))

    def _take_slots(self, found: dict[str, bytes], sealers: Mapping[str, GroupSealer]) -> None:
        """Their slots of the groups a transaction sealed, each taken into their record once it is known to hold
        the key it was sealed with: a slot other than the one last seen (written by this transaction, or by
        something else meanwhile) is opened first. One that does not open to that key refuses the write
        (SealBroken), as it would refuse the next unlock."""
        assert self.personal_key is not None and self.facilitator_id is not None
        for group_id, slot in found.items():
            if self._slots.get(group_id) == slot:
                continue
            sealer = sealers[group_id]
            opened = keyring.open_group_key(self.personal_key, slot, self.facilitator_id, group_id, sealer.key_version)
            if opened != sealer.key:
                raise SealBroken("a key slot")
            self._slots[group_id] = slot

    def _write_record(self, conn: sqlite3.Connection, sealed: bytes) -> None:
        conn.execute("UPDATE facilitators SET handle = ? WHERE id = ?", [sealed, self.facilitator_id])

    def _upgrade_slots(self, record: FacilitatorRecord, personal_key: bytes) -> None:
        """Seal a vault's older key slots to the facilitator's public key, once, at their first unlock."""
        public_key = keyring.facilitator_public_key(personal_key)
        slots = []
        for slot in self.keys.key_slots(record.id):
            group_key = keyring.unwrap_group_key(
                personal_key, slot.wrapped_key, record.id, slot.group_id, slot.key_version
            )
            sealed = keyring.seal_group_key(public_key, group_key, record.id, slot.group_id, slot.key_version)
            slots.append(KeySlot(record.id, slot.group_id, slot.key_version, sealed))
            if self._repo.manifests is not None:
                self._repo.manifests.sealing_with(GroupSealer(slot.group_id, group_key, slot.key_version))
        self.keys.upgrade(record.id, public_key, slots)

    def _name_in_groups(self, handle: str) -> None:
        """Make sure each of this facilitator's groups knows them by their handle (older vaults did not)."""
        assert self.facilitator_id is not None
        # Read from plain columns: this runs at every unlock, and opening every group's handles would be waste.
        named = self.keys.groups_naming(self.facilitator_id)
        for group_id, sealer in self.sealers.items():
            if group_id not in named:
                self.keys.add_handles(sealer, {self.facilitator_id: handle})
        self._vouch_in_groups()

    def _vouch_in_groups(self) -> None:
        """Each group this facilitator holds trusts their own public key, made here from their personal key, so
        authentic (groups of older vaults, and groups given before the key directory, had no entry)."""
        assert self.facilitator_id is not None and self.public_key is not None
        self.keys.vouch(self.facilitator_id, self.public_key, self.sealers.values())

    def lock(self) -> None:
        """Drop every reference to keys. (Python cannot wipe memory; see docs/SECURITY.md.)"""
        self.facilitator_id = self.personal_key = self.public_key = self.handle = None
        self.sealers = {}
        self._seen = {}
        self._slots = {}
        self._unchecked = {}
        self._let_go_of_read_ahead()
        if self._repo.manifests is not None:
            self._repo.manifests.forget()

    def _let_go_of_read_ahead(self) -> None:
        """An unlock that did not finish leaves its reading of the rows behind: it ends before the vault closes."""
        read_ahead, self._read_ahead = self._read_ahead, None
        if read_ahead is not None:
            read_ahead.finish()

    @property
    def seen(self) -> Seen:
        """What this facilitator has seen of each group they hold: key version and manifest generation."""
        return dict(self._seen)

    def record_without(self, conn: sqlite3.Connection, group_id: str) -> None:
        """A group this facilitator holds is being deleted: inside that transaction, their record stops
        expecting it, so their next unlock does not report it as taken away. `let_go` follows the commit."""
        self._write_record(conn, self._sealed_record(without=group_id))

    def let_go(self, group_id: str) -> None:
        """The group is gone: its key and what was seen of it are dropped."""
        self.sealers.pop(group_id, None)
        self._seen.pop(group_id, None)
        self._slots.pop(group_id, None)

    # key slots --------------------------------------------------------------------------
    def give_group_key(self, sealer: GroupSealer) -> None:
        """A slot for the unlocked facilitator, for a group they have just created or imported."""
        assert self.public_key is not None and self.facilitator_id is not None and self.handle is not None
        public_key = self.public_key
        self.keys.add_slot(slot_for(public_key, self.facilitator_id, sealer), sealer, self.handle, public_key)
        self.sealers[sealer.group_id] = sealer
