"""Under Pilot: a meeting speaks the facilitator's language from attendance to summary, and the pacer's breath, read
aloud to the group, speaks the group's. In Spanish at 80×24 nothing a facilitator needs is cut."""

from __future__ import annotations

from collections.abc import AsyncIterator

from textual.containers import VerticalScroll

from circle.domain.session.pacer import BREATH, breath_in
from circle.language import words_for
from circle.ui.app import CircleApp
from circle.ui.screens.dialogs import Confirm
from circle.ui.screens.meeting import MeetingScreen
from circle.ui.screens.meeting_summary import MeetingSummaryScreen
from circle.ui.screens.privacy_cover import PrivacyCover
from circle.ui.widgets.meeting.people_table import PeopleTable
from circle.workspace import Workspace
from tests.app.conftest import PASSPHRASE, at_home, press_keys, stopped_clock
from tests.app.test_group_settings_in_spanish_in_app import (
    KEY_NAMES,
    screen_text,
    the_groups_own_words,
)
from tests.language_probe import untranslated
from tests.language_spans import without_bracketed_spans


# Keys are named the same in every language, as `?` writes them.
KEYS_BY_NAME = ("Shift", "Escape", "Ctrl", "Space", "Enter")


async def a_whole_meeting(app: CircleApp, pilot: object) -> AsyncIterator[str]:
    """From home through every moment of a meeting to its summary; yields the name of each moment once it is drawn."""
    steps: list[tuple[str, tuple[str, ...]]] = [
        ("attendance", ("m", "enter", "down", "enter")),
        ("opening", ("n",)),
        ("check-in", ("r", "n")),
        ("nobody checked in: on anyway?", ("n",)),
        ("sharing turn", ("y", "home", "a", "space")),
        ("names hidden", ("h",)),
        ("grounding pause", ("h", "b")),
        ("someone still in the queue: on anyway?", ("b", "down", "a", "n")),  # Alan waits behind Ada's turn
        ("stepped out", ("n", "s")),
        ("break", ("s", "x", "space", "n")),
        ("closing", ("n",)),
        ("close the meeting?", ("c",)),
        ("summary", ("y",)),
    ]
    for moment, keys in steps:
        await press_keys(pilot, *keys)  # type: ignore[arg-type]
        assert _reached(app, moment), moment
        yield moment


def _reached(app: CircleApp, moment: str) -> bool:
    """The walk is where it means to be: a question is asked, or the meeting is at the part the moment names."""
    screen = app.screen
    if moment.endswith("?"):
        return isinstance(screen, Confirm)
    if moment == "summary":
        return isinstance(screen, MeetingSummaryScreen)
    if moment == "names hidden":
        return isinstance(screen, PrivacyCover)
    assert isinstance(screen, MeetingScreen)
    state = screen.meeting.state
    kind = {"opening": "opening", "check-in": "check_in", "break": "break", "closing": "closing"}.get(moment)
    if kind is not None:
        return state.phase is not None and str(state.phase) == kind
    if moment == "sharing turn":
        return state.in_turn
    if moment == "grounding pause":
        return screen.meeting.grounding_since is not None
    if moment == "stepped out":
        return bool(state.stepped_out)
    return state.phase is None


def the_groups_breath(code: str) -> list[str]:
    """The pacer's steps in a group's language: read aloud to the group, so they are the group's words."""
    return [step for step, _seconds in breath_in(words_for(code))]


async def test_every_moment_of_a_meeting_goes_through_the_catalog(
    workspace_with_group: Workspace, in_brackets: None
) -> None:
    stopped_clock(workspace_with_group)
    allowed = [*the_groups_own_words(workspace_with_group), *KEY_NAMES, "space", *the_groups_breath("en"), "Sam"]
    async with at_home(workspace_with_group, (120, 40)) as (app, pilot):
        seen = []
        async for moment in a_whole_meeting(app, pilot):
            seen.append(moment)
            assert untranslated(without_bracketed_spans(screen_text(app)), allowed) == [], moment
        assert isinstance(app.screen, MeetingSummaryScreen)
        assert len(seen) == 13


def drawn_words(app: CircleApp) -> set[str]:
    return set(screen_text(app).split())


def words_not_drawn(app: CircleApp) -> list[str]:
    """What a facilitator needs at this moment and cannot see: the footer's keys, the title, the timers, each
    person's status, the question asked; the guidance may run on below, if its pane says so with a scrollbar."""
    screen = app.screen
    drawn = drawn_words(app)
    needed = [binding.binding.description for binding in screen.active_bindings.values()
              if binding.binding.show and binding.enabled] if screen.query("Footer") else []
    if isinstance(screen, Confirm):
        needed.append(getattr(screen.question, "plain", screen.question))
    if isinstance(screen, MeetingScreen):
        needed += [str(line.render()) for line in screen.query("#meeting-title, .timer-panel Line")]
        table = screen.query_one(PeopleTable)
        needed += [str(table.get_cell_at((row, 2))) for row in range(table.row_count)]
        pane = screen.query_one("#guidance-scroll", VerticalScroll)
        if not (pane.max_scroll_y > 0 and pane.show_vertical_scrollbar):
            needed.append(str(screen.query_one("#guidance").render()))
    if isinstance(screen, PrivacyCover):
        needed += [str(widget.render()) for widget in screen.query("#cover-title, #cover-hint, .timer-panel Line")]
    if isinstance(screen, MeetingSummaryScreen):
        needed += [str(widget.render()) for widget in screen.query("#summary, .title")]
    return [word for words in needed for word in words.split() if word not in drawn]


async def test_in_spanish_at_80x24_every_moment_of_a_meeting_is_drawn_whole(
    workspace_with_group: Workspace, in_spanish: None
) -> None:
    stopped_clock(workspace_with_group)
    async with at_home(workspace_with_group, (80, 24)) as (app, pilot):
        async for moment in a_whole_meeting(app, pilot):
            assert words_not_drawn(app) == [], moment


async def test_a_spanish_speaking_facilitator_of_an_english_group_reads_spanish_keys_and_the_groups_english_breath(
    workspace_with_group: Workspace, in_spanish: None
) -> None:
    stopped_clock(workspace_with_group)
    async with at_home(workspace_with_group, (80, 24)) as (app, pilot):
        await press_keys(pilot, "m", "enter", "n", "b")
        drawn = screen_text(app)
        assert "Pausa para centrarnos · Breathe in …" in drawn
        assert "Turno" not in drawn and "Leídos" in drawn and "Seguir" in drawn  # the opening's keys, in Spanish
        assert "Apertura (1 de 5)" in drawn


async def test_an_english_speaking_facilitator_of_a_spanish_group_reads_english_keys_and_the_groups_spanish_breath(
    workspace_with_group: Workspace,
) -> None:
    workspace = workspace_with_group
    workspace.unlock(PASSPHRASE)
    [english] = workspace.groups()
    workspace.create_group("Martes de apoyo", language="es")
    workspace.lock()
    stopped_clock(workspace)
    async with at_home(workspace, (80, 24)) as (app, pilot):
        spanish_first = [overview.name for overview in workspace.groups()].index("Martes de apoyo")
        await press_keys(pilot, *("down",) * spanish_first, "m", "n", "b")
        assert app.screen.meeting.group.name == "Martes de apoyo"
        drawn = screen_text(app)
        assert f"Grounding pause · {the_groups_breath('es')[0]}" in drawn
        assert BREATH[0][0] not in drawn
        assert "Read aloud" in drawn and "Opening (1 of 5)" in drawn
        assert english.name not in drawn


async def test_the_meetings_keys_in_question_mark_go_through_the_catalog(
    workspace_with_group: Workspace, in_brackets: None
) -> None:
    async with at_home(workspace_with_group, (120, 40)) as (app, pilot):
        await press_keys(pilot, "m", "question_mark")
        assert not isinstance(app.screen, MeetingScreen)
        for _page in range(3):
            assert untranslated(without_bracketed_spans(screen_text(app)), [*KEY_NAMES, *KEYS_BY_NAME]) == []
            await press_keys(pilot, "pagedown")
