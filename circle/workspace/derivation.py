"""The slow part of unlocking and of choosing passphrases (Argon2id), kept apart from the vault.

Each operation that stretches a passphrase comes in three steps: the Workspace reads what the derivation
needs into one of these frozen values (on the app's event loop), the value's method derives and seals with
plain data only and no database (safe on a thread worker), and the Workspace stores or uses the result
(on the loop again). Nothing here touches the vault.
"""

from __future__ import annotations

from dataclasses import dataclass

from circle.domain.errors import CircleError
from circle.domain.ids import new_id
from circle.language import N_
from circle.store.key_directory import seal_trusted_key
from circle.store.keys import FacilitatorRecord, KeySlot, slot_for
from circle.store.sealing import GroupSealer
from circle.vault import crypto, keyring
from circle.vault.errors import WrongPassphrase
from circle.workspace.facilitator_record import OwnRecord, Seen, held_keys, open_record, seal_record


class PassphraseInUse(CircleError):
    """Saying so tells nothing the unlock screen doesn't: it too says whether a passphrase opens the vault."""

    message = N_("That passphrase already opens this vault; each facilitator needs their own.")


def open_personal_key(record: FacilitatorRecord, passphrase: str) -> bytes | None:
    """The facilitator's personal key if `passphrase` is theirs, else None."""
    kek = keyring.derive_kek(passphrase, record.kdf_salt, record.kdf)
    try:
        return keyring.unwrap_personal_key(kek, record.wrapped_key, record.id)
    except WrongPassphrase:
        return None


def refuse_passphrase_in_use(records: tuple[FacilitatorRecord, ...], passphrase: str) -> None:
    if any(open_personal_key(record, passphrase) is not None for record in records):
        raise PassphraseInUse()


@dataclass(frozen=True)
class OpenedKey:
    """A facilitator's row as read, with the personal key their passphrase opened and their own record under it
    (facilitator_record.py); for someone just made, the key slot of the group they are made for."""

    record: FacilitatorRecord
    personal_key: bytes
    own: OwnRecord
    slots: tuple[KeySlot, ...] = ()

    @property
    def handle(self) -> str:
        return self.own.handle


@dataclass(frozen=True)
class UnlockAttempt:
    """Every facilitator's record, copied out of the vault, to try a passphrase against."""

    records: tuple[FacilitatorRecord, ...]

    def open_with(self, passphrase: str) -> OpenedKey | None:
        for record in self.records:
            personal_key = open_personal_key(record, passphrase)
            if personal_key is not None:
                return OpenedKey(record, personal_key, open_record(personal_key, record.id, record.handle))
        return None


@dataclass(frozen=True)
class NewFacilitator:
    """Someone to add (the vault's first facilitator, or a co-facilitator), once their passphrase is chosen.

    `others` are the records their passphrase must not open (empty for the first facilitator); a
    co-facilitator's group is held from the start, as the passphrase change holds its key."""

    handle: str
    kdf: keyring.KdfParams
    created_at: str
    others: tuple[FacilitatorRecord, ...] = ()
    group: GroupSealer | None = None

    def make(self, passphrase: str) -> OpenedKey:
        """A record with a fresh personal key wrapped under the passphrase, and a co-facilitator's slot; nothing is
        stored. Their own record holds their group from the start (with nothing of it seen yet), so it is no
        smaller before their first unlock than after: its size does not tell whether they have come in since."""
        refuse_passphrase_in_use(self.others, passphrase)
        facilitator_id, salt, personal_key = new_id(), keyring.new_salt(), crypto.new_key()
        public_key = keyring.facilitator_public_key(personal_key)
        groups = (self.group,) if self.group is not None else ()
        slots = tuple(slot_for(public_key, facilitator_id, sealer) for sealer in groups)
        own = OwnRecord(
            self.handle,
            {sealer.group_id: (sealer.key_version, 0) for sealer in groups},
            held_keys(groups, {slot.group_id: slot.wrapped_key for slot in slots}),
            public_key,
        )
        record = FacilitatorRecord(
            id=facilitator_id,
            created_at=self.created_at,
            kdf_salt=salt,
            kdf=self.kdf,
            wrapped_key=keyring.wrap_personal_key(
                keyring.derive_kek(passphrase, salt, self.kdf), personal_key, facilitator_id
            ),
            handle=seal_record(personal_key, facilitator_id, own.handle, own.seen, own.keys, public_key),
            public_key=public_key,
        )
        return OpenedKey(record, personal_key, own, slots)


@dataclass(frozen=True)
class NewPersonalKey:
    """A facilitator's new personal key, and everything sealed with it, ready to store in one transaction: the
    record (new salt, wrapping, handle and public key), a slot for each group they hold, sealed to the new public
    key, and each group's trusted entry for that key (group id -> sealed)."""

    record: FacilitatorRecord
    personal_key: bytes
    slots: tuple[KeySlot, ...]
    trusted: dict[str, bytes]
    groups: tuple[GroupSealer, ...]


@dataclass(frozen=True)
class PassphraseChange:
    """The unlocked facilitator's record, personal key, handle and the groups they hold, held from the start (a
    lock meanwhile cannot pull the key away), and the records of everyone else, whose passphrases the new one
    must not be."""

    mine: FacilitatorRecord
    personal_key: bytes
    handle: str
    seen: Seen
    groups: tuple[GroupSealer, ...]
    others: tuple[FacilitatorRecord, ...]
    kdf: keyring.KdfParams

    def rekey(self, current: str, new: str) -> NewPersonalKey:
        """A new random personal key (so a new key pair) under the new passphrase: an old copy of the vault and
        the old passphrase open nothing sealed to it."""
        if open_personal_key(self.mine, current) is None:
            raise WrongPassphrase()
        refuse_passphrase_in_use(self.others, new)
        fid, salt, personal_key = self.mine.id, keyring.new_salt(), crypto.new_key()
        public_key = keyring.facilitator_public_key(personal_key)
        slots = tuple(slot_for(public_key, fid, sealer) for sealer in self.groups)
        keys = held_keys(self.groups, {slot.group_id: slot.wrapped_key for slot in slots})
        record = FacilitatorRecord(
            id=fid,
            created_at=self.mine.created_at,
            kdf_salt=salt,
            kdf=self.kdf,
            wrapped_key=keyring.wrap_personal_key(keyring.derive_kek(new, salt, self.kdf), personal_key, fid),
            handle=seal_record(personal_key, fid, self.handle, self.seen, keys, public_key),
            public_key=public_key,
        )
        trusted = {sealer.group_id: seal_trusted_key(sealer, fid, public_key) for sealer in self.groups}
        return NewPersonalKey(record, personal_key, slots, trusted, self.groups)
