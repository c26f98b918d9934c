"""`?`: the keys of one screen, in plain words, as a facilitator would ask for them."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KeyHelp = tuple[str, str]

MEETING_KEYS: tuple[KeyHelp, ...] = (
    ("!", "crisis card: resources, steps, step out, the action taken"),
    ("Shift+H", "hand over: a co-facilitator unlocks and carries on"),
    ("Enter or t", "mark the highlighted person here, or not here"),
    ("Shift+N", "add a newcomer"),
    ("/", "find a name"),
    ("n", "on to the next part of the meeting"),
    ("v", "the agreements, large, for reading aloud (opening)"),
    ("r", "the agreements have been read (opening)"),
    ("o", "round order: roster, random or volunteers"),
    ("Space", "start the next turn, or end the current one"),
    ("p", "pass: passing is a way of taking part"),
    ("+", "one more minute for this turn"),
    ("a  x", "sharing queue: add or remove the highlighted person"),
    ("[  ]", "move them up or down the queue"),
    ("z", "pause every timer, and resume"),
    ("e", "the highlighted person left early"),
    ("f", "a follow-up flag for the highlighted person"),
    ("k  j", "headcount up or down (groups that keep no names)"),
    ("d", "the next meeting's date (closing)"),
    ("u", "anonymous pulse: count the hands (closing, if set)"),
    ("c", "close the meeting and see its summary"),
    ("h", "hide every name at once; only the timers stay (h again shows them)"),
    ("Escape", "back to your groups; the meeting stays open"),
    ("Ctrl+L", "lock circle; the timers run on, and unlocking comes back here"),
    ("Ctrl+Q", "quit; an open meeting is kept and resumes"),
)


def keys_table(keys: tuple[KeyHelp, ...]) -> Table:
    """Keys right-aligned in a column of their own; a long explanation wraps within its own column."""
    table = Table.grid(padding=(0, 3, 0, 0))
    table.add_column(justify="right", style="bold", no_wrap=True)
    table.add_column()
    for key, words in keys:
        table.add_row(key, words)
    return table


HOME_KEYS: tuple[KeyHelp, ...] = (
    ("↑ ↓", "choose a group"),
    ("m", "run the highlighted group's meeting (or go back to the one in progress)"),
    ("Enter", "the group's roster, format, agreements, rules, crisis resources and facilitators"),
    ("n", "add a new group"),
    ("f", "follow-ups due from past meetings; mark them done"),
    ("t", "attendance trends: is the group growing, do newcomers come back, who stopped coming"),
    ("x", "hand off the highlighted group to another laptop: a file and a code to read aloud"),
    ("i", "import a handoff from another laptop, or one handed back to you"),
    ("p", "change your passphrase"),
    ("Ctrl+P", "every action by name"),
    ("Ctrl+L", "lock circle; unlocking comes back here"),
    ("Ctrl+Q", "quit"),
)

GROUP_KEYS: tuple[KeyHelp, ...] = (
    ("F1 … F6", "roster, format, agreements, rules, crisis resources, facilitators"),
    ("Tab", "the next field"),
    ("a", "add a co-facilitator, who types their own passphrase (Facilitators)"),
    ("g", "give this group to a facilitator of your other groups, passphrase as it is (Facilitators)"),
    ("Delete", "remove the highlighted facilitator, after asking (Facilitators)"),
    ("Ctrl+S", "save what you changed in this tab"),
    ("Escape", "back to your groups"),
    ("Ctrl+L", "lock circle; unlocking comes back here, unsaved changes and all"),
)


class KeysHelp(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close")]

    def __init__(self, title: str, keys: tuple[KeyHelp, ...]) -> None:
        super().__init__()
        self.title_text = title
        self.keys = keys

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="keys-help"):
            yield Static(self.title_text, classes="title")
            with VerticalScroll(id="keys-help-list"):
                yield Static(keys_table(self.keys))
            yield Static("A key that does not fit this moment does nothing. Escape closes this.", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#keys-help-list").focus()

    def action_close(self) -> None:
        self.dismiss(None)
