"""The meeting's keys: the footer's order in BINDINGS, the order a facilitator asks for them in `?`."""

from __future__ import annotations

from circle.ui.keys import HelpEntry, Key

MEETING_BINDINGS = [
    Key("space", "turn", "Turn", tooltip="Start the next turn, or end this one",
        help="start the next turn, or end the current one"),
    Key("p", "pass_turn", "Pass", tooltip="Pass: passing is a way of taking part",
        help="pass: passing is a way of taking part"),
    Key("plus,equals_sign", "extend", "+1 min", tooltip="One more minute for this turn",
        help="one more minute for this turn"),
    Key("n", "next_phase", "Next", tooltip="On to the next part of the meeting",
        help="on to the next part of the meeting"),
    Key("z", "pause", "Pause", tooltip="Pause every timer, or resume them", help="pause every timer, and resume"),
    # Enter comes from the roster table, which marks the highlighted person the same way.
    Key("t", "toggle_here", "Here/not here", show=False, help_key="Enter or t",
        help="mark the highlighted person here, or not here"),
    Key("N", "newcomer", "Newcomer", tooltip="Add a newcomer", help="add a newcomer"),
    # Unshown, so the footer keeps to 80 columns: the line under the roster names them.
    Key("g", "guest(1)", "Guest +1", show=False, help_key="g  G",
        help="a guest (a visitor with no name, not on the roster): one more, or one fewer"),
    Key("G", "guest(-1)", "Guest −1", show=False),
    Key("e", "left_early", "Left early", show=False, help="the highlighted person left early"),
    Key("a", "enqueue", "Queue", tooltip="Add the highlighted person to the sharing queue", help_key="a  x",
        help="sharing queue: add or remove the highlighted person"),
    Key("x", "dequeue", "Unqueue", show=False),
    Key("left_square_bracket", "move(-1)", "Move up", show=False, help_key="[  ]",
        help="move them up or down the queue"),
    Key("right_square_bracket", "move(1)", "Move down", show=False),
    Key("o", "round_order", "Order", show=False, help="round order: roster, random or volunteers"),
    Key("r", "agreements_read", "Read", tooltip="The agreements have been read",
        help="the agreements have been read (opening)"),
    Key("v", "read_aloud", "Read aloud", tooltip="The agreements, large, for reading aloud",
        help="the agreements, large, for reading aloud (opening)"),
    Key("k", "headcount(1)", "Count +1", tooltip="One more in the room", help_key="k  j",
        help="headcount up or down (groups that keep no names)"),
    Key("j", "headcount(-1)", "Count −1", tooltip="One fewer in the room"),
    Key("w", "another_topic", "Topic", show=False,
        help="choose another topic or reading from the group's list (before the meeting, or in the opening)"),
    Key("d", "next_meeting", "Next date", show=False, help="the next meeting's date (closing)"),
    # The same key twice: shown where the footer has room for it, unshown (named by the guidance and `?`) in a
    # group that keeps no names, whose closing keys would push the crisis key out of 80 columns.
    Key("u", "pulse", "Pulse", tooltip="The anonymous pulse: count the hands for each answer",
        help="anonymous pulse: count the hands (closing, if set)"),
    Key("u", "pulse_unshown", "Pulse", show=False),
    Key("slash", "filter", "Find", show=False, help="find a name"),
    # Unshown, so the footer keeps to 80 columns; the crisis card and `?` name it.
    Key("b", "grounding", "Breathe", show=False,
        help="a grounding pause: the breathing pacer here and on the room display, until b again"),
    # The same key twice: shown in the footer during the closing part, and working, unshown, before it.
    Key("c", "close_meeting", "Close", tooltip="Close the meeting and see its summary",
        help="close the meeting and see its summary"),
    Key("c", "close_meeting_early", "Close", show=False),
    Key("D", "discard_meeting", "Discard", show=False, tooltip="Discard this meeting, opened by mistake",
        help="discard a meeting opened by mistake, before anyone has shared: nothing of it is kept"),
    Key("escape", "leave_screen", "Groups", show=False, help="back to your groups; the meeting stays open"),
    # Unshown: with it, a turn in a group that keeps no names overflows 80 columns. `?` lists it.
    Key("h", "privacy_cover", "Hide names", show=False,
        help="hide every name at once; only the timers stay (h again shows them)"),
    Key("f", "follow_up", "Follow up", show=False, help="a follow-up flag for the highlighted person"),
    # Always in the footer: in a crisis nobody should have to look for it. Its room comes from the lock
    # key, which still works here, unshown (`?` and the privacy cover name it).
    Key("exclamation_mark", "crisis_card", "Crisis", tooltip="Crisis resources and steps",
        help="crisis card: resources, steps, step out, the action taken"),
    Key("ctrl+l", "app.lock", "Lock", show=False, priority=True,
        help="lock circle; the timers run on, and unlocking comes back here"),
    Key("H", "app.hand_over", "Hand over", show=False, tooltip="Hand over to a co-facilitator",
        help="hand over: a co-facilitator unlocks and carries on"),
]

MEETING_HELP: tuple[HelpEntry, ...] = (
    "crisis_card",
    "app.hand_over",
    "toggle_here",
    "newcomer",
    "guest(1)",
    "filter",
    "next_phase",
    "read_aloud",
    "agreements_read",
    "round_order",
    "turn",
    "pass_turn",
    "extend",
    "enqueue",
    "move(-1)",
    "pause",
    "grounding",
    "left_early",
    "follow_up",
    "headcount(1)",
    "next_meeting",
    "another_topic",
    "pulse",
    "close_meeting",
    "discard_meeting",
    "privacy_cover",
    "leave_screen",
    "app.lock",
    ("Ctrl+Q", "quit; an open meeting is kept and resumes"),
)
