"""What a dialog over the meeting needs of the screen beneath it, so the two need not import each other."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from circle.workspace import Meeting


class MeetingHost(Protocol):
    @property
    def meeting(self) -> Meeting:
        """The meeting on screen; raises VaultLocked while the vault is locked, since it holds the key."""

    def refresh_state(self) -> None:
        """Show the meeting's state again after a dialog changed it."""

    @property
    def highlighted_member(self) -> str | None:
        """The member id highlighted on the meeting's list of people, if any."""
