"""The one facade the app and the command line use: open a vault, unlock, groups, meetings, notes,
trends, handoffs and lead bundles. Its public names are gathered here."""

from circle.workspace.workspace import FollowUp, GroupOverview, MeetingStillOpen, UnknownGroup, VaultLocked, Workspace

__all__ = ["FollowUp", "GroupOverview", "MeetingStillOpen", "UnknownGroup", "VaultLocked", "Workspace"]
