"""Every bundled theme in a terminal of 256 colours and in one of 16: text stays readable, and the timer's three
states stay three colours.

Rich brings each colour down to the nearest the terminal has. 256 colours are measured as xterm shows them, 16 as
the Linux console does (the VGA palette, which Rich also matches against); other terminals' 16 differ a little.
"""

from __future__ import annotations

from itertools import combinations

import pytest
import textual.constants
from rich.color import ColorSystem

from circle.ui.themes.files import CIRCLE_VARIABLES, contrast_ratio, drawn_colour, text_pairs
from circle.ui.themes.terminals import TERMINAL_TIMERS, shown_in
from circle.ui.themes.wearing import CircleThemes
from tests.unit.test_themes import BUNDLED, bundled

TERMINALS = {"256": ColorSystem.EIGHT_BIT, "standard": ColorSystem.STANDARD}
# WCAG's least for large text and for what must be made out on a screen (1.4.11). The themes reach 4.5 or more in
# full colour; brought down to a few colours, some muted text loses part of that.
READABLE = 3.0


class ThemedApp(CircleThemes):
    def __init__(self, theme: str) -> None:
        super().__init__()
        self.wear_themes(None)
        self.theme = theme


def variables_in(terminal: str, theme: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The CSS variables circle's app sets for `theme` in a terminal of that colour system (Rich's name)."""
    monkeypatch.setattr(textual.constants, "COLOR_SYSTEM", terminal)
    app = ThemedApp(theme)
    assert app.console.color_system == terminal
    return app.get_css_variables()


@pytest.mark.parametrize("terminal", TERMINALS)
@pytest.mark.parametrize("name", BUNDLED)
def test_every_text_of_a_bundled_theme_stays_readable_in_256_and_in_16_colours(name: str, terminal: str) -> None:
    system = TERMINALS[terminal]
    faint = {
        label: round(ratio, 2)
        for label, text, background in text_pairs(bundled(name))
        if (ratio := contrast_ratio(shown_in(text, system), shown_in(background, system))) < READABLE
    }
    assert faint == {}


@pytest.mark.parametrize("terminal", TERMINALS)
@pytest.mark.parametrize("name", BUNDLED)
def test_the_timers_three_states_are_three_readable_colours_in_256_and_in_16_colours(
    name: str, terminal: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    system = TERMINALS[terminal]
    variables = variables_in(terminal, name, monkeypatch)
    background = shown_in(variables["background"], system)
    shown = {state: shown_in(drawn_colour(variables[state], variables["background"]), system)
             for state in CIRCLE_VARIABLES}
    for first, second in combinations(CIRCLE_VARIABLES, 2):
        assert shown[first] != shown[second], f"{first} and {second} are both {shown[first]}"
    for state, colour in shown.items():
        assert contrast_ratio(colour, background) >= READABLE, state


def test_a_theme_whose_timers_fall_on_one_grey_in_16_colours_takes_the_terminals_green_yellow_and_red(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    own = {state: bundled("calm").variables[state] for state in CIRCLE_VARIABLES}
    assert len({shown_in(colour, ColorSystem.STANDARD) for colour in own.values()}) == 1  # calm's muted three
    in_sixteen = variables_in("standard", "calm", monkeypatch)
    assert tuple(in_sixteen[state] for state in CIRCLE_VARIABLES) == TERMINAL_TIMERS[True]
    in_full_colour = variables_in("truecolor", "calm", monkeypatch)
    assert {state: in_full_colour[state] for state in CIRCLE_VARIABLES} == own
    assert variables_in("standard", "daylight", monkeypatch)["timer-over"] == bundled("daylight").variables["timer-over"]
