"""Handing a meeting over on the same laptop: only to someone who facilitates its group, and said by name
before circle locks, so nobody is left at a lock screen that nobody in the room can open."""

from __future__ import annotations

from textual.content import Content

from circle.workspace import Workspace

NOBODY_TO_HAND_TO = (
    "Nobody else facilitates this group yet, so there is no one to hand over to; the meeting stays with you."
    " A co-facilitator can be added on the group's Facilitators tab."
)
NOT_YOURS = (
    "The meeting that was open belongs to a group you do not facilitate: it stays open for its own"
    " facilitators, and nothing of it was changed."
)
NO_MEETING = "Handing over is for a meeting under way: open the meeting first."


def who_can_take_over(workspace: Workspace, group_id: str) -> list[str]:
    """The handles of the group's other facilitators, in the order they were added."""
    return [entry.handle or "a co-facilitator" for entry in workspace.facilitators(group_id) if not entry.is_you]


def named(handles: list[str]) -> str:
    """"Robin", "Robin or Kit", "Robin, Kit or Ana"."""
    return handles[0] if len(handles) == 1 else f"{', '.join(handles[:-1])} or {handles[-1]}"


def hand_over_question(handles: list[str]) -> Content:
    # Handles are people's own words: Content keeps them literal, never markup.
    who = named(handles)
    return Content(
        f"Hand the meeting over to {who}? circle locks now, and {who} types their own passphrase to carry on"
        " from here."
    )


def handed_over_lead(handles: list[str]) -> str:
    return f"Handed over. {named(handles)}: type your own passphrase to carry on from here."
