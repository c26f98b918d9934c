"""The one facade the app and the command line use: open a vault, unlock, groups, meetings, notes,
trends, handoffs and lead bundles. Its public names are gathered here: the UI and the CLI import
from `circle.workspace` only, never from the modules inside it, the store or the vault."""

import importlib
from typing import TYPE_CHECKING, Any

from circle.workspace.derivation import (
    NewFacilitator,
    OpenedKey,
    PassphraseChange,
    PassphraseInUse,
    Rewrapped,
    UnlockAttempt,
)
from circle.workspace.facilitators import HANDLE_MAX, FacilitatorEntry, checked_handle
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
from circle.workspace.keyring import UnknownGroup, VaultLocked
from circle.workspace.lead_export import NoGroupsToExport, check_lead_key, lead_bundle_file_name, lead_bundle_path
from circle.workspace.notes import FollowUp
from circle.workspace.retention import MeetingStillOpen, PurgeReport
from circle.workspace.trends import TrendsAhead
from circle.workspace.workspace import Workspace

if TYPE_CHECKING:
    from circle.store.room_board import PublishedRoom, RoomBoard
    from circle.workspace.meeting import Meeting, MeetingSummary

# A meeting's modules (the session engine) load with the first meeting, not with the unlock screen:
# these names are found when first asked for.
_LOADED_LATER = {
    "Meeting": "circle.workspace.meeting",
    "MeetingSummary": "circle.workspace.meeting",
    "PublishedRoom": "circle.store.room_board",
    "RoomBoard": "circle.store.room_board",
}


def __getattr__(name: str) -> Any:
    if name in _LOADED_LATER:
        return getattr(importlib.import_module(_LOADED_LATER[name]), name)
    raise AttributeError(f"module 'circle.workspace' has no attribute {name!r}")


__all__ = [
    "HANDLE_MAX",
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
    "NoGroupsToExport",
    "OpenedKey",
    "PassphraseChange",
    "PassphraseInUse",
    "PublishedRoom",
    "PurgeReport",
    "Rewrapped",
    "RoomBoard",
    "TrendsAhead",
    "UnknownGroup",
    "UnlockAttempt",
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
