"""What the group screen asks before caring for its roster or deleting the group: each question names what goes."""

from __future__ import annotations

from textual.content import Content

from circle.domain.group import Member
from circle.language import _, ngettext
from circle.ui.text import one_line

# Content, never markup: the names in these questions are shown exactly as they were typed.


def _name(text: str) -> str:
    return one_line(text).plain


def rename_question(member: Member) -> Content:
    return Content(_("A new name for {name} (kept as the group's rules allow):").format(name=_name(member.shown)))


def merge_question(keep: Member) -> Content:
    return Content(
        _("Which entry is also {name}? Its attendance and notes become theirs, and it goes.").format(
            name=_name(keep.shown)
        )
    )


def merge_confirmation(keep: Member, other: Member) -> Content:
    return Content(
        _(
            "Merge {other} into {keep}?\n\n"
            "  • every meeting {other} came to counts for {keep}\n"
            "  • a meeting both were marked at counts once\n"
            "  • the entry {other} is deleted\n\n"
            "This cannot be undone."
        ).format(other=_name(other.shown), keep=_name(keep.shown))
    )


def erase_confirmation(member: Member, notes: int) -> Content:
    said = ngettext(
        "  • {count} note and follow-up about them is deleted for good\n",
        "  • {count} notes and follow-ups about them are deleted for good\n",
        notes,
    ).format(count=notes)
    return Content(
        _(
            "Erase {name} now, as they asked?\n\n"
            "  • their name and the day they joined are deleted for good\n"
            "{notes}"
            "  • the meetings they came to keep only anonymous counts: trends stay\n\n"
            "This cannot be undone."
        ).format(name=_name(member.shown), notes=said)
    )


def delete_group_question(group_name: str) -> Content:
    return Content(
        _(
            "Delete {group} with its roster, meetings, notes and key slots, for good?\n\n"
            "This cannot be undone. Type the group's name to delete it:"
        ).format(group=_name(group_name))
    )
