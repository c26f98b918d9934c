"""When each member of a group was last seen, for retention: opened from their details and the attendance."""

from __future__ import annotations

from datetime import date

from circle.domain.retention import MemberFacts
from circle.store.attendance import open_attendance, present_in
from circle.store.clear_values import clear_day
from circle.store.member_rows import open_dates
from circle.store.repository import Repository
from circle.store.sealing import GroupSealer


def member_facts(repository: Repository, sealer: GroupSealer, seen_after: date | None = None) -> list[MemberFacts]:
    """Each named member and the last day they were seen: their last meeting, or the day they were added.

    Never earlier than the day they were added, so a roster imported with old join dates is not
    forgotten at the next unlock for lack of a history circle never had.

    With `seen_after`, only the meetings held after that day are opened: a member not seen since has a last
    day that is the day they were added or any day up to `seen_after`, which is all a rule that forgets people
    unseen since that day needs to know. That keeps the purge to the rule's window, whatever the history.
    """
    sql = "SELECT id, held_on, attendance FROM sessions WHERE group_id = ? AND attendance IS NOT NULL"
    params: list[object] = [sealer.group_id]
    if seen_after is not None:
        sql, params = sql + " AND held_on > ?", [*params, seen_after.isoformat()]
    last: dict[str, date] = {}
    for sid, held_on, sealed in repository.rows(sql, params):
        day = clear_day(held_on, "sessions.held_on")
        for member_id in present_in(open_attendance(sealer, sid, sealed)):
            if member_id not in last or last[member_id] < day:
                last[member_id] = day
    facts = []
    for member_id, details in repository.rows(
        "SELECT id, details FROM members WHERE group_id = ? AND name IS NOT NULL", [sealer.group_id]
    ):
        added = open_dates(sealer, member_id, details).created_at.date()
        facts.append(MemberFacts(member_id, max(added, last.get(member_id, added))))
    return facts
