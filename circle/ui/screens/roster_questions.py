"""What the group screen asks before caring for its roster or deleting the group: each question names what goes."""

from __future__ import annotations

from textual.content import Content

from circle.domain.group import Member
from circle.ui.text import one_line


def rename_question(member: Member) -> Content:
    return Content.assemble("A new name for ", one_line(member.shown), " (kept as the group's rules allow):")


def merge_question(keep: Member) -> Content:
    return Content.assemble(
        "Which entry is also ", one_line(keep.shown), "? Its attendance and notes become theirs, and it goes."
    )


def merge_confirmation(keep: Member, other: Member) -> Content:
    return Content.assemble(
        "Merge ", one_line(other.shown), " into ", one_line(keep.shown), "?\n\n",
        "  • every meeting ", one_line(other.shown), " came to counts for ", one_line(keep.shown), "\n",
        "  • a meeting both were marked at counts once\n",
        "  • the entry ", one_line(other.shown), " is deleted\n\n",
        "This cannot be undone.",
    )


def erase_confirmation(member: Member, notes: int) -> Content:
    said = f"{notes} note{'s' if notes != 1 else ''} and follow-up{'s' if notes != 1 else ''} about them"
    return Content.assemble(
        "Erase ", one_line(member.shown), " now, as they asked?\n\n",
        "  • their name and the day they joined are deleted for good\n",
        f"  • {said} {'are' if notes != 1 else 'is'} deleted for good\n",
        "  • the meetings they came to keep only anonymous counts: trends stay\n\n",
        "This cannot be undone.",
    )


def delete_group_question(group_name: str) -> Content:
    return Content.assemble(
        "Delete ", one_line(group_name), " with its roster, meetings, notes and key slots, for good?\n\n"
        "This cannot be undone. Type the group's name to delete it:",
    )
