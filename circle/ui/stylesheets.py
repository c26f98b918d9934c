"""circle's stylesheet in two parts, so that the unlock screen paints sooner.

The unlock screen needs a few dozen lines of circle's CSS; parsing all of it, and matching every widget of the
first screen against every rule, took longer than drawing that screen. So the app reads FIRST (unlock.tcss)
before its first screen, and the REST (circle.tcss) a moment after the first paint, while a passphrase is being
typed, or as any other screen is about to be shown, whichever comes first: no other screen is ever shown
without its styles.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, TypeVar

from textual.app import App
from textual.screen import Screen

STYLES = Path(__file__).parent / "styles"
FIRST = STYLES / "unlock.tcss"
REST = STYLES / "circle.tcss"
# Long enough for the first screen to be painted first, far shorter than typing a passphrase.
REST_AFTER_SECONDS = 0.3

ScreenType = TypeVar("ScreenType", bound=Screen[object])


class StyledInTwoParts(App[None]):
    # Absolute, so that subclasses defined elsewhere (benchmarks) still find it.
    CSS_PATH = FIRST
    # The screens that FIRST styles on its own: any other brings in the REST before it is shown.
    FIRST_SCREENS: ClassVar[tuple[type[Screen[object]], ...]] = ()

    def read_the_rest_soon(self) -> None:
        """From the first mount: the REST is read once the first screen has been painted."""
        self.call_after_refresh(self.set_timer, REST_AFTER_SECONDS, self.read_the_rest)

    def read_the_rest(self) -> None:
        if self.stylesheet.has_source(str(REST)):
            return
        # As Textual does for a screen's own CSS_PATH, but with parse() where it calls reparse(): the sources read
        # already come from the stylesheet's cache (emptied whenever the theme's variables change), so only the
        # REST is parsed; reparse() would parse all of them again in a new stylesheet.
        self.stylesheet.read(REST)
        self.stylesheet.parse()
        self.stylesheet.update(self)

    def styled(self, screen: ScreenType) -> ScreenType:
        """`screen` with what it needs read: for the first one (get_default_screen), which Textual shows
        without the step below."""
        if not isinstance(screen, self.FIRST_SCREENS):
            self.read_the_rest()
        return screen

    def _load_screen_css(self, screen: Screen[object]) -> None:
        """Textual's step before a screen is first pushed or switched to."""
        super()._load_screen_css(self.styled(screen))
