"""What every tab of a group's settings shares: it edits its own copy of the group and sends the parts up."""

from __future__ import annotations

from dataclasses import replace

from textual.containers import VerticalScroll

from circle.domain.errors import CircleError
from circle.domain.group import Group
from circle.ui.widgets.group.messages import ProfileEdited


def with_profile(group: Group, **parts: object) -> Group:
    """The group with some parts of its profile (format=, agreements=, ...) changed."""
    return replace(group, profile=replace(group.profile, **parts))  # type: ignore[arg-type]


class GroupEditor(VerticalScroll):
    """One tab of a group's settings. The screen saves; the editor keeps its copy in step with what it sent."""

    def __init__(self, group: Group, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="editor")
        self.group = group

    def keep(self, **parts: object) -> None:
        """Take these profile parts into the editor's copy, and send them to the screen to save."""
        self.group = with_profile(self.group, **parts)
        self.post_message(ProfileEdited(**parts))

    def show_problem(self, problem: CircleError | str) -> None:
        """A problem with what was typed, in its one line; nothing is sent."""
        self.notify(str(problem), severity="error", markup=False)
