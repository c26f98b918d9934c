"""The unlocked facilitator's keys: their personal key, and a sealer for each group they hold.

Everything else in the workspace asks the keyring for a group's sealer; locking drops them all at once.
"""

from __future__ import annotations

from circle.domain.errors import CircleError
from circle.store.keys import FacilitatorRecord, KeySlot, KeyStore, slot_for
from circle.store.repository import Repository
from circle.store.errors import VaultNeedsUpdate, VaultTooNew
from circle.store.sealing import CURRENT_GROUP_FORMAT, GroupSealer
from circle.store.manifests import Manifests, VaultChangedOutside
from circle.store.upgrades import upgrade_groups
from circle.vault import keyring
from circle.vault.crypto import PADDED_SEAL_VERSION, seal_version
from circle.vault.errors import WrongPassphrase
from circle.workspace.derivation import OpenedKey, UnlockAttempt, seal_handle
from circle.workspace.unlock_checks import changes_outside, open_slots, open_vouched, seal_vouched, vouch


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
        self._vouched: dict[str, int] = {}
        if can_write:
            repository.manifests = Manifests(lambda group_id: self.sealers.get(group_id))

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
    def unlock(self, passphrase: str, *, accept_changes: bool = False) -> None:
        """Try the passphrase against each facilitator's slot; a wrong one raises WrongPassphrase."""
        self.finish_unlock(self.begin_unlock().open_with(passphrase), accept_changes=accept_changes)

    def begin_unlock(self) -> UnlockAttempt:
        """What a passphrase is tried against, read from the vault; trying it (slow) needs no vault."""
        return UnlockAttempt(tuple(self.keys.facilitators()))

    def finish_unlock(self, opened: OpenedKey | None, *, accept_changes: bool = False) -> None:
        """Become whom the passphrase opened; None (it opened no one) raises WrongPassphrase."""
        if opened is None:
            raise WrongPassphrase()
        refuse_a_changed_key(opened)
        self.become(opened.record, opened.personal_key, opened.handle, accept_changes=accept_changes)

    def become(
        self, record: FacilitatorRecord, personal_key: bytes, handle: str, *, accept_changes: bool = False
    ) -> None:
        """Unlock as this facilitator. Each group they hold is checked first and nothing is written while
        anything is not as circle left it (VaultChangedOutside), unless they accept the vault as it is."""
        legacy = record.public_key is None
        if legacy and self.can_write:
            self._upgrade_slots(record, personal_key)
            legacy = False
        open_slot = keyring.unwrap_group_key if legacy else keyring.open_group_key
        held = open_slots(
            self.keys.key_slots(record.id),
            self._repo.group_formats(),
            lambda slot: open_slot(personal_key, slot.wrapped_key, record.id, slot.group_id, slot.key_version),
        )
        if any(found > CURRENT_GROUP_FORMAT for found in held.formats.values()):
            raise VaultTooNew(self._repo.path)
        vouched = open_vouched(personal_key, record.id, self.keys.vouched(record.id))
        changed = changes_outside(self._repo, held, vouched)
        if changed and not accept_changes:
            raise VaultChangedOutside(changed)
        older = {gid: found for gid, found in held.formats.items() if found < CURRENT_GROUP_FORMAT}
        if older and not self.can_write:
            raise VaultNeedsUpdate(self._repo.path)  # a reader of the older rows would misread them
        self.sealers = held.sealers  # from here on, each write seals the manifests of the groups it changes
        if self.can_write:
            try:
                self._bring_up_to_date(record, personal_key, handle, older, vouched, accept_changes and bool(changed))
            except BaseException:
                self.sealers = {}
                raise
        self.facilitator_id, self.personal_key, self.handle = record.id, personal_key, handle
        if self.can_write:
            self._name_in_groups(handle)

    def _bring_up_to_date(
        self, record: FacilitatorRecord, personal_key: bytes, handle: str, older: dict[str, int],
        vouched: dict[str, int], accepted: bool,
    ) -> None:
        """The writes an unlock may need: accepted changes vouched for, older groups and the handle in today's
        format, and a first manifest and key version remembered for each group."""
        if accepted:
            assert self._repo.manifests is not None
            with self._repo.writing():
                self._repo.manifests.seal_whole(self._repo.conn, list(self.sealers.values()))
            vouched = {}
        if older:
            upgrade_groups(self._repo, [self.sealers[gid] for gid in older], older)
        if seal_version(record.handle) != PADDED_SEAL_VERSION:
            self.keys.set_handle(record.id, seal_handle(personal_key, record.id, handle))
        self._vouched = vouch(self.keys, record.id, personal_key, self.sealers, vouched)

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
        assert self.facilitator_id is not None and self.personal_key is not None
        mine = keyring.facilitator_public_key(self.personal_key)
        self.keys.vouch(self.facilitator_id, mine, self.sealers.values())

    def lock(self) -> None:
        """Drop every reference to keys. (Python cannot wipe memory; see docs/SECURITY.md.)"""
        self.facilitator_id = self.personal_key = self.handle = None
        self.sealers = {}
        self._vouched = {}

    # key slots --------------------------------------------------------------------------
    def give_group_key(self, sealer: GroupSealer) -> None:
        """A slot for the unlocked facilitator, for a group they have just created or imported."""
        assert self.personal_key is not None and self.facilitator_id is not None and self.handle is not None
        public_key = keyring.facilitator_public_key(self.personal_key)
        self.keys.add_slot(slot_for(public_key, self.facilitator_id, sealer), sealer, self.handle, public_key)
        self.sealers[sealer.group_id] = sealer
        self.remember_key_versions()

    def remember_key_versions(self) -> None:
        """Keep this facilitator's own record of each held group's key version current (unlock_checks.py)."""
        assert self.personal_key is not None and self.facilitator_id is not None
        versions = {group_id: sealer.key_version for group_id, sealer in self.sealers.items()}
        if versions != self._vouched:
            self.keys.set_vouched(self.facilitator_id, seal_vouched(self.personal_key, self.facilitator_id, versions))
            self._vouched = versions
