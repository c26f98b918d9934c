"""The unlocked facilitator's keys: their personal key, and a sealer for each group they hold.

Everything else in the workspace asks the keyring for a group's sealer; locking drops them all at once.
"""

from __future__ import annotations

from circle.domain.errors import CircleError
from circle.store.keys import FacilitatorRecord, KeySlot, KeyStore, slot_for
from circle.store.repository import Repository
from circle.store.errors import VaultNeedsUpdate, VaultTooNew
from circle.store.sealing import CURRENT_GROUP_FORMAT, GroupSealer
from circle.store.upgrades import upgrade_groups
from circle.vault import keyring
from circle.vault.crypto import PADDED_SEAL_VERSION, seal_version
from circle.vault.errors import WrongPassphrase
from circle.workspace.derivation import OpenedKey, UnlockAttempt, seal_handle


class VaultLocked(CircleError):
    message = "The vault is locked; unlock it first."


class UnknownGroup(CircleError):
    message = "No group by that name in this vault (see 'circle group list')."


class YourKeyChanged(CircleError):
    """The clear public key beside your record is not the one your personal key makes: someone wrote it."""

    message = (
        "The public key stored for you is not the one your passphrase opens; the file may have been changed."
        " Nothing was written: restore the vault from a copy you trust."
    )


def refuse_a_changed_key(opened: OpenedKey) -> None:
    """Refuse to unlock over a swapped public key rather than mend it: mending would hide that the file was
    written by someone without a passphrase, and nothing is sealed to the clear key unchecked anyway."""
    stored = opened.record.public_key
    if stored is not None and stored != keyring.facilitator_public_key(opened.personal_key):
        raise YourKeyChanged()


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
        self.sealers: dict[str, GroupSealer] = {}

    # state -------------------------------------------------------------------------
    @property
    def is_unlocked(self) -> bool:
        return self.personal_key is not None

    def require_unlocked(self) -> None:
        if self.personal_key is None:
            raise VaultLocked()

    def sealer(self, group_id: str) -> GroupSealer:
        self.require_unlocked()
        try:
            return self.sealers[group_id]
        except KeyError:
            raise UnknownGroup() from None

    def group_ids(self) -> list[str]:
        self.require_unlocked()
        return list(self.sealers)

    # unlocking and locking -------------------------------------------------------------
    def unlock(self, passphrase: str) -> None:
        """Try the passphrase against each facilitator's slot; a wrong one raises WrongPassphrase."""
        self.finish_unlock(self.begin_unlock().open_with(passphrase))

    def begin_unlock(self) -> UnlockAttempt:
        """What a passphrase is tried against, read from the vault; trying it (slow) needs no vault."""
        return UnlockAttempt(tuple(self.keys.facilitators()))

    def finish_unlock(self, opened: OpenedKey | None) -> None:
        """Become whom the passphrase opened; None (it opened no one) raises WrongPassphrase."""
        if opened is None:
            raise WrongPassphrase()
        refuse_a_changed_key(opened)
        self.become(opened.record, opened.personal_key, opened.handle)

    def become(self, record: FacilitatorRecord, personal_key: bytes, handle: str) -> None:
        legacy = record.public_key is None
        if legacy and self.can_write:
            self._upgrade_slots(record, personal_key)
            legacy = False
        open_slot = keyring.unwrap_group_key if legacy else keyring.open_group_key
        formats = self._repo.group_formats()
        sealers, older = {}, {}
        for slot in self.keys.key_slots(record.id):
            group = formats.get(slot.group_id)
            if group is None or group.key_version != slot.key_version:
                continue  # a slot left from before a key change cannot open what is sealed now
            if group.format > CURRENT_GROUP_FORMAT:
                raise VaultTooNew(self._repo.path)
            group_key = open_slot(personal_key, slot.wrapped_key, record.id, slot.group_id, slot.key_version)
            sealers[slot.group_id] = GroupSealer(slot.group_id, group_key, slot.key_version)
            if group.format < CURRENT_GROUP_FORMAT:
                older[slot.group_id] = group.format
        if older:
            # Only a writer can bring them up to date; a reader of the old rows would misread them.
            if not self.can_write:
                raise VaultNeedsUpdate(self._repo.path)
            upgrade_groups(self._repo, [sealers[group_id] for group_id in older], older)
        if self.can_write and seal_version(record.handle) != PADDED_SEAL_VERSION:
            self.keys.set_handle(record.id, seal_handle(personal_key, record.id, handle))
        self.facilitator_id, self.personal_key, self.handle = record.id, personal_key, handle
        self.sealers = sealers
        if self.can_write:
            self._name_in_groups(handle)

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
        assert self.facilitator_id is not None and self.personal_key is not None
        mine = keyring.facilitator_public_key(self.personal_key)
        self.keys.vouch(self.facilitator_id, mine, self.sealers.values())

    def lock(self) -> None:
        """Drop every reference to keys. (Python cannot wipe memory; see docs/SECURITY.md.)"""
        self.facilitator_id = self.personal_key = self.handle = None
        self.sealers = {}

    # key slots --------------------------------------------------------------------------
    def give_group_key(self, sealer: GroupSealer) -> None:
        """A slot for the unlocked facilitator, for a group they have just created or imported."""
        assert self.personal_key is not None and self.facilitator_id is not None and self.handle is not None
        public_key = keyring.facilitator_public_key(self.personal_key)
        self.keys.add_slot(slot_for(public_key, self.facilitator_id, sealer), sealer, self.handle, public_key)
        self.sealers[sealer.group_id] = sealer
