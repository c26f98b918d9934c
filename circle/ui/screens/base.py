"""What every circle screen shares: access to the workspace and calm one-line messages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

from circle.domain.errors import CircleError

if TYPE_CHECKING:
    from circle.vault.keyring import KdfParams
    from circle.workspace import Workspace


class CircleScreen(Screen[None]):
    @property
    def workspace(self) -> Workspace:
        return self.app.workspace  # type: ignore[attr-defined,no-any-return]

    @property
    def kdf(self) -> KdfParams | None:
        return self.app.kdf  # type: ignore[attr-defined,no-any-return]

    def add_to_roster(self, group_id: str, typed_name: str) -> None:
        """Add someone as the group's rules allow, then show the roster again."""
        from circle.ui.widgets.roster_editor import RosterEditor

        try:
            self.workspace.add_member(group_id, typed_name)
        except CircleError as error:
            self.say(str(error), error=True)
            return
        self.query_one(RosterEditor).show(self.workspace.members(group_id))

    def say(self, message: str, *, error: bool = False) -> None:
        """A short notice; markup off, because messages may quote what was typed."""
        self.notify(message, severity="error" if error else "information", markup=False)
