"""`python -m circle.ui.keys_doc`: rewrite the README's key tables from the screens' own bindings.

Each table sits between `<!-- keys: NAME -->` and `<!-- /keys -->`. A screen with a `?` help gets the
rows of that help, then any key of its own the help leaves out; every other screen's keys share one
table, "elsewhere". `--check` changes nothing and fails when the README is out of date.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from textual.binding import Binding

from circle.ui.app import CircleApp
from circle.ui.keys import KeyHelp, binding_key_name, declared_bindings, described, help_rows, key_name, key_tokens
from circle.ui.room_display import RoomDisplayApp
from circle.ui.screens.attendance import AttendanceEditor
from circle.ui.screens.base import CircleScreen
from circle.ui.screens.change_passphrase import ChangePassphraseDialog
from circle.ui.screens.crisis_card import CrisisCard
from circle.ui.screens.dialogs import Ask, Choose, Confirm
from circle.ui.screens.follow_ups import FollowUpsScreen
from circle.ui.screens.group import GroupScreen
from circle.ui.screens.handoff import HandoffExportDialog, HandoffImportDialog
from circle.ui.screens.home import HomeScreen
from circle.ui.screens.keys_help import KeysHelp
from circle.ui.screens.meeting import MeetingScreen
from circle.ui.screens.meeting_summary import MeetingSummaryScreen
from circle.ui.screens.meetings import MeetingsScreen
from circle.ui.screens.new_group import NewGroupScreen
from circle.ui.screens.privacy_cover import PrivacyCover
from circle.ui.screens.pulse import PulseDialog
from circle.ui.screens.read_aloud import ReadAloudScreen
from circle.ui.screens.trends import TrendsScreen

README = Path(__file__).resolve().parents[2] / "README.md"

# The screens with a `?` help, each with a table of its own.
WITH_HELP: dict[str, type[CircleScreen]] = {
    "meeting": MeetingScreen,
    "home": HomeScreen,
    "group": GroupScreen,
    "trends": TrendsScreen,
    "follow-ups": FollowUpsScreen,
    "meetings": MeetingsScreen,
}
# Every other screen (and app) with keys, by where a facilitator meets it: one shared table.
ELSEWHERE: dict[type, str] = {
    CircleApp: "anywhere unlocked",
    CrisisCard: "the crisis card",
    ReadAloudScreen: "the agreements, read aloud",
    PrivacyCover: "names hidden",
    PulseDialog: "the anonymous pulse",
    MeetingSummaryScreen: "a meeting's summary",
    AttendanceEditor: "correcting who came to a past meeting",
    NewGroupScreen: "a new group",
    ChangePassphraseDialog: "changing your passphrase",
    HandoffExportDialog: "handing off a group",
    HandoffImportDialog: "importing a handoff",
    Confirm: "a yes-or-no question",
    Ask: "a question to type an answer to",
    Choose: "a choice from a list",
    KeysHelp: "the keys of a screen (`?`)",
    RoomDisplayApp: "the room display",
}
_TABLE = re.compile(r"(<!-- keys: (?P<name>[\w-]+) -->\n).*?(<!-- /keys -->)", re.DOTALL)


def _row(*cells: str) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def _all_keys(binding: Binding) -> str:
    return " or ".join(key_name(key) for key in binding.key.split(","))


def screen_rows(screen_type: type[CircleScreen]) -> list[KeyHelp]:
    """The screen's `?` rows, then its own keys the help leaves out (`?` itself among them)."""
    rows = list(help_rows(screen_type, screen_type.KEYS_HELP))
    named = set().union(*(key_tokens(key) for key, _ in rows))
    for binding in declared_bindings(screen_type):
        if not key_tokens(binding_key_name(binding)) & named:
            rows.append((binding_key_name(binding), described(binding)))
            named |= key_tokens(binding_key_name(binding))
    return rows


def table(name: str) -> str:
    if name == "elsewhere":
        lines = [_row("key", "where", "what"), _row("---", "---", "---")]
        for owner, where in ELSEWHERE.items():
            lines += [_row(_all_keys(binding), where, described(binding)) for binding in vars(owner)["BINDINGS"]]
    else:
        lines = [_row("key", "what"), _row("---", "---")]
        lines += [_row(key, words) for key, words in screen_rows(WITH_HELP[name])]
    return "\n".join(lines) + "\n"


def rewritten(text: str) -> str:
    return _TABLE.sub(lambda match: match[1] + table(match["name"]) + match[3], text)


def main(argv: list[str]) -> int:
    text = README.read_text(encoding="utf-8")
    fresh = rewritten(text)
    if "--check" in argv:
        if fresh != text:
            print("README.md: the key tables are out of date; run python -m circle.ui.keys_doc", file=sys.stderr)
            return 1
        return 0
    README.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
