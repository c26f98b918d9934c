"""What a handoff carries, and how one merges into a vault that may already hold the group.

A snapshot is a group as one laptop knows it: its settings, facilitators' handles, members (as the rules
keep them), meetings (closed ones as counts and attendance, an open one as its log) and notes. Merging is
planned here, purely, and carried out by the store in one transaction. The rules, in order:

- **Settings.** The name and profile with the later `settings_changed_at` win. The confidentiality rules are
  never changed by a handoff into a group already here: a rule change can remove what is kept, so it is
  made deliberately on each laptop. What comes in is kept only as this vault's rules allow.
- **Members, handles and notes** merge by id. Someone forgotten here stays forgotten. A follow-up done on
  either side is done.
- **Meetings** merge by id. A closed (or cancelled) meeting is final: it replaces an open copy of itself.
  When both sides closed it differently, the earlier closing wins (then the smaller record, as canonical
  JSON), the same rule as for the log. When both are open, their logs merge by event id
  (`circle.domain.session.merge`).
- **A meeting discarded** on either side stays discarded: its id travels with the group, a copy of it that
  comes in later is left out, and a copy held here is deleted, as the discard deleted it there; except that the
  discard of a copy still open yields to a copy that went further (`discards`).
- A different meeting of the group open on each side cannot be merged: the import is refused, untouched.
- **This vault's rules, as if entered here.** A time without a timezone is unreadable; one before 2000 or
  later than now (a few minutes' slack, a day for a meeting's date) refuses the import, untouched
  (`timeline`). A note is checked against its meeting's attendance as a note entered live, and its expiry
  recomputed from this group's retention; one that fails is left out and counted (`incoming_notes`).

Importing the same snapshot twice plans nothing the second time.
"""

from circle.domain.handoff.merge import plan_merge
from circle.domain.handoff.payload import meeting_to_json, snapshot_to_json
from circle.domain.handoff.reading import snapshot_from_json
from circle.domain.handoff.snapshot import (
    PAYLOAD_VERSION,
    GroupSnapshot,
    HandoffUnreadable,
    MeetingEntry,
    MemberEntry,
    MergePlan,
    TwoMeetingsOpen,
)
from circle.domain.handoff.timeline import HandoffOutOfTime

__all__ = [
    "PAYLOAD_VERSION",
    "GroupSnapshot",
    "HandoffOutOfTime",
    "HandoffUnreadable",
    "MeetingEntry",
    "MemberEntry",
    "MergePlan",
    "TwoMeetingsOpen",
    "meeting_to_json",
    "plan_merge",
    "snapshot_from_json",
    "snapshot_to_json",
]
