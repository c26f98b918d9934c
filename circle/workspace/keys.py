"""Who holds the keys: unlocking, co-facilitators with their own passphrases, removal and passphrase changes.

Part of the Workspace facade (mixed into `circle.workspace.Workspace`); the UI and the CLI call these
through a workspace.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from circle.domain.clock import Clock
from circle.domain.errors import CircleError, InvalidInput
from circle.domain.text import sanitise_line
from circle.store.keys import FacilitatorRecord, KeySlot, KeyStore
from circle.store.repository import Repository
from circle.store.sealing import GroupSealer
from circle.store.session_log import SessionLog
from circle.vault import crypto, keyring
from circle.vault.crypto import associated_data
from circle.vault.errors import WrongPassphrase

HANDLE_MAX = 40  # how co-facilitators see you: a name, not a paragraph


class VaultLocked(CircleError):
    message = "The vault is locked; unlock it first."


class UnknownGroup(CircleError):
    message = "No group by that name in this vault (see 'circle group list')."


class PassphraseInUse(CircleError):
    """Saying so tells nothing the unlock screen doesn't: it too says whether a passphrase opens the vault."""

    message = "That passphrase already opens this vault; each facilitator needs their own."


@dataclass(frozen=True)
class FacilitatorEntry:
    id: str
    handle: str
    is_you: bool


def new_id() -> str:
    return uuid.uuid4().hex


def checked_handle(handle: str) -> str:
    handle = sanitise_line(handle)
    if not handle:
        raise InvalidInput("A handle cannot be empty.")
    if len(handle) > HANDLE_MAX:
        raise InvalidInput(f"A handle may be at most {HANDLE_MAX} characters.")
    return handle


def _handle_aad(facilitator_id: str) -> bytes:
    return associated_data(["facilitators", "handle", facilitator_id])


class FacilitatorKeys:
    """The unlocked facilitator's keys, and the facilitators of each group."""

    _repo: Repository
    _log: SessionLog
    clock: Clock

    def _init_keys(self, repository: Repository) -> None:
        self._keys = KeyStore(repository)
        self._facilitator_id: str | None = None
        self._handle: str | None = None
        self._personal_key: bytes | None = None
        self._sealers: dict[str, GroupSealer] = {}

    # state -----------------------------------------------------------------------
    @property
    def is_new(self) -> bool:
        return not self._keys.facilitators()

    @property
    def is_unlocked(self) -> bool:
        return self._personal_key is not None

    @property
    def facilitator_id(self) -> str:
        self._require_unlocked()
        return self._facilitator_id or ""

    @property
    def facilitator_handle(self) -> str:
        self._require_unlocked()
        return self._handle or ""

    def _require_unlocked(self) -> None:
        if self._personal_key is None:
            raise VaultLocked()

    def _sealer(self, group_id: str) -> GroupSealer:
        self._require_unlocked()
        try:
            return self._sealers[group_id]
        except KeyError:
            raise UnknownGroup() from None

    # creating and unlocking ---------------------------------------------------------
    def _new_facilitator(
        self, handle: str, passphrase: str, kdf: keyring.KdfParams | None
    ) -> tuple[FacilitatorRecord, bytes]:
        """A record with a fresh personal key wrapped under the passphrase; nothing is stored yet."""
        params = kdf or keyring.KdfParams()
        facilitator_id = new_id()
        salt = keyring.new_salt()
        personal_key = crypto.new_key()
        record = FacilitatorRecord(
            id=facilitator_id,
            created_at=self.clock.now().isoformat(),
            kdf_salt=salt,
            kdf=params,
            wrapped_key=keyring.wrap_personal_key(
                keyring.derive_kek(passphrase, salt, params), personal_key, facilitator_id
            ),
            handle=crypto.seal(personal_key, handle.encode("utf-8"), _handle_aad(facilitator_id)),
            public_key=keyring.facilitator_public_key(personal_key),
        )
        return record, personal_key

    def create_facilitator(self, handle: str, passphrase: str, *, kdf: keyring.KdfParams | None = None) -> None:
        """The vault's first facilitator, with their own passphrase; unlocks as them."""
        handle = checked_handle(sanitise_line(handle) or "Facilitator")
        record, personal_key = self._new_facilitator(handle, passphrase, kdf)
        self._keys.add_facilitator(record)
        self._become(record, personal_key, handle)

    def unlock(self, passphrase: str) -> None:
        """Try the passphrase against each facilitator's slot; a wrong one raises WrongPassphrase."""
        for record in self._keys.facilitators():
            personal_key = self._open_personal_key(record, passphrase)
            if personal_key is None:
                continue
            handle = crypto.open_sealed(
                personal_key, record.handle, _handle_aad(record.id), where="facilitators.handle"
            ).decode("utf-8")
            self._become(record, personal_key, handle)
            self._after_unlock()
            return
        raise WrongPassphrase()

    def _after_unlock(self) -> None:
        """Housekeeping once unlocked (the retention purge, in the workspace)."""

    def _can_write(self) -> bool:
        """False for a read-only view (the room display's), which must leave the vault as it is."""
        return True

    @staticmethod
    def _open_personal_key(record: FacilitatorRecord, passphrase: str) -> bytes | None:
        kek = keyring.derive_kek(passphrase, record.kdf_salt, record.kdf)
        try:
            return keyring.unwrap_personal_key(kek, record.wrapped_key, record.id)
        except WrongPassphrase:
            return None

    def _become(self, record: FacilitatorRecord, personal_key: bytes, handle: str) -> None:
        legacy = record.public_key is None
        if legacy and self._can_write():
            self._upgrade_slots(record, personal_key)
            legacy = False
        open_slot = keyring.unwrap_group_key if legacy else keyring.open_group_key
        versions = self._repo.group_key_versions()
        sealers = {}
        for slot in self._keys.key_slots(record.id):
            if versions.get(slot.group_id) != slot.key_version:
                continue  # a slot left from before a key change cannot open what is sealed now
            group_key = open_slot(personal_key, slot.wrapped_key, record.id, slot.group_id, slot.key_version)
            sealers[slot.group_id] = GroupSealer(slot.group_id, group_key, slot.key_version)
        self._facilitator_id, self._personal_key, self._handle = record.id, personal_key, handle
        self._sealers = sealers
        if self._can_write():
            self._name_in_groups(handle)

    def _upgrade_slots(self, record: FacilitatorRecord, personal_key: bytes) -> None:
        """Seal a vault's older key slots to the facilitator's public key, once, at their first unlock."""
        public_key = keyring.facilitator_public_key(personal_key)
        slots = []
        for slot in self._keys.key_slots(record.id):
            group_key = keyring.unwrap_group_key(
                personal_key, slot.wrapped_key, record.id, slot.group_id, slot.key_version
            )
            sealed = keyring.seal_group_key(public_key, group_key, record.id, slot.group_id, slot.key_version)
            slots.append(KeySlot(record.id, slot.group_id, slot.key_version, sealed))
        self._keys.upgrade(record.id, public_key, slots)

    def _name_in_groups(self, handle: str) -> None:
        """Make sure each of this facilitator's groups knows them by their handle (older vaults did not)."""
        assert self._facilitator_id is not None
        # Read from plain columns: this runs at every unlock, and opening every group's handles would be waste.
        named = self._keys.groups_naming(self._facilitator_id)
        for group_id, sealer in self._sealers.items():
            if group_id not in named:
                self._keys.add_handles(sealer, {self._facilitator_id: handle})

    def lock(self) -> None:
        """Drop every reference to keys. (Python cannot wipe memory; see docs/SECURITY.md.)"""
        self._facilitator_id = self._personal_key = self._handle = None
        self._sealers = {}

    def _slot_for(self, public_key: bytes, facilitator_id: str, sealer: GroupSealer) -> KeySlot:
        return KeySlot(
            facilitator_id=facilitator_id,
            group_id=sealer.group_id,
            key_version=sealer.key_version,
            wrapped_key=keyring.seal_group_key(
                public_key, sealer.key, facilitator_id, sealer.group_id, sealer.key_version
            ),
        )

    def _give_group_key(self, sealer: GroupSealer) -> None:
        """A slot for the unlocked facilitator, for a group they have just created or imported."""
        assert self._personal_key is not None and self._facilitator_id is not None and self._handle is not None
        public_key = keyring.facilitator_public_key(self._personal_key)
        self._keys.add_slot(self._slot_for(public_key, self._facilitator_id, sealer), sealer, self._handle)
        self._sealers[sealer.group_id] = sealer

    # the facilitators of a group -------------------------------------------------------
    def facilitators(self, group_id: str) -> list[FacilitatorEntry]:
        """Everyone who holds the group's key in this vault, in the order they were added."""
        sealer = self._sealer(group_id)
        handles = self._keys.handles(sealer)
        return [
            FacilitatorEntry(fid, handles.get(fid, ""), fid == self._facilitator_id)
            for fid in self._keys.holders(group_id)
        ]

    def facilitator_handles(self, group_id: str) -> dict[str, str]:
        """Facilitator id -> handle for everyone who has facilitated the group, here or elsewhere."""
        return self._keys.handles(self._sealer(group_id))

    def add_cofacilitator(
        self, group_id: str, handle: str, passphrase: str, *, kdf: keyring.KdfParams | None = None
    ) -> FacilitatorEntry:
        """Someone new, with their own passphrase and a key slot for this group only."""
        sealer = self._sealer(group_id)
        handle = checked_handle(handle)
        taken = {known.casefold() for known in self._keys.handles(sealer).values()}
        if handle.casefold() in taken:
            raise InvalidInput("Someone in this group already goes by that handle; choose another.")
        self._refuse_passphrase_in_use(passphrase)
        record, _ = self._new_facilitator(handle, passphrase, kdf)
        assert record.public_key is not None
        self._keys.add_facilitator(record, [self._slot_for(record.public_key, record.id, sealer)], [(sealer, handle)])
        return FacilitatorEntry(record.id, handle, is_you=False)

    def others_to_give(self, group_id: str) -> list[FacilitatorEntry]:
        """Facilitators of your other groups who do not hold this one: they can be given it as they are,
        with the passphrase they already have."""
        self._sealer(group_id)  # only a group you hold can be given
        holding = self._keys.holders(group_id)
        found: dict[str, FacilitatorEntry] = {}
        for other_id, sealer in self._sealers.items():
            if other_id == group_id:
                continue
            keys = self._keys.holders(other_id)
            for fid, handle in self._keys.handles(sealer).items():
                if keys.get(fid) is not None and fid not in holding:
                    found.setdefault(fid, FacilitatorEntry(fid, handle, is_you=False))
        return sorted(found.values(), key=lambda entry: entry.handle.casefold())

    def give_group(self, group_id: str, facilitator_id: str) -> FacilitatorEntry:
        """A key slot for this group, sealed to a facilitator who already opens another of your groups."""
        sealer = self._sealer(group_id)
        entry = next((each for each in self.others_to_give(group_id) if each.id == facilitator_id), None)
        public_key = self._keys.public_key(facilitator_id)
        if entry is None or public_key is None:
            raise InvalidInput("They already open this group, or facilitate none of your other groups.")
        self._keys.add_slot(self._slot_for(public_key, facilitator_id, sealer), sealer, entry.handle)
        return entry

    def _refuse_passphrase_in_use(self, passphrase: str, *, except_id: str | None = None) -> None:
        for record in self._keys.facilitators():
            if record.id != except_id and self._open_personal_key(record, passphrase) is not None:
                raise PassphraseInUse()

    def remove_facilitator(self, group_id: str, facilitator_id: str) -> None:
        """Take away a facilitator's key slot, and change the group's key so their old slot opens nothing new.

        Every sealed field of the group is sealed again under a new key, in one transaction, and the new key
        is sealed to each remaining facilitator's public key.
        """
        old = self._sealer(group_id)
        if facilitator_id == self._facilitator_id:
            raise InvalidInput("You cannot remove yourself; another facilitator of the group can.")
        holders = self._keys.holders(group_id)
        if facilitator_id not in holders:
            raise InvalidInput("They are not a facilitator of this group.")
        if group_id in self._log.open_sessions():
            raise CircleError("Close the meeting in progress before removing a facilitator.")
        remaining = {fid: key for fid, key in holders.items() if fid != facilitator_id}
        if any(key is None for key in remaining.values()):
            raise CircleError("Someone still to unlock since circle was updated holds this group; ask them to unlock once first.")
        new = GroupSealer(group_id, crypto.new_key(), old.key_version + 1)
        slots = [self._slot_for(key, fid, new) for fid, key in remaining.items() if key is not None]
        opens_other_groups = any(slot.group_id != group_id for slot in self._keys.key_slots(facilitator_id))
        self._keys.rotate(old, new, slots, facilitator_id, forget_removed=not opens_other_groups)
        self._sealers[group_id] = new

    def change_passphrase(
        self, current: str, new: str, *, kdf: keyring.KdfParams | None = None
    ) -> None:
        """Wrap this facilitator's personal key under a new passphrase; nothing else changes."""
        self._require_unlocked()
        # Held from the start: locking during the slow derivations below must not pull the key away.
        facilitator_id, personal_key = self._facilitator_id, self._personal_key
        assert facilitator_id is not None and personal_key is not None
        mine = next(record for record in self._keys.facilitators() if record.id == facilitator_id)
        if self._open_personal_key(mine, current) is None:
            raise WrongPassphrase()
        self._refuse_passphrase_in_use(new, except_id=mine.id)
        params = kdf or mine.kdf
        salt = keyring.new_salt()
        kek = keyring.derive_kek(new, salt, params)
        self._keys.rewrap(mine.id, salt, params, keyring.wrap_personal_key(kek, personal_key, mine.id))
