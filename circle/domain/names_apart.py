"""Telling identical names apart, and finding the one member a typed name means.

A group's name rule keeps only a first name and a last initial, or initials: two people may well be kept as
the same "Jo F.". Each of them is then shown with the month they joined ("Jo F. (Mar 2025)"), which is no
more of a name than the rule allows; two who also joined in the same month (or with no date) are told apart
by the start of their random ids ("Jo F. (Mar 2025, 3fa)"). Not by a number in the order they were added:
that would change when one of them is erased or merged, and a command run again from a shell's history
would then name someone else.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from circle.domain.errors import InvalidInput
from circle.domain.group import Member
from circle.domain.rules import ConfidentialityRules
from circle.domain.text import sanitise_line
from circle.language import N_, _, current
from circle.language.days import day_in

NO_DATE = N_("no date")


class UnknownMember(InvalidInput):
    message = N_("Nobody by that name in this group (see 'circle members list').")


class AmbiguousName(InvalidInput):
    """Names no one: only the tag that tells the first of them apart, as an example of what to add."""

    def __init__(self, example_tag: str) -> None:
        super().__init__(
            _(
                "Two people are called that; add the month they joined, as 'circle members list' shows it"
                " (like '… ({tag})')."
            ).format(tag=example_tag)
        )


def month_of(member: Member) -> str:
    """The month they joined as the facilitator's language writes it ("Mar 2025", "mar 2025"): what is shown is
    also what is typed back, so both are in the one language."""
    return day_in(current(), member.joined_on, "MMM yyyy") if member.joined_on else _(NO_DATE)


def told_apart(members: Iterable[Member]) -> list[Member]:
    """The members, in the order given (which for equal tags is the order they were added), each tagged when
    another has the same name."""
    listed = list(members)
    by_name: dict[str, list[Member]] = defaultdict(list)
    for member in listed:
        by_name[member.name.casefold()].append(member)
    tags: dict[str, str] = {}
    for namesakes in by_name.values():
        if len(namesakes) < 2:
            continue
        by_month: dict[str, list[Member]] = defaultdict(list)
        for member in namesakes:
            by_month[month_of(member)].append(member)
        for month, same in by_month.items():
            for member in same:
                tags[member.id] = month if len(same) == 1 else f"{month}, {_id_start(member, same)}"
    return [replace(member, tag=tags.get(member.id, "")) for member in listed]


def _id_start(member: Member, same: list[Member]) -> str:
    """The shortest start of the member's id, three characters or more, that no other in `same` shares."""
    others = [other.id for other in same if other.id != member.id]
    for length in range(3, len(member.id) + 1):
        start = member.id[:length]
        if not any(other.startswith(start) for other in others):
            return start
    return member.id


def roster_order(member: Member) -> tuple[str, date, str]:
    """By name, and namesakes by when they joined (not by the month's name)."""
    return member.name.casefold(), member.joined_on or date.min, member.shown.casefold()


def find_member(members: Iterable[Member], typed: str, rules: ConfidentialityRules) -> Member:
    """The one member `typed` names: as shown (tag included), or by name alone when only one has it.

    The name may be typed in full ("Jo Fisher"): it is also compared as the group's rule would keep it.
    """
    listed = list(members)
    wanted = sanitise_line(typed).casefold()
    shown = [member for member in listed if member.shown.casefold() == wanted]
    if len(shown) == 1:
        return shown[0]
    forms = {wanted}
    try:
        forms.add(rules.name_to_keep(typed).casefold())
    except InvalidInput:
        pass  # not a name the rule could keep: compared as typed only
    named = [member for member in listed if member.name.casefold() in forms]
    if len(named) == 1:
        return named[0]
    if named:
        raise AmbiguousName(named[0].tag or month_of(named[0]))
    raise UnknownMember()
