"""What the meeting screen says in its own words, in the facilitator's language: kept apart from the screen."""

from __future__ import annotations

from circle.language import N_, _

# Said before anything is let go, the way a co-facilitator would say it across the room.
CLOSE_QUESTION = N_(
    "Close the meeting now? circle then keeps only the counts and who came; who spoke when is let go."
)

# The crisis tab's key is written out so the sentence is whole for the catalog; a test holds it to tab_key("crisis").
PLACEHOLDERS_LINE = N_(
    "This group's crisis card still has placeholder numbers. Add local ones in the group's settings:"
    " Escape to your groups, Enter, then F6 (Crisis). The meeting stays open."
)


def guests_line(guests: int) -> str:
    """Guests beside the roster: they have no name, so they are a count under it."""
    return _("Guests: {count} (g adds, G takes back)").format(count=guests)
