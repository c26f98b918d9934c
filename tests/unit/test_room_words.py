"""Every word the room sees goes through the group's catalog: spoken in the bracketed language, no English is
left outside the brackets at any moment of a meeting, on the display or in what the room page is sent."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from circle.domain.clock import FakeClock
from circle.domain.group import Group, PhaseKind
from circle.domain.session import Arrive, Close, EndTurn, LiveSession, NextPhase, Open, Pause, Resume, StartTurn
from circle.domain.session.pacer import BREATH_SECONDS, pacer
from circle.domain.session.room import read_room, room_view
from circle.domain.session.room_words import KIND_TITLES, state_mark
from circle.domain.session.timing import TimerState
from circle.domain.templates import template
from circle.language import Words, words_for
from circle.web.reading import key_for
from tests.language_probe import Bracketed, untranslated
from tests.meeting_builders import sequential_ids

START = datetime(2026, 3, 4, 18, 30, tzinfo=UTC)
PROBE = Words("es", Bracketed())


def _readings() -> list[str]:
    """What the room sees at every part of a meeting, through a turn, a pause, a grounding pause and the close."""
    clock = FakeClock(START)
    chosen = template("support-90")
    group = Group(id="group-1", name="Tuesday", profile=chosen.profile, rules=chosen.rules)
    live = LiveSession(clock, sequential_ids("event-"))
    live.do(Open.for_group(group, "facilitator-1"))
    live.do(Arrive("ada"))
    seen = []

    def look(**options: object) -> None:
        reading = read_room(room_view(live.state, "s1", names_allowed=False, **options), clock.now(), words=PROBE)
        seen.extend([reading.headline, reading.caption, reading.footnote, reading.pacer])

    look()
    look(grounding_since=clock.now())
    for _part in live.state.phases:
        live.do(NextPhase(confirmed=True))
        clock.advance(5)
        look()
        if live.state.phase is PhaseKind.SHARING:
            live.do(StartTurn("ada"))
            clock.advance(60 * 60)  # past the turn's end and the part's: "over"
            look()
            live.do(Pause())
            look()
            live.do(Resume())
            live.do(EndTurn())
    live.do(Close())
    look()
    return seen


def test_no_word_of_the_room_display_escapes_the_groups_catalog() -> None:
    seen = [text for text in _readings() if text]
    assert seen
    assert untranslated("\n".join(seen)) == [], "every word the room sees must come from the catalog"


def test_no_word_the_room_page_is_sent_escapes_the_groups_catalog() -> None:
    key = key_for(PROBE)
    texts = [*key["states"].values(), *(step for step, _ in key["breath"]), *key["words"].values()]
    # "{part}", "{left}", "{time}" are placeholders the page fills in; they are not words.
    assert untranslated("\n".join(texts).replace("{part}", "").replace("{left}", "").replace("{time}", "")) == []


@pytest.mark.parametrize("state", list(TimerState))
@pytest.mark.parametrize("paused", [False, True])
def test_a_timers_state_is_said_in_the_groups_words_beside_its_shape(state: TimerState, paused: bool) -> None:
    assert untranslated(state_mark(state, paused, PROBE)) == []
    assert state_mark(state, paused, words_for("en")).split(" ", 1)[1] == ("paused" if paused else str(state))


def test_the_room_names_each_part_kind_as_the_groups_settings_do() -> None:
    assert {kind: title for kind, title in KIND_TITLES.items()} == {kind: kind.title for kind in PhaseKind}


def test_the_pacer_breathes_in_the_groups_language_and_in_english_when_none_is_given() -> None:
    spanish = words_for("es")
    assert [pacer(second, spanish) for second in (0, 4, 6)] == ["Inhalamos …", "Sostenemos …", "Exhalamos, despacio …"]
    assert pacer(0) == "Breathe in …" and pacer(BREATH_SECONDS + 4) == "Hold …"


def test_the_grounding_pause_line_frames_the_groups_step_in_the_facilitators_words() -> None:
    from circle import language
    from circle.ui.grounding_words import grounding_line

    language.use(PROBE)
    try:
        line = grounding_line(START, START, words_for("es"))
    finally:
        language.use(language.ENGLISH)
    assert "Inhalamos …" in line
    assert untranslated(line.replace("Inhalamos", "")) == []
    assert grounding_line(START, START, words_for("en")) == "Grounding pause · Breathe in …   (b ends the pause)"
