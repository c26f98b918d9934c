"""Themes in terminals of 256 or 16 colours, where Rich brings each colour down to the nearest one there.

Text stays readable there (tests/unit/test_themes_in_few_colours.py measures it), but a muted theme's three timer
colours can all fall on one grey in 16 colours. Then the timer takes the terminal's own green, yellow and red.
"""

from __future__ import annotations

from rich.color import Color, ColorSystem
from rich.terminal_theme import TerminalTheme

from circle.ui.themes.files import CIRCLE_VARIABLES, drawn_colour

# Rich's names for a terminal of 16 colours (Console.color_system): ANSI, and the old Windows console.
SIXTEEN_COLOURS = ("standard", "windows")

# The 16 colours as the Linux console shows them (the VGA palette), which is also what Rich matches against.
VGA = TerminalTheme(
    (0, 0, 0), (170, 170, 170),
    [(0, 0, 0), (170, 0, 0), (0, 170, 0), (170, 85, 0), (0, 0, 170), (170, 0, 170), (0, 170, 170), (170, 170, 170)],
    [(85, 85, 85), (255, 85, 85), (85, 255, 85), (255, 255, 85), (85, 85, 255), (255, 85, 255), (85, 255, 255),
     (255, 255, 255)],
)

# The terminal's green, yellow and red, written as VGA has them so that each falls on exactly that colour:
# the bright ones on a dark theme, the plain ones on a light one.
TERMINAL_TIMERS = {True: ("#55FF55", "#FFFF55", "#FF5555"), False: ("#00AA00", "#AA5500", "#AA0000")}


def shown_in(colour: str, system: ColorSystem) -> str:
    """The hex a terminal of `system` shows for `colour` (a 16-colour one as the Linux console does)."""
    return Color.parse(colour).downgrade(system).get_truecolor(VGA).hex


def timers_for_sixteen_colours(colours: dict[str, str], background: str, dark: bool) -> dict[str, str]:
    """The theme's timer colours if 16 colours still tell them apart, else the terminal's green, yellow, red."""
    shown = {shown_in(drawn_colour(colours[name], background), ColorSystem.STANDARD) for name in CIRCLE_VARIABLES}
    if len(shown) == len(CIRCLE_VARIABLES):
        return colours
    return dict(zip(CIRCLE_VARIABLES, TERMINAL_TIMERS[dark], strict=True))
