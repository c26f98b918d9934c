"""The meeting's keys: the footer's order in BINDINGS, the order a facilitator asks for them in `?`."""

from __future__ import annotations

from circle.language import N_
from circle.ui.keys import HelpEntry, Key

MEETING_BINDINGS = [
    Key("space", "turn", N_("Turn"), tooltip=N_("Start the next turn, or end this one"),
        help=N_("start the next turn, or end the current one")),
    Key("p", "pass_turn", N_("Pass"), tooltip=N_("Pass: passing is a way of taking part"),
        help=N_("pass: passing is a way of taking part")),
    Key("plus,equals_sign", "extend", N_("+1 min"), tooltip=N_("One more minute for this turn"),
        help=N_("one more minute for this turn")),
    Key("n", "next_phase", N_("Next"), tooltip=N_("On to the next part of the meeting"),
        help=N_("on to the next part of the meeting")),
    Key("z", "pause", N_("Pause"), tooltip=N_("Pause every timer, or resume them"), help=N_("pause every timer, and resume")),
    # Enter comes from the roster table, which marks the highlighted person the same way.
    Key("t", "toggle_here", N_("Here/not here"), show=False, help_key="Enter or t",
        help=N_("mark the highlighted person here, or not here")),
    Key("N", "newcomer", N_("Newcomer"), tooltip=N_("Add a newcomer"), help=N_("add a newcomer")),
    # Unshown, so the footer keeps to 80 columns: the line under the roster names them.
    Key("g", "guest(1)", N_("Guest +1"), show=False, help_key="g  G",
        help=N_("a guest (a visitor with no name, not on the roster): one more, or one fewer")),
    Key("G", "guest(-1)", N_("Guest −1"), show=False),
    Key("e", "left_early", N_("Left early"), show=False, help=N_("the highlighted person left early")),
    Key("s", "step_out", N_("Stepped out"), show=False,
        help=N_("the highlighted person stepped out with the co-facilitator, or is back (s again)")),
    Key("a", "enqueue", N_("Queue"), tooltip=N_("Add the highlighted person to the sharing queue"), help_key="a  x",
        help=N_("sharing queue: add or remove the highlighted person")),
    Key("x", "dequeue", N_("Unqueue"), show=False),
    Key("left_square_bracket", "move(-1)", N_("Move up"), show=False, help_key="[  ]",
        help=N_("move them up or down the queue")),
    Key("right_square_bracket", "move(1)", N_("Move down"), show=False),
    Key("o", "round_order", N_("Order"), show=False, help=N_("round order: roster, random or volunteers")),
    Key("r", "agreements_read", N_("Read"), tooltip=N_("The agreements have been read"),
        help=N_("the agreements have been read (opening)")),
    Key("v", "read_aloud", N_("Read aloud"), tooltip=N_("The agreements, large, for reading aloud"),
        help=N_("the agreements, large, for reading aloud (opening)")),
    Key("k", "headcount(1)", N_("Count +1"), tooltip=N_("One more in the room"), help_key="k  j",
        help=N_("headcount up or down (groups that keep no names)")),
    Key("j", "headcount(-1)", N_("Count −1"), tooltip=N_("One fewer in the room")),
    Key("w", "another_topic", N_("Topic"), show=False,
        help=N_("choose another topic or reading from the group's list (before the meeting, or in the opening)")),
    Key("d", "next_meeting", N_("Next date"), show=False, help=N_("the next meeting's date (closing)")),
    # The same key twice: shown where the footer has room for it, unshown (named by the guidance and `?`) in a
    # group that keeps no names, whose closing keys would push the crisis key out of 80 columns.
    Key("u", "pulse", N_("Pulse"), tooltip=N_("The anonymous pulse: count the hands for each answer"),
        help=N_("anonymous pulse: count the hands (closing, if set)")),
    Key("u", "pulse_unshown", N_("Pulse"), show=False),
    Key("slash", "filter", N_("Find"), show=False, help=N_("find a name; Escape clears it, then leaves the box")),
    # Unshown, so the footer keeps to 80 columns; the crisis card and `?` name it.
    Key("b", "grounding", N_("Breathe"), show=False,
        help=N_("a grounding pause: the breathing pacer here and on the room display, until b again")),
    # The same key twice: shown in the footer during the closing part, and working, unshown, before it.
    Key("c", "close_meeting", N_("Close"), tooltip=N_("Close the meeting and see its summary"),
        help=N_("close the meeting and see its summary")),
    Key("c", "close_meeting_early", N_("Close"), show=False),
    Key("D", "discard_meeting", N_("Discard"), show=False, tooltip=N_("Discard this meeting, opened by mistake"),
        help=N_("discard a meeting opened by mistake, before anyone has shared: nothing of it is kept")),
    Key("escape", "leave_screen", N_("Groups"), show=False, help=N_("back to your groups; the meeting stays open")),
    # Unshown: with it, a turn in a group that keeps no names overflows 80 columns. `?` lists it.
    Key("h", "privacy_cover", N_("Hide names"), show=False,
        help=N_("hide every name at once; only the timers stay (h again shows them)")),
    Key("f", "follow_up", N_("Follow up"), show=False, help=N_("a follow-up flag for the highlighted person")),
    # Always in the footer: in a crisis nobody should have to look for it. Its room comes from the lock
    # key, which still works here, unshown (`?` and the privacy cover name it).
    Key("exclamation_mark", "crisis_card", N_("Crisis"), tooltip=N_("Crisis resources and steps"),
        help=N_("crisis card: resources, steps, step out, the action taken")),
    Key("ctrl+l", "app.lock", N_("Lock"), show=False, priority=True,
        help=N_("lock circle; the timers run on, and unlocking comes back here")),
    Key("H", "app.hand_over", N_("Hand over"), show=False, tooltip=N_("Hand over to a co-facilitator"),
        help=N_("hand over: names who can take over, then locks")),
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
    "step_out",
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
    ("Ctrl+Q", N_("quit; an open meeting is kept and resumes")),
)
