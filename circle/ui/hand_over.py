"""Handing a meeting over on the same laptop: only to someone who facilitates its group, and said by name
before circle locks, so nobody is left at a lock screen that nobody in the room can open."""

from __future__ import annotations

from textual.content import Content

from circle.language import N_, _
from circle.workspace import Workspace

# In English here; read through the module (`from circle.ui.hand_over import NO_MEETING`), each is said in the
# facilitator's language of that moment, since the language is chosen after this module is imported.
_SAID = {
    "NOBODY_TO_HAND_TO": N_(
        "Nobody else facilitates this group yet, so there is no one to hand over to; the meeting stays with you."
        " A co-facilitator can be added on the group's Facilitators tab."
    ),
    "NOT_YOURS": N_(
        "The meeting that was open belongs to a group you do not facilitate: it stays open for its own"
        " facilitators, and nothing of it was changed."
    ),
    "NO_MEETING": N_("Handing over is for a meeting under way: open the meeting first."),
}


def __getattr__(name: str) -> str:
    try:
        return _(_SAID[name])
    except KeyError:
        raise AttributeError(name) from None


def who_can_take_over(workspace: Workspace, group_id: str) -> list[str]:
    """The handles of the group's other facilitators, in the order they were added."""
    return [entry.handle or _("a co-facilitator") for entry in workspace.facilitators(group_id) if not entry.is_you]


def named(handles: list[str]) -> str:
    """"Robin", "Robin or Kit", "Robin, Kit or Ana"."""
    if len(handles) == 1:
        return handles[0]
    return _("{names} or {last}").format(names=", ".join(handles[:-1]), last=handles[-1])


def hand_over_question(handles: list[str]) -> Content:
    # Handles are people's own words: Content keeps them literal, never markup.
    return Content(
        _(
            "Hand the meeting over to {who}? circle locks now, and {who} types their own passphrase to carry on"
            " from here."
        ).format(who=named(handles))
    )


def handed_over_lead(handles: list[str]) -> str:
    return _("Handed over. {who}: type your own passphrase to carry on from here.").format(who=named(handles))
