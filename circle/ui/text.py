"""User text on screen: sanitised again on render and never parsed as markup."""

from __future__ import annotations

from textual.content import Content

from circle.domain.text import sanitise


def plain(text: str) -> Content:
    """A name or note as literal content: `[@click=app.quit]` stays a name."""
    return Content(sanitise(text))


def one_line(text: str) -> Content:
    return Content(" ".join(sanitise(text).split()))
