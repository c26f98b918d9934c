"""The Workspace facade's part for facilitators and passphrases: making one, co-facilitators, handing a group on,
and changing a passphrase. Kept apart only so that the facade stays one readable file; each call goes to its service.

Each one-call method here is three steps, as `unlock` is: `begin_…` reads, `make`/`rekey` on what it returns derives
keys (slow, no vault), `finish_…` stores the result.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from circle.vault.keyring import KdfParams
    from circle.workspace.derivation import NewFacilitator, NewPersonalKey, OpenedKey, PassphraseChange
    from circle.workspace.facilitators import FacilitatorEntry, Facilitators


class FacilitatorCalls:
    """Mixed into Workspace, which provides the service."""

    if TYPE_CHECKING:
        _facilitators: Facilitators

    def create_facilitator(self, handle: str, passphrase: str, *, kdf: KdfParams | None = None) -> None:
        self.finish_create_facilitator(self.begin_create_facilitator(handle, kdf=kdf).make(passphrase))

    def begin_create_facilitator(self, handle: str, *, kdf: KdfParams | None = None) -> NewFacilitator:
        return self._facilitators.begin_create_facilitator(handle, kdf)

    def finish_create_facilitator(self, made: OpenedKey) -> None:
        self._facilitators.finish_create_facilitator(made)

    def facilitators(self, group_id: str) -> list[FacilitatorEntry]:
        return self._facilitators.facilitators(group_id)

    def add_cofacilitator(
        self, group_id: str, handle: str, passphrase: str, *, kdf: KdfParams | None = None
    ) -> FacilitatorEntry:
        someone = self.begin_add_cofacilitator(group_id, handle, kdf=kdf)
        return self.finish_add_cofacilitator(someone, someone.make(passphrase))

    def begin_add_cofacilitator(
        self, group_id: str, handle: str, *, kdf: KdfParams | None = None
    ) -> NewFacilitator:
        return self._facilitators.begin_add_cofacilitator(group_id, handle, kdf)

    def finish_add_cofacilitator(self, someone: NewFacilitator, made: OpenedKey) -> FacilitatorEntry:
        return self._facilitators.finish_add_cofacilitator(someone, made)

    def others_to_give(self, group_id: str) -> list[FacilitatorEntry]:
        return self._facilitators.others_to_give(group_id)

    def give_group(self, group_id: str, facilitator_id: str) -> FacilitatorEntry:
        return self._facilitators.give_group(group_id, facilitator_id)

    def remove_facilitator(self, group_id: str, facilitator_id: str) -> None:
        self._facilitators.remove_facilitator(group_id, facilitator_id)

    def change_passphrase(self, current: str, new: str, *, kdf: KdfParams | None = None) -> None:
        self.finish_change_passphrase(self.begin_change_passphrase(kdf=kdf).rekey(current, new))

    def begin_change_passphrase(self, *, kdf: KdfParams | None = None) -> PassphraseChange:
        return self._facilitators.begin_change_passphrase(kdf)

    def finish_change_passphrase(self, made: NewPersonalKey) -> None:
        self._facilitators.finish_change_passphrase(made)
