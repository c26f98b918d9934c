"""What every part of the workspace works from: the repository, the keyring and the clock."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from circle.domain.clock import today

if TYPE_CHECKING:
    from circle.domain.clock import Clock
    from circle.domain.group import Group
    from circle.domain.signing import SigningKey
    from circle.paths import Locations
    from circle.store.repository import Repository
    from circle.store.sealing import GroupSealer
    from circle.store.session_log import SessionLog
    from circle.vault.keyring import KdfParams
    from circle.workspace.keyring import Keyring


# Parts of a group's rows (store/integrity.py) as a read names them to Keyring.sealer: its name and profile; its
# meetings as stored; and none, for the counts each group keeps, which are checked against its manifest themselves.
SETTINGS = ("settings",)
MEETINGS = ("meetings",)
NO_ROWS = ()


@dataclass
class WorkspaceContext:
    """Shared by the workspace's services. Mutable on purpose: a test may set a new clock on the workspace."""

    locations: Locations
    repo: Repository
    can_write: bool  # False for a read-only view (the room display's), which must leave the vault as it is
    clock: Clock
    kdf: KdfParams | None = None  # how new passphrases and handoff codes are stretched; None: the defaults

    made_keyring: Keyring | None = field(default=None, init=False, repr=False)  # None until first asked for

    @property
    def keyring(self) -> Keyring:
        """Made, and its modules loaded, when first asked for: by a passphrase tried, not by the unlock screen."""
        if self.made_keyring is None:
            from circle.workspace.keyring import Keyring

            self.made_keyring = Keyring(self.repo, can_write=self.can_write)
        return self.made_keyring

    @cached_property
    def log(self) -> SessionLog:
        """The meetings' rows, loaded with their domain when a meeting or the records are first used."""
        from circle.store.session_log import SessionLog

        return SessionLog(self.repo)

    def sealer(self, group_id: str, *, reads: Iterable[str] | None = None) -> GroupSealer:
        """The group's sealer, to read `reads` of its rows (parts named in store/integrity.py; None: any)."""
        return self.keyring.sealer(group_id, reads=reads)

    def group(self, group_id: str) -> Group:
        return self.repo.group(self.sealer(group_id, reads=SETTINGS))

    def signing_key(self, group_id: str) -> SigningKey:
        """The group's signing key for lead bundles, made the first time the group needs one."""
        from circle.store.signing_keys import new_signing_key

        sealer = self.sealer(group_id)
        key = self.repo.signing_key(sealer)
        if key is None:
            key = new_signing_key(self.clock.now())
            self.repo.set_signing_key(sealer, key)
        return key

    def today(self) -> date:
        return today(self.clock)

    def meeting_open(self, group_id: str) -> bool:
        return group_id in self.log.open_sessions()


class Service:
    """One part of the workspace; the Workspace facade holds one of each."""

    def __init__(self, context: WorkspaceContext) -> None:
        self._context = context
