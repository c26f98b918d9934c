"""The format a group's records are written in, apart from the sealing that writes them: the first screen asks
whether a group is in an older one (to say the unlock will bring it up to date) without loading any cryptography."""

from __future__ import annotations

# A group's records before padding are format 1; padded, format 2; with nothing about a person in a clear
# column (meetings, attendance, members' dates and notes sealed), format 3, which every group is written in since.
SEALED_RECORDS_FORMAT = 3
CURRENT_GROUP_FORMAT = SEALED_RECORDS_FORMAT
