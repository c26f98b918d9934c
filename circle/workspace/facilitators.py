"""Facilitators and their passphrases: the vault's first facilitator, co-facilitators of a group, removing
one (which changes the group's key), and changing your own passphrase."""

from __future__ import annotations

from dataclasses import dataclass

from circle.domain.errors import CircleError, InvalidInput
from circle.domain.text import sanitise_line
from circle.language import _
from circle.store.signing_keys import new_signing_key
from circle.store.key_directory import KeyNotTrusted, NotYetVouched
from circle.store.keys import KeyStore
from circle.store.sealing import GroupSealer
from circle.vault import crypto, keyring
from circle.store.keys import slot_for
from circle.workspace.derivation import NewFacilitator, NewPersonalKey, OpenedKey, PassphraseChange
from circle.workspace.service import Service

HANDLE_MAX = 40  # how co-facilitators see you: a name, not a paragraph


@dataclass(frozen=True)
class FacilitatorEntry:
    id: str
    handle: str
    is_you: bool


def checked_handle(handle: str) -> str:
    handle = sanitise_line(handle)
    if not handle:
        raise InvalidInput(_("A handle cannot be empty."))
    if len(handle) > HANDLE_MAX:
        raise InvalidInput(_("A handle may be at most {most} characters.").format(most=HANDLE_MAX))
    return handle


class Facilitators(Service):
    """Who holds each group's key, and each facilitator's own passphrase."""

    @property
    def _keys(self) -> KeyStore:
        return self._context.keyring.keys

    def _new_facilitator(
        self, handle: str, kdf: keyring.KdfParams | None, group: GroupSealer | None = None
    ) -> NewFacilitator:
        """Someone to add with `handle`; for a `group`, their passphrase must open no one already here."""
        return NewFacilitator(
            handle=handle,
            kdf=kdf or self._context.kdf or keyring.KdfParams(),
            created_at=self._context.clock.now().isoformat(),
            others=tuple(self._keys.facilitators()) if group else (),
            group=group,
        )

    def begin_create_facilitator(self, handle: str, kdf: keyring.KdfParams | None) -> NewFacilitator:
        """The vault's first facilitator, with their own passphrase: what `make` needs to know."""
        return self._new_facilitator(checked_handle(sanitise_line(handle) or "Facilitator"), kdf)

    def finish_create_facilitator(self, made: OpenedKey) -> None:
        """Store the first facilitator `make` made, and unlock as them."""
        self._keys.add_facilitator(made.record)
        self._context.keyring.become(made.record, made.personal_key, made.own)

    def facilitators(self, group_id: str) -> list[FacilitatorEntry]:
        """Everyone who holds the group's key in this vault, in the order they were added."""
        sealer = self._context.sealer(group_id)
        handles = self._keys.handles(sealer)
        you = self._context.keyring.facilitator_id
        return [FacilitatorEntry(fid, handles.get(fid, ""), fid == you) for fid in self._keys.holders(group_id)]

    def begin_add_cofacilitator(self, group_id: str, handle: str, kdf: keyring.KdfParams | None) -> NewFacilitator:
        """Someone new for this group, once their handle is checked: what `make` needs to know."""
        sealer = self._context.sealer(group_id)
        handle = checked_handle(handle)
        taken = {known.casefold() for known in self._keys.handles(sealer).values()}
        if handle.casefold() in taken:
            raise InvalidInput(_("Someone in this group already goes by that handle; choose another."))
        return self._new_facilitator(handle, kdf, sealer)

    def finish_add_cofacilitator(self, someone: NewFacilitator, made: OpenedKey) -> FacilitatorEntry:
        """Store who `someone.make` made, with a key slot for their group only."""
        sealer, record = someone.group, made.record
        assert sealer is not None and [slot.group_id for slot in made.slots] == [sealer.group_id]
        self._keys.add_facilitator(record, made.slots, [(sealer, made.handle)])
        return FacilitatorEntry(record.id, made.handle, is_you=False)

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
        """A key slot for this group, sealed to a facilitator who already opens another of your groups, to the
        key that group trusts for them (never the clear column alone)."""
        sealer = self._context.sealer(group_id)
        entry = next((each for each in self.others_to_give(group_id) if each.id == facilitator_id), None)
        if entry is None:
            raise InvalidInput(_("They already open this group, or facilitate none of your other groups."))
        public_key = self._trusted_elsewhere(group_id, facilitator_id)
        self._keys.add_slot(slot_for(public_key, facilitator_id, sealer), sealer, entry.handle, public_key)
        return entry

    def _trusted_elsewhere(self, group_id: str, facilitator_id: str) -> bytes:
        """Their public key as another of your groups they hold trusts it, checked against the clear column."""
        refused: CircleError = NotYetVouched()
        for other_id, other in self._context.keyring.sealers.items():
            if other_id == group_id or facilitator_id not in self._keys.holders(other_id):
                continue
            try:
                return self._keys.key_to_seal_to(other, facilitator_id)
            except KeyNotTrusted as mismatch:
                refused = mismatch  # a swapped key outranks a group that has not heard of them yet
            except NotYetVouched:
                continue
        raise refused

    def remove_facilitator(self, group_id: str, facilitator_id: str) -> None:
        """Take away a facilitator's key slot, and change the group's key so their old slot opens nothing new.

        Every sealed field of the group is sealed again under a new key, in one transaction, and the new key
        is sealed to each remaining facilitator's public key.
        """
        old = self._context.sealer(group_id)
        if facilitator_id == self._context.keyring.facilitator_id:
            raise InvalidInput(_("You cannot remove yourself; another facilitator of the group can."))
        holders = self._keys.holders(group_id)
        if facilitator_id not in holders:
            raise InvalidInput(_("They are not a facilitator of this group."))
        if self._context.meeting_open(group_id):
            raise CircleError(_("Close the meeting in progress before removing a facilitator."))
        # Every key to seal to is checked before anything is sealed or written.
        remaining = {fid: self._keys.key_to_seal_to(old, fid) for fid in holders if fid != facilitator_id}
        new = GroupSealer(group_id, crypto.new_key(), old.key_version + 1)
        slots = [slot_for(key, fid, new) for fid, key in remaining.items()]
        opens_other_groups = any(slot.group_id != group_id for slot in self._keys.key_slots(facilitator_id))
        # A new signing key too: the removed facilitator knows the old one (docs/FORMAT.md 13.8).
        signing = new_signing_key(self._context.clock.now())
        self._keys.rotate(old, new, slots, facilitator_id, forget_removed=not opens_other_groups, signing=signing)
        self._context.keyring.sealers[group_id] = new

    def begin_change_passphrase(self, kdf: keyring.KdfParams | None) -> PassphraseChange:
        """Your record, personal key, handle and groups, and everyone else's records: what `rekey` needs."""
        held = self._context.keyring
        held.require_unlocked()
        # Held from the start: locking during the slow derivations must not pull the key away.
        facilitator_id, personal_key, handle = held.facilitator_id, held.personal_key, held.handle
        assert facilitator_id is not None and personal_key is not None and handle is not None
        records = self._keys.facilitators()
        mine = next(record for record in records if record.id == facilitator_id)
        others = tuple(record for record in records if record.id != facilitator_id)
        groups = tuple(held.sealers.values())
        return PassphraseChange(
            mine, personal_key, handle, held.seen, groups, others, kdf or self._context.kdf or mine.kdf
        )

    def finish_change_passphrase(self, made: NewPersonalKey) -> None:
        """Store your new personal key, with your slots sealed to its public key, in one transaction.

        Still unlocked as you, you go on with the new key, and your record is sealed under it as the groups'
        manifests move on; locked meanwhile, the groups' sealers are lent to the manifests for this write only."""
        held, manifests = self._context.keyring, self._context.repo.manifests
        assert manifests is not None
        still_you, old_keys = held.facilitator_id == made.record.id, (held.personal_key, held.public_key)
        for sealer in made.groups:
            manifests.sealing_with(sealer)
        if still_you:
            held.personal_key, held.public_key = made.personal_key, made.record.public_key
        try:
            self._keys.replace_personal_key(made.record, list(made.slots), made.trusted)
        except BaseException:
            if still_you:
                held.personal_key, held.public_key = old_keys
            raise
        finally:
            if not still_you:
                manifests.forget()
