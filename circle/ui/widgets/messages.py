"""Messages the group editors send up to the screen that owns the workspace."""

from __future__ import annotations

from textual.message import Message

from circle.domain.group import Group


class GroupEdited(Message):
    """An editor has a new version of the group to save."""

    def __init__(self, group: Group) -> None:
        super().__init__()
        self.group = group


class MemberAddRequested(Message):
    def __init__(self, typed_name: str) -> None:
        super().__init__()
        self.typed_name = typed_name
