"""Facilitators and their passphrases: the vault's first facilitator, co-facilitators of a group, removing
one (which changes the group's key), and changing your own passphrase."""

from __future__ import annotations

from dataclasses import dataclass

from circle.domain.errors import CircleError, InvalidInput
from circle.domain.ids import new_id
from circle.domain.text import sanitise_line
from circle.store.keys import FacilitatorRecord, KeyStore
from circle.store.sealing import GroupSealer
from circle.vault import crypto, keyring
from circle.vault.errors import WrongPassphrase
from circle.workspace.keyring import handle_aad, open_personal_key, slot_for
from circle.workspace.service import Service

HANDLE_MAX = 40  # how co-facilitators see you: a name, not a paragraph


class PassphraseInUse(CircleError):
    """Saying so tells nothing the unlock screen doesn't: it too says whether a passphrase opens the vault."""

    message = "That passphrase already opens this vault; each facilitator needs their own."


@dataclass(frozen=True)
class FacilitatorEntry:
    id: str
    handle: str
    is_you: bool


def checked_handle(handle: str) -> str:
    handle = sanitise_line(handle)
    if not handle:
        raise InvalidInput("A handle cannot be empty.")
    if len(handle) > HANDLE_MAX:
        raise InvalidInput(f"A handle may be at most {HANDLE_MAX} characters.")
    return handle


class Facilitators(Service):
    """Who holds each group's key, and each facilitator's own passphrase."""

    @property
    def _keys(self) -> KeyStore:
        return self._context.keyring.keys

    def _new_facilitator(
        self, handle: str, passphrase: str, kdf: keyring.KdfParams | None
    ) -> tuple[FacilitatorRecord, bytes]:
        """A record with a fresh personal key wrapped under the passphrase; nothing is stored yet."""
        params = kdf or self._context.kdf or keyring.KdfParams()
        facilitator_id = new_id()
        salt = keyring.new_salt()
        personal_key = crypto.new_key()
        record = FacilitatorRecord(
            id=facilitator_id,
            created_at=self._context.clock.now().isoformat(),
            kdf_salt=salt,
            kdf=params,
            wrapped_key=keyring.wrap_personal_key(
                keyring.derive_kek(passphrase, salt, params), personal_key, facilitator_id
            ),
            handle=crypto.seal(personal_key, handle.encode("utf-8"), handle_aad(facilitator_id)),
            public_key=keyring.facilitator_public_key(personal_key),
        )
        return record, personal_key

    def create_facilitator(self, handle: str, passphrase: str, kdf: keyring.KdfParams | None) -> None:
        """The vault's first facilitator, with their own passphrase; unlocks as them."""
        handle = checked_handle(sanitise_line(handle) or "Facilitator")
        record, personal_key = self._new_facilitator(handle, passphrase, kdf)
        self._keys.add_facilitator(record)
        self._context.keyring.become(record, personal_key, handle)

    def facilitators(self, group_id: str) -> list[FacilitatorEntry]:
        """Everyone who holds the group's key in this vault, in the order they were added."""
        sealer = self._context.sealer(group_id)
        handles = self._keys.handles(sealer)
        you = self._context.keyring.facilitator_id
        return [FacilitatorEntry(fid, handles.get(fid, ""), fid == you) for fid in self._keys.holders(group_id)]

    def add_cofacilitator(
        self, group_id: str, handle: str, passphrase: str, kdf: keyring.KdfParams | None
    ) -> FacilitatorEntry:
        """Someone new, with their own passphrase and a key slot for this group only."""
        sealer = self._context.sealer(group_id)
        handle = checked_handle(handle)
        taken = {known.casefold() for known in self._keys.handles(sealer).values()}
        if handle.casefold() in taken:
            raise InvalidInput("Someone in this group already goes by that handle; choose another.")
        self._refuse_passphrase_in_use(passphrase)
        record, _ = self._new_facilitator(handle, passphrase, kdf)
        assert record.public_key is not None
        self._keys.add_facilitator(record, [slot_for(record.public_key, record.id, sealer)], [(sealer, handle)])
        return FacilitatorEntry(record.id, handle, is_you=False)

    def others_to_give(self, group_id: str) -> list[FacilitatorEntry]:
        """Facilitators of your other groups who do not hold this one: they can be given it as they are,
        with the passphrase they already have."""
        self._context.sealer(group_id)  # only a group you hold can be given
        holding = self._keys.holders(group_id)
        found: dict[str, FacilitatorEntry] = {}
        for other_id, sealer in self._context.keyring.sealers.items():
            if other_id == group_id:
                continue
            keys = self._keys.holders(other_id)
            for fid, handle in self._keys.handles(sealer).items():
                if keys.get(fid) is not None and fid not in holding:
                    found.setdefault(fid, FacilitatorEntry(fid, handle, is_you=False))
        return sorted(found.values(), key=lambda entry: entry.handle.casefold())

    def give_group(self, group_id: str, facilitator_id: str) -> FacilitatorEntry:
        """A key slot for this group, sealed to a facilitator who already opens another of your groups."""
        sealer = self._context.sealer(group_id)
        entry = next((each for each in self.others_to_give(group_id) if each.id == facilitator_id), None)
        public_key = self._keys.public_key(facilitator_id)
        if entry is None or public_key is None:
            raise InvalidInput("They already open this group, or facilitate none of your other groups.")
        self._keys.add_slot(slot_for(public_key, facilitator_id, sealer), sealer, entry.handle)
        return entry

    def _refuse_passphrase_in_use(self, passphrase: str, *, except_id: str | None = None) -> None:
        for record in self._keys.facilitators():
            if record.id != except_id and open_personal_key(record, passphrase) is not None:
                raise PassphraseInUse()

    def remove_facilitator(self, group_id: str, facilitator_id: str) -> None:
        """Take away a facilitator's key slot, and change the group's key so their old slot opens nothing new.

        Every sealed field of the group is sealed again under a new key, in one transaction, and the new key
        is sealed to each remaining facilitator's public key.
        """
        old = self._context.sealer(group_id)
        if facilitator_id == self._context.keyring.facilitator_id:
            raise InvalidInput("You cannot remove yourself; another facilitator of the group can.")
        holders = self._keys.holders(group_id)
        if facilitator_id not in holders:
            raise InvalidInput("They are not a facilitator of this group.")
        if self._context.meeting_open(group_id):
            raise CircleError("Close the meeting in progress before removing a facilitator.")
        remaining = {fid: key for fid, key in holders.items() if fid != facilitator_id}
        if any(key is None for key in remaining.values()):
            raise CircleError("Someone still to unlock since circle was updated holds this group; ask them to unlock once first.")
        new = GroupSealer(group_id, crypto.new_key(), old.key_version + 1)
        slots = [slot_for(key, fid, new) for fid, key in remaining.items() if key is not None]
        opens_other_groups = any(slot.group_id != group_id for slot in self._keys.key_slots(facilitator_id))
        self._keys.rotate(old, new, slots, facilitator_id, forget_removed=not opens_other_groups)
        self._context.keyring.sealers[group_id] = new

    def change_passphrase(self, current: str, new: str, kdf: keyring.KdfParams | None) -> None:
        """Wrap this facilitator's personal key under a new passphrase; nothing else changes."""
        held = self._context.keyring
        held.require_unlocked()
        # Held from the start: locking during the slow derivations below must not pull the key away.
        facilitator_id, personal_key = held.facilitator_id, held.personal_key
        assert facilitator_id is not None and personal_key is not None
        mine = next(record for record in self._keys.facilitators() if record.id == facilitator_id)
        if open_personal_key(mine, current) is None:
            raise WrongPassphrase()
        self._refuse_passphrase_in_use(new, except_id=mine.id)
        params = kdf or self._context.kdf or mine.kdf
        salt = keyring.new_salt()
        kek = keyring.derive_kek(new, salt, params)
        self._keys.rewrap(mine.id, salt, params, keyring.wrap_personal_key(kek, personal_key, mine.id))
