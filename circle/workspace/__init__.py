"""The one facade the app and the command line use: open a vault, unlock, groups, meetings, notes,
trends, handoffs and lead bundles. Its public names are gathered here: the UI and the CLI import
from `circle.workspace` only, never from the modules inside it, the store or the vault."""

import importlib
from typing import TYPE_CHECKING, Any

from circle.store.errors import VaultChangedOutside
from circle.workspace.refusals import UnknownGroup, VaultLocked
from circle.workspace.workspace import Workspace

if TYPE_CHECKING:
    from circle.workspace.derivation import (
        NewFacilitator,
        NewPersonalKey,
        OpenedKey,
        PassphraseChange,
        PassphraseInUse,
        UnlockAttempt,
    )
    from circle.workspace.facilitators import HANDLE_MAX, FacilitatorEntry, checked_handle
    from circle.store.room_board import PublishedRoom, RoomBoard
    from circle.workspace.groups import GroupOverview
    from circle.workspace.handoff import (
        GroupNotYours,
        Handoff,
        HandoffImported,
        HandoffToOpen,
        HandoffToSeal,
        finish_write_handoff,
        handoff_file_name,
        read_handoff_file,
    )
    from circle.workspace.lead_export import NoGroupsToExport, check_lead_key, lead_bundle_file_name, lead_bundle_path
    from circle.workspace.meeting import Meeting, MeetingSummary
    from circle.workspace.meeting_records import AttendanceLine
    from circle.workspace.notes import FollowUp
    from circle.workspace.retention import MeetingStillOpen, PurgeReport

# What the unlock screen does not need loads when first asked for: the key derivation's steps (a passphrase
# typed), a meeting's modules (the session engine), the room board, and the services used only once a vault
# is open.
_LOADED_LATER = {
    **dict.fromkeys(
        ("NewFacilitator", "NewPersonalKey", "OpenedKey", "PassphraseChange", "PassphraseInUse", "UnlockAttempt"),
        "circle.workspace.derivation",
    ),
    **dict.fromkeys(("HANDLE_MAX", "FacilitatorEntry", "checked_handle"), "circle.workspace.facilitators"),
    **dict.fromkeys(("MeetingStillOpen", "PurgeReport"), "circle.workspace.retention"),
    **dict.fromkeys(("Meeting", "MeetingSummary"), "circle.workspace.meeting"),
    **dict.fromkeys(("PublishedRoom", "RoomBoard"), "circle.store.room_board"),
    "GroupOverview": "circle.workspace.groups",
    "AttendanceLine": "circle.workspace.meeting_records",
    **dict.fromkeys(
        ("GroupNotYours", "Handoff", "HandoffImported", "HandoffToOpen", "HandoffToSeal", "finish_write_handoff",
         "handoff_file_name", "read_handoff_file"),
        "circle.workspace.handoff",
    ),
    **dict.fromkeys(
        ("NoGroupsToExport", "check_lead_key", "lead_bundle_file_name", "lead_bundle_path"),
        "circle.workspace.lead_export",
    ),
    "FollowUp": "circle.workspace.notes",
}


def __getattr__(name: str) -> Any:
    if name in _LOADED_LATER:
        return getattr(importlib.import_module(_LOADED_LATER[name]), name)
    raise AttributeError(f"module 'circle.workspace' has no attribute {name!r}")


__all__ = [
    "HANDLE_MAX",
    "AttendanceLine",
    "FacilitatorEntry",
    "FollowUp",
    "GroupNotYours",
    "GroupOverview",
    "Handoff",
    "HandoffImported",
    "HandoffToOpen",
    "HandoffToSeal",
    "Meeting",
    "MeetingStillOpen",
    "MeetingSummary",
    "NewFacilitator",
    "NewPersonalKey",
    "NoGroupsToExport",
    "OpenedKey",
    "PassphraseChange",
    "PassphraseInUse",
    "PublishedRoom",
    "PurgeReport",
    "RoomBoard",
    "UnknownGroup",
    "UnlockAttempt",
    "VaultChangedOutside",
    "VaultLocked",
    "Workspace",
    "check_lead_key",
    "checked_handle",
    "finish_write_handoff",
    "handoff_file_name",
    "lead_bundle_file_name",
    "lead_bundle_path",
    "read_handoff_file",
]
