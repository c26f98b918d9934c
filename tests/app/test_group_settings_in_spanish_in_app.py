"""Under Pilot: every tab of a group's settings speaks the facilitator's language, and in Spanish at 80×24 every word
of its labels, buttons, tab titles and footer keys is drawn whole (scrolling the tab to it where it runs long)."""

from __future__ import annotations

from datetime import date, timedelta

from textual.widgets import Button, Static, TabbedContent

from circle.domain.group import Group
from circle.domain.session.pacer import breath_in
from circle.language import LANGUAGES
from circle.domain.records import CancelReason
from circle.language.days import day_in
from circle.ui.app import CircleApp
from circle.ui.screens.dialogs import Confirm
from circle.ui.screens.group import GroupScreen
from circle.ui.screens.group_tabs import TABS, tab_key
from circle.ui.screens.meetings import MeetingsScreen
from circle.workspace import Workspace
from tests.app.conftest import PASSPHRASE, at_home, press_keys, said, stopped_clock
from tests.app.test_roster_in_app import on_roster_list
from tests.language_probe import untranslated
from tests.language_spans import without_bracketed_spans

# Keys are named the same in every language, as the footer writes them.
KEY_NAMES = ("esc", "del")
# Words on the group's screen drawn by widgets and bindings every screen shares (the passphrase fields, `?`, the lock,
# the footer's palette key): they are translated with those, not with the group's settings.
SHARED = ("The same passphrase again", "Keys", "Lock", "palette")
# What the rules mean, under the Rules tab's fields, is written in circle/domain/rules.py and translated there.
RULES_MEANING = "#rules-meaning"
# The bracketed language writes days as Spanish does, from Babel's data: not English either.
SPANISH_DAYS = [
    *(day_in("es", date(2024, 1, 1) + timedelta(days=day), "EEEE EEE") for day in range(7)),
    *(day_in("es", date(2024, month, 1), "MMM") for month in range(1, 13)),
]


def the_groups_own_words(workspace: Workspace) -> list[str]:
    """What the group wrote or was given when it was made, and the pacer's words in its language: shown as they
    are whatever the facilitator speaks."""
    workspace.unlock(PASSPHRASE)
    [overview] = workspace.groups()
    group: Group = workspace.group(overview.id)
    profile = group.profile
    words = [group.name, profile.agreements.text, profile.agreements.confidentiality_limits,
             profile.agreements.mandated_reporter, profile.format.check_in_prompt, profile.format.closing_prompt,
             *profile.format.topics, *(phase.title for phase in profile.format.phases),
             *(step for step, _seconds in breath_in(profile.words)),
             *LANGUAGES.values()]  # each language is named in itself, in every language
    for resource in profile.crisis_resources:
        words += [resource.name, resource.contact, resource.when]
    words += [member.shown for member in workspace.members(group.id)]
    words += [entry.handle for entry in workspace.facilitators(group.id)]
    workspace.lock()
    return words


async def test_every_tab_of_a_groups_settings_goes_through_the_catalog(
    workspace_with_group: Workspace, in_brackets: None
) -> None:
    allowed = [*the_groups_own_words(workspace_with_group), *KEY_NAMES, *SHARED, *SPANISH_DAYS]
    async with at_home(workspace_with_group, (120, 40)) as (app, pilot):
        await press_keys(pilot, "enter")
        assert isinstance(app.screen, GroupScreen)
        for tab in TABS:
            await press_keys(pilot, tab_key(tab).lower())
            assert app.screen.query_one(TabbedContent).active == tab
            meaning = [str(widget.render()) for widget in app.screen.query(RULES_MEANING)] if tab == "rules" else []
            assert untranslated(without_bracketed_spans(screen_text(app)), [*allowed, *meaning]) == [], tab


def screen_text(app: CircleApp) -> str:
    """The screen as drawn, row by row."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())  # noqa: SLF001


def drawn_words(app: CircleApp) -> set[str]:
    return set(screen_text(app).split())


async def every_word_is_drawn(app: CircleApp, pilot: object) -> list[str]:
    """The words of each label, button and line of the active tab that are not on the screen once it is in view."""
    screen = app.screen
    pane = screen.query_one(TabbedContent).active_pane
    assert pane is not None
    missing = []
    for widget in pane.query("Label, Button, Static"):
        if not all(node.display for node in widget.ancestors_with_self if node is not pane):
            continue  # a field the tab hides until its choice needs it
        text = str(widget.label if isinstance(widget, Button) else widget.render())  # type: ignore[attr-defined]
        if not text.strip():
            continue
        widget.scroll_visible(animate=False, immediate=True)
        await pilot.pause()  # type: ignore[attr-defined]
        drawn = drawn_words(app)
        missing += [f"{word} ({text})" for word in text.split() if word not in drawn]
    return missing


async def test_in_spanish_at_80x24_every_word_of_every_tab_is_drawn(
    workspace_with_group: Workspace, in_spanish: None
) -> None:
    async with at_home(workspace_with_group, (80, 24)) as (app, pilot):
        await press_keys(pilot, "enter")
        for tab in TABS:
            await press_keys(pilot, tab_key(tab).lower())
            drawn = drawn_words(app)
            titles = ["Lista", "Formato", "Cuándo", "Acuerdos", "Reglas", "Crisis", "Quienes", "facilitan"]
            assert [title for title in titles if title not in drawn] == [], tab
            footer = [binding.binding.description for binding in app.screen.active_bindings.values()
                      if binding.binding.show and binding.enabled]
            assert [words for words in footer if not all(word in drawn for word in words.split())] == [], tab
            assert await every_word_is_drawn(app, pilot) == [], tab


async def test_in_spanish_the_when_tab_says_the_schedule_back_in_spanish_with_its_next_date(
    workspace_with_group: Workspace, in_spanish: None
) -> None:
    stopped_clock(workspace_with_group)  # Monday 5 January 2026
    async with at_home(workspace_with_group, (80, 24)) as (app, pilot):
        await press_keys(pilot, "enter", "f3")
        await press_keys(pilot, "enter", "down", "enter")  # cada semana → cada dos semanas
        await press_keys(pilot, "tab", "enter", "down", "enter")  # martes
        await press_keys(pilot, "tab", *"2026-01-07")  # a Wednesday: refused, in Spanish, before it is saved
        assert said_back(app) == "El 07 ene 2026 es miércoles; el grupo se reúne cada martes."
        await press_keys(pilot, *("backspace",) * 2, *"06")
        assert said_back(app) == "Cada dos martes a las 19:00 · la próxima: mar 06 ene 2026"
        await press_keys(pilot, "ctrl+s")
        assert said(app)[-1] == "Guardado."


def said_back(app: CircleApp) -> str:
    return str(app.screen.query_one("#schedule-said", Static).render())


async def test_in_spanish_at_80x24_the_erase_question_is_drawn_whole_and_no_answers_in_spanish(
    workspace_with_group: Workspace, in_spanish: None
) -> None:
    async with at_home(workspace_with_group, (80, 24)) as (app, pilot):
        await on_roster_list(pilot, "Alan T.")
        await press_keys(pilot, "e")
        assert isinstance(app.screen, Confirm)
        drawn = drawn_words(app)
        assert [word for word in app.screen.question.plain.split() if word not in drawn] == []
        await press_keys(pilot, "n")
        assert said(app)[-1] == "No se borró a nadie."


def with_a_held_and_a_cancelled_meeting(workspace: Workspace) -> None:
    """Held on Monday 5 January 2026; the 1st of December cancelled ahead, so it is listed first."""
    stopped_clock(workspace)
    workspace.unlock(PASSPHRASE)
    [overview] = workspace.groups()
    workspace.meeting(overview.id).close()
    workspace.cancel_meeting(overview.id, date(2026, 12, 1), CancelReason.VENUE)
    workspace.lock()


async def test_the_groups_meetings_f8_go_through_the_catalog(
    workspace_with_group: Workspace, in_brackets: None
) -> None:
    with_a_held_and_a_cancelled_meeting(workspace_with_group)
    allowed = [*the_groups_own_words(workspace_with_group), *KEY_NAMES, *SHARED, *SPANISH_DAYS]
    async with at_home(workspace_with_group, (120, 40)) as (app, pilot):
        await press_keys(pilot, "enter", "f8")
        assert isinstance(app.screen, MeetingsScreen)
        assert untranslated(without_bracketed_spans(screen_text(app)), allowed) == []
        await press_keys(pilot, "x")  # the newest first: the cancelled date
        assert isinstance(app.screen, Confirm)
        assert untranslated(without_bracketed_spans(str(app.screen.question)), allowed) == []


async def test_in_spanish_at_80x24_the_groups_meetings_are_said_in_spanish(
    workspace_with_group: Workspace, in_spanish: None
) -> None:
    with_a_held_and_a_cancelled_meeting(workspace_with_group)
    async with at_home(workspace_with_group, (80, 24)) as (app, pilot):
        await press_keys(pilot, "enter", "f8")
        drawn = screen_text(app)
        assert "Reuniones · Tuesday Evening Support" in drawn
        assert "mar 01 dic 2026" in drawn and "cancelada: " in drawn  # the reason: the domain's words
        assert "lun 05 ene 2026" in drawn and "celebrada" in drawn
        hint = "Enter corrige quién vino, c cancela una fecha, x descarta una reunión abierta por error."
        assert [word for word in hint.split() if word not in drawn_words(app)] == []
        await press_keys(pilot, "x", "y")
        assert said(app)[-1] == "Se descartó la reunión del mar 01 dic 2026."
