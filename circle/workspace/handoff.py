"""Handing a group, and its meeting in progress, to a co-facilitator's laptop, and merging it back.

One of the Workspace's services.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from circle.domain.errors import CircleError
from circle.files import write_private_file
from circle.store.sealing import GroupSealer
from circle.vault import crypto
from circle.vault.keyring import KdfParams
from circle.workspace.meetings import Meetings
from circle.workspace.service import Service, WorkspaceContext

MAX_HANDOFF_BYTES = 256 * 1024 * 1024  # far beyond any group's record; a wrong file is not read whole

# The session engine (which a merge replays) and the bundle format load with the first handoff, not with
# the unlock screen.


class GroupNotYours(CircleError):
    message = "This vault holds that group, and you are not one of its facilitators; nothing was imported."


def handoff_file_name(moment: datetime) -> str:
    # No group name in the file name: the file may sit in a shared folder.
    return f"circle-handoff-{moment.astimezone():%Y%m%d-%H%M}.circle"


def read_handoff_file(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_HANDOFF_BYTES:
            raise CircleError("That file is far too large to be a circle handoff; nothing was imported.")
        return path.read_bytes()
    except FileNotFoundError:
        raise CircleError(f"No file at {path}.") from None
    except IsADirectoryError:
        raise CircleError(f"{path} is a folder, not a handoff file.") from None


@dataclass(frozen=True)
class Handoff:
    data: bytes  # the sealed bundle, to write to a file
    code: str  # the one-time code, to read aloud; never written anywhere


@dataclass(frozen=True)
class HandoffImported:
    group_id: str
    group_name: str
    new_group: bool
    changed: bool  # False: everything in it was here already
    members: int
    meetings: int
    events: int
    set_aside: int
    meeting_open: bool  # the group has a meeting in progress here now

    def lines(self, name: str) -> list[str]:
        """What the import did, in a line or two, naming the group as `name` (made safe by the caller)."""
        if self.new_group:
            said = [f"Added {name}: {self.members} members, {self.meetings} past or open meetings."]
        elif not self.changed:
            said = [f"Nothing new for {name}: everything in that handoff was here already."]
        else:
            said = [f"Merged into {name}: {self.events} meeting events, {self.meetings} meetings, {self.members} members."]
        if self.set_aside:
            said.append(
                f"{self.set_aside} events clashed with what happened here (both laptops closed the meeting, say);"
                " the earlier one was kept."
            )
        return said


class HandoffExchange(Service):
    """Export a group as a sealed bundle; import one, as a new group or merged into the one here."""

    def __init__(self, context: WorkspaceContext, meetings: Meetings) -> None:
        super().__init__(context)
        self._meetings = meetings

    def export_handoff(self, group_id: str, kdf: KdfParams | None) -> Handoff:
        """The group as this vault keeps it, and its meeting in progress, sealed under a new one-time code.

        `kdf` stretches the code; None is the workspace's, else the handoff's own default.
        """
        from circle.domain.handoff import snapshot_to_json
        from circle.store.handoff import GroupExchange
        from circle.vault.handoff import HANDOFF_KDF, new_code, seal_handoff

        snapshot = GroupExchange(self._context.repo).snapshot(self._context.sealer(group_id))
        payload = json.dumps(snapshot_to_json(snapshot), ensure_ascii=False, sort_keys=True).encode("utf-8")
        code = new_code()
        return Handoff(seal_handoff(payload, code, kdf=kdf or self._context.kdf or HANDOFF_KDF), code)

    def write_handoff(self, group_id: str, path: Path) -> str:
        """Seal the group into a new private file at `path`; returns the one-time code, which is never stored."""
        bundle = self.export_handoff(group_id, None)
        write_private_file(path, bundle.data)
        return bundle.code

    def import_handoff(self, data: bytes, code: str) -> HandoffImported:
        """Add the group, or merge it into the one here; refuse with one line, untouched, if anything is wrong."""
        from circle.domain.handoff import HandoffUnreadable, plan_merge, snapshot_from_json
        from circle.store.handoff import GroupExchange
        from circle.vault.handoff import open_handoff

        context = self._context
        sealers = context.keyring.sealers
        context.keyring.require_unlocked()
        payload = open_handoff(data, code)
        try:
            theirs = snapshot_from_json(json.loads(payload.decode("utf-8")))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise HandoffUnreadable() from None
        group_id = theirs.group.id
        exchange = GroupExchange(context.repo)
        here = group_id in context.repo.group_key_versions()
        if here and group_id not in sealers:
            raise GroupNotYours()
        ours = exchange.snapshot(sealers[group_id]) if here else None
        plan = plan_merge(ours, theirs)
        if not here:
            sealer = GroupSealer(group_id, crypto.new_key(), key_version=1)
            with context.repo.writing():
                exchange.carry_out(sealer, plan, context.clock.now(), new_group=theirs.group)
                context.keyring.give_group_key(sealer)
        elif plan.changes_anything:
            exchange.carry_out(sealers[group_id], plan, context.clock.now())
        return HandoffImported(
            group_id=group_id,
            group_name=context.group(group_id).name,
            new_group=not here,
            changed=not here or plan.changes_anything,
            members=len(plan.members),
            meetings=len(plan.new_meetings) + len(plan.replaced_meetings),
            events=plan.events_added,
            set_aside=plan.set_aside,
            meeting_open=group_id in self._meetings.meetings_in_progress(),
        )
