"""What every circle screen shares: access to the workspace and calm one-line messages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

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

    def say(self, message: str, *, error: bool = False) -> None:
        """A short notice; markup off, because messages may quote what was typed."""
        self.notify(message, severity="error" if error else "information", markup=False)
