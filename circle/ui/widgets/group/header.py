"""The top of a group's screens: its name and meeting format, at a glance."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from circle.domain.group import Group
from circle.language import _
from circle.ui.text import one_line, plain


class GroupHeader(Vertical):
    def __init__(self, group: Group, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="group-header")
        self.group = group

    def compose(self) -> ComposeResult:
        yield Static(one_line(self.group.name), classes="group-name")
        yield Static(plain(self.group.profile.format.describe(_)), classes="group-format")

    def show(self, group: Group) -> None:
        self.group = group
        self.query_one(".group-name", Static).update(one_line(group.name))
        self.query_one(".group-format", Static).update(plain(group.profile.format.describe(_)))
