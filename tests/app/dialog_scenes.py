"""The dialogs, records and help screens, each reached in the real app as a facilitator reaches it, and read as
drawn: the words a test may find there that are data (names, a group's own words, a path), and the sentences
that must be read whole.

Each scene is an async generator over a workspace: it runs the app, and yields what one screen or dialog shows,
read while it is on screen. The language is whatever the test speaks when it runs the scene.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from textual.content import Content
from textual.widget import Widget
from textual.widgets import Footer

from circle.domain.notes import NoteDraft, NoteKind, SafetyAction
from circle.domain.rules import NotesPolicy
from circle.domain.session import Arrive
from circle.language import current
from circle.language.days import day_in
from circle.ui.app import CircleApp
from circle.ui.screens.dialogs import Ask, Choose, Confirm
from circle.workspace import Workspace
from tests.app.conftest import PASSPHRASE, at_home, press_keys
from tests.app.drawn import drawn_in, read, resized

# Key names stay the same in every language, as the keyboard has them; a footer writes some in lower case.
KEY_NAMES = ("Enter", "Escape", "esc", "Space", "space", "Ctrl", "Shift", "Tab", "enter", "circle")
PULSE_QUESTION = "How hopeful do you feel today?"


Said = str | tuple[str, dict[str, object]]


@dataclass(frozen=True)
class Seen:
    name: str
    text: str  # the screen or dialog as drawn, rows run together
    data: tuple[str, ...]  # words that are data, not circle's own
    # Sentences that must be drawn whole, in the language spoken: an English msgid, with its placeholders' values.
    whole: tuple[Said, ...]


def seen(name: str, app: CircleApp, widgets: list[Widget], data: tuple[str, ...], whole: tuple[Said, ...]) -> Seen:
    return Seen(name, read(drawn_in(app, *widgets)), (*data, *KEY_NAMES), whole)


def group_words(workspace: Workspace) -> tuple[str, ...]:
    """Everything the group wrote itself, and its people's names."""
    group = workspace.group(workspace.groups()[0].id)
    profile = group.profile
    resources = [part for resource in profile.crisis_resources for part in (resource.name, resource.contact, resource.when)]
    agreements = profile.agreements
    members = [member.shown for member in workspace.members(group.id)]
    return (
        group.name, *members, *resources, agreements.text, agreements.confidentiality_limits,
        agreements.mandated_reporter, group.rules.pulse_question,
    )


async def small_dialogs(workspace: Workspace) -> AsyncIterator[Seen]:
    async with at_home(workspace) as (app, pilot):
        question = Content("Robin?")
        for dialog, whole in (
            (Confirm(question), ("y: yes    n or Escape: no",)),
            (Ask(question), ("Enter: done    Escape: cancel",)),
            (Choose("Robin?", [(Content("Ada"), "ada")]), ("↑ ↓ then Enter: choose    Escape: cancel",)),
        ):
            app.push_screen(dialog)
            await pilot.pause()
            yield seen(type(dialog).__name__, app, [dialog.query_one(".dialog")], ("Robin", "Ada"), whole)
            app.pop_screen()
            await pilot.pause()


def with_follow_ups(workspace: Workspace) -> None:
    """A meeting held in which Ada stepped out (a flag) and was supported one-to-one (an action)."""
    workspace.unlock(PASSPHRASE)
    group = workspace.group(workspace.groups()[0].id)
    workspace.change_rules(group.id, replace(group.rules, notes=NotesPolicy.BRIEF))
    ada = workspace.members(group.id)[0]
    meeting = workspace.meeting(group.id)
    meeting.do(Arrive(ada.id))
    meeting.step_out(ada.id)
    meeting.note(NoteDraft(NoteKind.SAFETY, action=SafetyAction.ONE_TO_ONE))
    meeting.close()


async def follow_ups_and_their_keys(workspace: Workspace) -> AsyncIterator[Seen]:
    with_follow_ups(workspace)
    today = day_in(current(), workspace.clock.now().astimezone().date())
    async with at_home(workspace) as (app, pilot):
        await press_keys(pilot, "f")
        app.clear_notifications()
        await pilot.pause()
        yield seen(
            "follow-ups", app, [app.screen], (*group_words(workspace), today),
            ("Follow-ups due", "d marks the highlighted one done. Notes are deleted when the group's rules say."),
        )
        await press_keys(pilot, "question_mark")
        yield seen(
            "keys of the follow-ups", app, [app.screen.query_one("#keys-help")], (),
            ("Keys on the follow-ups", "it has been followed up: mark it done",
             "A key that does not fit this moment does nothing. Escape closes this."),
        )


async def attendance(workspace: Workspace) -> AsyncIterator[Seen]:
    from tests.app.test_meetings_in_app import to_the_meetings, with_a_meeting_held

    with_a_meeting_held(workspace, "Ada L.")
    held_on = day_in(current(), date(2026, 3, 2), "EEE dd MMM yyyy")
    async with at_home(workspace) as (app, pilot):
        await to_the_meetings(pilot)
        await press_keys(pilot, "enter")
        app.clear_notifications()
        await pilot.pause()
        yield seen(
            "attendance", app, [app.screen], (*group_words(workspace), held_on),
            (("{there} of {count} marked here. Space or Enter marks; Ctrl+S saves; Escape leaves.", {"there": 1, "count": 3}),
             ("Who came on {day}", {"day": held_on})),
        )


async def crisis_card(workspace: Workspace) -> AsyncIterator[Seen]:
    workspace.unlock(PASSPHRASE)
    group = workspace.group(workspace.groups()[0].id)
    workspace.change_rules(group.id, replace(group.rules, notes=NotesPolicy.BRIEF))
    data = group_words(workspace)
    async with at_home(workspace) as (app, pilot):
        await press_keys(pilot, "m", "enter", "n", "exclamation_mark")
        card = app.screen
        parts = [card.query_one("#crisis-card"), card.query_one(Footer)]
        yield seen(
            "crisis card", app, parts, data,
            ("Crisis card", "Crisis resources", "s keeps a follow-up flag; a records the action taken. Never what was said.",
             "Breathe", "Back"),
        )
        await press_keys(pilot, "s")
        yield seen("who stepped out", app, [app.screen.query_one(".dialog")], data, ("Not by name",))
        await press_keys(pilot, "escape", "a")
        yield seen("what was done", app, [app.screen.query_one(".dialog")], data, ("What was done?",))
        await press_keys(pilot, "down", "down", "enter")
        yield seen("action recorded", app, parts, data, ("Recorded: supported one-to-one by the co-facilitator.",))
        card.query_one("#crisis-card-body").scroll_end(animate=False)
        await pilot.pause()
        yield seen(
            "the steps", app, parts, data,
            ("4. If anyone is in immediate danger, call the emergency number now.",),
        )


async def read_aloud(workspace: Workspace) -> AsyncIterator[Seen]:
    async with at_home(workspace) as (app, pilot):
        await press_keys(pilot, "m", "enter", "N", *"Robin", "enter", "n", "v")
        app.clear_notifications()
        await pilot.pause()
        yield seen(
            "read aloud", app, [app.screen], (*group_words(workspace), "Robin"),
            ("Our agreements", "A newcomer is here: please read all of it, the limits of confidentiality too."),
        )


async def pulse(workspace: Workspace) -> AsyncIterator[Seen]:
    from tests.app.test_pulse_in_app import TWO_HERE_AT_CLOSING

    workspace.unlock(PASSPHRASE)
    group = workspace.group(workspace.groups()[0].id)
    workspace.change_rules(group.id, replace(group.rules, pulse_question=PULSE_QUESTION))
    async with at_home(workspace) as (app, pilot):
        await press_keys(pilot, *TWO_HERE_AT_CLOSING, "u")
        yield seen(
            "pulse", app, [app.screen.query_one("#pulse-dialog")], group_words(workspace),
            ("Count the hands for each answer. Nobody's name is kept.",
             "Enter: next answer (on 5: save)    Ctrl+S: save    Escape: cancel"),
        )


async def handoffs(workspace: Workspace) -> AsyncIterator[Seen]:
    async with at_home(workspace) as (app, pilot):
        await press_keys(pilot, "x")
        path = str(Path.home())
        yield seen(
            "hand off", app, [app.screen.query_one("#handoff-export")], (*group_words(workspace), path, "handoff"),
            ("Enter: write the file    Escape: close",),
        )
        await press_keys(pilot, "escape", "i")
        yield seen(
            "import", app, [app.screen.query_one("#handoff-import")], (),
            ("A group handed to you from another laptop, or handed back to you.",
             "Enter: next, then import    Escape: cancel"),
        )


async def too_small(workspace: Workspace) -> AsyncIterator[Seen]:
    async with at_home(workspace) as (app, pilot):
        await resized(pilot, 70, 20)
        yield seen(
            "too small", app, [app.screen.query_one("#too-small")], (),
            ("Everything is where you left it, and timers keep running.",),
        )


SCENES = (small_dialogs, follow_ups_and_their_keys, attendance, crisis_card, read_aloud, pulse, handoffs, too_small)
