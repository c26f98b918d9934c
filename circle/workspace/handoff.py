"""Handing a group, and its meeting in progress, to a co-facilitator's laptop, and merging it back.

One of the Workspace's services.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from circle.domain.errors import CircleError
from circle.files import read_file_to_import, write_private_file
from circle.language import N_, _, ngettext
from circle.store.sealing import GroupSealer
from circle.vault import crypto
from circle.vault.keyring import KdfParams
from circle.workspace.meetings import Meetings
from circle.workspace.service import Service, WorkspaceContext

if TYPE_CHECKING:
    from circle.domain.handoff import GroupSnapshot

MAX_HANDOFF_BYTES = 256 * 1024 * 1024  # far beyond any group's record; a wrong file is not read whole

# The session engine (which a merge replays) and the bundle format load with the first handoff, not with
# the unlock screen.


class GroupNotYours(CircleError):
    message = N_("This vault holds that group, and you are not one of its facilitators; nothing was imported.")


def handoff_file_name(moment: datetime) -> str:
    # No group name in the file name: the file may sit in a shared folder.
    return f"circle-handoff-{moment.astimezone():%Y%m%d-%H%M}.circle"


def read_handoff_file(path: Path) -> bytes:
    data = read_file_to_import(path, MAX_HANDOFF_BYTES, kind="handoff file")
    if data is None:
        raise CircleError(_("That file is far too large to be a circle handoff; nothing was imported."))
    return data


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
    notes_left_out: int  # notes this group's rules here would not have kept
    forgotten: int  # people forgotten on the other laptop, and so here too
    discarded: int  # meetings discarded on the other laptop, and so here too
    held_here: int  # meetings the other laptop discarded as open, which went further here: kept
    back: int  # meetings discarded here as open, which went further there: back here
    meeting_open: bool  # the group has a meeting in progress here now

    def lines(self, name: str) -> list[str]:
        """What the import did, in a line or two, naming the group as `name` (made safe by the caller)."""
        if self.new_group:
            said = [
                _("Added {group}: {members}, {meetings}.").format(
                    group=name,
                    members=ngettext("{count} member", "{count} members", self.members).format(count=self.members),
                    meetings=ngettext(
                        "{count} past or open meeting", "{count} past or open meetings", self.meetings
                    ).format(count=self.meetings),
                )
            ]
        elif not self.changed:
            said = [_("Nothing new for {group}: everything in that handoff was here already.").format(group=name)]
        elif not (self.events or self.meetings or self.members):  # what changed is said below, or is the settings'
            said = [_("Brought {group} up to date from that handoff.").format(group=name)]
        else:
            said = [
                _("Merged into {group}: {events}, {meetings}, {members}.").format(
                    group=name,
                    events=ngettext("{count} meeting event", "{count} meeting events", self.events).format(
                        count=self.events
                    ),
                    meetings=ngettext("{count} meeting", "{count} meetings", self.meetings).format(
                        count=self.meetings
                    ),
                    members=ngettext("{count} member", "{count} members", self.members).format(count=self.members),
                )
            ]
        if self.set_aside:
            said.append(
                ngettext(
                    "{count} event clashed with what happened here (both laptops closed the meeting, say);"
                    " the earlier one was kept.",
                    "{count} events clashed with what happened here (both laptops closed the meeting, say);"
                    " the earlier one was kept.",
                    self.set_aside,
                ).format(count=self.set_aside)
            )
        if self.forgotten:
            said.append(
                ngettext(
                    "{count} person forgotten on the other laptop"
                    " (at their request, or by the group's rules) is forgotten here too.",
                    "{count} people forgotten on the other laptop"
                    " (at their request, or by the group's rules) are forgotten here too.",
                    self.forgotten,
                ).format(count=self.forgotten)
            )
        if self.discarded:
            said.append(
                ngettext(
                    "{count} meeting discarded on the other laptop is discarded here too.",
                    "{count} meetings discarded on the other laptop are discarded here too.",
                    self.discarded,
                ).format(count=self.discarded)
            )
        if self.held_here:
            said.append(
                ngettext(
                    "{count} meeting the other laptop discarded as opened by mistake went on here, so it is kept.",
                    "{count} meetings the other laptop discarded as opened by mistake went on here, so they are kept.",
                    self.held_here,
                ).format(count=self.held_here)
            )
        if self.back:
            said.append(
                ngettext(
                    "{count} meeting discarded here as opened by mistake went on on the other laptop, so it is back.",
                    "{count} meetings discarded here as opened by mistake went on on the other laptop,"
                    " so they are back.",
                    self.back,
                ).format(count=self.back)
            )
        if self.notes_left_out:
            said.append(
                ngettext(
                    "{count} note was left out: this group's rules here would not have kept them.",
                    "{count} notes were left out: this group's rules here would not have kept them.",
                    self.notes_left_out,
                ).format(count=self.notes_left_out)
            )
        return said


@dataclass(frozen=True)
class HandoffToSeal:
    """A group's snapshot as bytes, and how to stretch the code that seals it. Sealing needs no vault."""

    payload: bytes
    kdf: KdfParams

    def seal(self) -> Handoff:
        from circle.vault.handoff import new_code, seal_handoff

        code = new_code()
        return Handoff(seal_handoff(self.payload, code, kdf=self.kdf), code)


def finish_write_handoff(path: Path, bundle: Handoff) -> str:
    """Write the sealed bundle to a new private file; the code, which is never stored, is returned."""
    write_private_file(path, bundle.data)
    return bundle.code


@dataclass(frozen=True)
class HandoffToOpen:
    """A handoff's bytes, read; opening them with the code read out needs no vault."""

    data: bytes

    def open_with(self, code: str) -> GroupSnapshot:
        from circle.domain.handoff import HandoffUnreadable, snapshot_from_json
        from circle.vault.handoff import open_handoff

        payload = open_handoff(self.data, code)
        try:
            return snapshot_from_json(json.loads(payload.decode("utf-8")))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise HandoffUnreadable() from None


class HandoffExchange(Service):
    """Export a group as a sealed bundle; import one, as a new group or merged into the one here."""

    def __init__(self, context: WorkspaceContext, meetings: Meetings) -> None:
        super().__init__(context)
        self._meetings = meetings

    def begin_export(self, group_id: str, kdf: KdfParams | None) -> HandoffToSeal:
        """The group as this vault keeps it, and its meeting in progress, ready to seal under a new code.

        `kdf` stretches the code; None is the workspace's, else the handoff's own default.
        """
        from circle.domain.handoff import snapshot_to_json
        from circle.store.handoff import GroupExchange
        from circle.vault.handoff import HANDOFF_KDF

        self._context.signing_key(group_id)  # made now if the group has none, so that both copies sign alike
        snapshot = GroupExchange(self._context.repo).snapshot(self._context.sealer(group_id))
        payload = json.dumps(snapshot_to_json(snapshot), ensure_ascii=False, sort_keys=True).encode("utf-8")
        return HandoffToSeal(payload, kdf or self._context.kdf or HANDOFF_KDF)

    def export_handoff(self, group_id: str, kdf: KdfParams | None) -> Handoff:
        return self.begin_export(group_id, kdf).seal()

    def write_handoff(self, group_id: str, path: Path) -> str:
        """Seal the group into a new private file at `path`; returns the one-time code, which is never stored."""
        return finish_write_handoff(path, self.export_handoff(group_id, None))

    def begin_import(self, data: bytes) -> HandoffToOpen:
        """A handoff's bytes, to open with the code read out; only someone unlocked may import."""
        self._context.keyring.require_unlocked()
        return HandoffToOpen(bytes(data))

    def import_handoff(self, data: bytes, code: str) -> HandoffImported:
        return self.finish_import(self.begin_import(data).open_with(code))

    def finish_import(self, theirs: GroupSnapshot) -> HandoffImported:
        """Add the group, or merge it into the one here; refuse with one line, untouched, if anything is wrong."""
        from circle.domain.handoff import plan_merge
        from circle.store.handoff import GroupExchange

        context = self._context
        context.keyring.require_unlocked()  # again: circle may have locked while the code was tried
        sealers = context.keyring.sealers
        group_id = theirs.group.id
        exchange = GroupExchange(context.repo)
        here = group_id in context.repo.group_key_versions()
        if here and group_id not in sealers:
            raise GroupNotYours()
        ours = exchange.snapshot(sealers[group_id]) if here else None
        plan = plan_merge(ours, theirs, now=context.clock.now())
        if not here:
            sealer = GroupSealer(group_id, crypto.new_key(), key_version=1)
            with context.repo.writing():
                exchange.carry_out(sealer, plan, context.clock.now(), new_group=theirs.group)
                context.keyring.give_group_key(sealer)
        elif plan.changes_anything:
            exchange.carry_out(sealers[group_id], plan, context.clock.now())
            for meeting_id in plan.discards.deleted:
                self._meetings.clear_room_board_of(meeting_id)
        return HandoffImported(
            group_id=group_id,
            group_name=context.group(group_id).name,
            new_group=not here,
            changed=not here or plan.changes_anything,
            members=len(plan.members),
            meetings=len(plan.new_meetings) + len(plan.replaced_meetings),
            events=plan.events_added,
            set_aside=plan.set_aside,
            notes_left_out=plan.notes_left_out,
            forgotten=len(plan.forget_members),
            discarded=len(plan.discards.deleted),
            held_here=len(plan.discards.kept),
            back=len(plan.discards.back),
            meeting_open=group_id in self._meetings.meetings_in_progress(),
        )
