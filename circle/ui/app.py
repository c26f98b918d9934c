"""The circle app: first run or unlock, then home; and locking, which keeps your place.

Locking lets go of every key and covers the screen, and changes nothing else. The screens
stay on the stack as they were (the tab, what was typed and not saved, a dialog that was
open), because none of them holds a key: the workspace holds the keys, and a meeting screen
holds its meeting (which holds its group's key) and lets go of it when told. Unlocking takes
the cover away and tells each screen the keys are back; the meeting is replayed from its
sealed log, so its timers show the time that really passed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import timedelta

from textual import events
from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from circle.config import Settings, load_settings
from circle.domain.errors import CircleError
from circle.domain.text import sanitise_line
from circle.language import N_, _
from circle.ui.hang_up import leave_when_the_terminal_hangs_up
from circle.ui.keys import Key, footer_key
from circle.ui.screens.base import CircleScreen
from circle.ui.screens.too_small import TooSmallScreen, too_small
from circle.ui.screens.unlock import LockScreen, UnlockScreen
from circle.ui.ending import EndsInOneLine
from circle.ui.stylesheets import StyledInTwoParts
from circle.ui.themes.wearing import CircleThemes
from circle.workspace import VaultLocked, Workspace

# How often the idle time is looked at; a lock comes at most this late.
IDLE_CHECK_SECONDS = 15
# How long after its planned end (finished pauses added) a meeting still keeps the idle lock off. Meetings run
# over, and a facilitator may stay on to talk with someone after the last round; two hours covers any such
# evening. A meeting left open and forgotten (overnight, for days) then locks like any other screen.
MEETING_OVERRUN = timedelta(hours=2)
# What counts as someone at the keyboard. Not a mouse merely passing over.
ACTIVITY = (events.Key, events.Paste, events.MouseDown, events.MouseScrollUp, events.MouseScrollDown)


def idle_lock_seconds(settings: Settings) -> float | None:
    """The idle time before locking; None (from 0) never locks, and a negative number takes the default."""
    minutes = settings.idle_lock_minutes
    if minutes == 0:
        return None
    return 60.0 * (minutes if minutes > 0 else Settings.idle_lock_minutes)


class CircleApp(EndsInOneLine, CircleThemes, StyledInTwoParts):
    FIRST_SCREENS = (UnlockScreen, TooSmallScreen)
    TITLE = "circle"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Key("ctrl+l", "lock", N_("Lock"), priority=True,
            help=N_("lock circle; unlocking comes back to the same place")),
        # Quitting is in the help and the palette; the footer keeps its room for the meeting.
        Key("ctrl+q", "quit", N_("Quit"), priority=True, show=False,
            help=N_("quit; an open meeting is kept and resumes")),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.wear_themes(workspace.locations)
        # Wall-clock seconds, not monotonic: a monotonic clock stops while the laptop sleeps, and a lid
        # closed for an hour must count as an hour idle. Tests put a clock of their own here.
        self.idle_clock: Callable[[], float] = time.time
        self._last_activity = self.idle_clock()
        self.idle_lock_seconds: float | None = None
        self.rings_bell = False  # `bell` in config.toml: one bell as a turn reaches its time
        self._locked_by: str | None = None  # who was facilitating when circle locked

    def get_key_display(self, binding: Binding) -> str:
        # As Textual shows it, without its Unicode lookup of each key: name tables a meeting need not page in.
        return footer_key(binding) or super().get_key_display(binding)

    def _handle_exception(self, error: Exception) -> None:
        """A vault failing under the app (moved away, a disk that stops working) can surface in any screen's read.

        The screens catch what they expect; anything else from circle ends the app with its one line, as a
        refusal at start-up does, and never with a traceback (Textual's would show local values: names, keys).
        """
        if isinstance(error, CircleError):
            self.stopped_by = sanitise_line(str(error))
            self._exception_event.set()  # as Textual does: nothing waits for events the ending app won't handle
            self.exit(return_code=1)
            return
        super()._handle_exception(error)

    def on_mount(self) -> None:
        self.report_theme_problems()
        self.remember_theme_changes()
        settings, _ = load_settings(self.workspace.locations.config_file)  # wear_themes reported any problem
        self.idle_lock_seconds = idle_lock_seconds(settings)
        self.rings_bell = settings.bell
        self.set_interval(IDLE_CHECK_SECONDS, self.lock_if_idle)
        leave_when_the_terminal_hangs_up(self)
        self.read_the_rest_soon()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, ACTIVITY):
            self._last_activity = self.idle_clock()
        await super().on_event(event)  # and on to the screens, as ever

    def on_resize(self, event: events.Resize) -> None:
        self._fit_window(event.size.width, event.size.height)

    def _fit_window(self, width: int, height: int) -> None:
        """Cover a window too small to read, and uncover it when it grows; the screens beneath stay as they were."""
        covered = isinstance(self.screen, TooSmallScreen)
        if too_small(width, height) and not covered:
            self.push_screen(TooSmallScreen())
        elif covered and not too_small(width, height):
            self.pop_screen()

    def get_default_screen(self) -> Screen[None]:
        """The first screen is the real one (not pushed over a blank), so it paints sooner."""
        if self.workspace.is_new:
            from circle.ui.screens.first_run import FirstRunScreen  # only ever needed once

            return self.styled(FirstRunScreen())
        return self.styled(UnlockScreen())

    def show_home(self, *, prefer: str | None = None) -> None:
        """Home, with a meeting left open on top (the `prefer` group's, if it is one of them)."""
        self._pop_to(1)
        # A meeting left open (a crash, a quit, a takeover) comes straight back where it was; home is made
        # when the facilitator leaves it (home_later.py).
        in_progress = self.workspace.meetings_in_progress()
        if in_progress:
            from circle.ui.screens.home_later import HomeLater
            from circle.ui.screens.meeting import MeetingScreen

            group_id = prefer if prefer in in_progress else in_progress[0]
            self.push_screen(HomeLater())
            self.push_screen(MeetingScreen(self.workspace.meeting(group_id)))
            return
        # Imported after unlock so that start-up loads only what the unlock screen needs.
        from circle.ui.screens.home import HomeScreen

        self.push_screen(HomeScreen())

    def _pop_to(self, depth: int) -> None:
        """Close screens from the top until `depth` are left."""
        while len(self.screen_stack) > depth:
            self.pop_screen()

    def action_command_palette(self) -> None:
        # Textual's own, with its prompt in the facilitator's language.
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=_("Search for commands…")))

    def search_themes(self) -> None:
        from textual.command import CommandPalette
        from textual.theme import ThemeProvider

        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=_("Search for themes…")))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from circle.ui.palette import screen_commands, textual_commands

        yield from screen_commands(self, screen)
        yield from textual_commands(super().get_system_commands(screen))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "lock":
            return self.workspace.is_unlocked
        return True

    def in_meeting(self) -> bool:
        """A meeting screen anywhere on the stack, even under a dialog or the privacy cover."""
        from circle.ui.screens.meeting import MeetingScreen  # loaded by home already; not at start-up

        return any(isinstance(screen, MeetingScreen) for screen in self.screen_stack)

    def meeting_within_its_time(self) -> bool:
        """A meeting on the stack that has not passed its planned end by more than MEETING_OVERRUN.

        Measured on the meeting's own clock, not the idle one: the time it has been open, not untouched.
        An ongoing pause does not move the end here, or a meeting left paused would keep circle open for ever.
        """
        from circle.ui.screens.meeting import MeetingScreen

        for screen in self.screen_stack:
            if isinstance(screen, MeetingScreen):
                try:
                    meeting = screen.meeting
                except VaultLocked:
                    continue  # it let go of its meeting (closed while circle was locked): nothing runs there
                end = meeting.state.expected_end
                if end is None or meeting.now() < end + MEETING_OVERRUN:
                    return True
        return False

    def turn_reached_its_time(self) -> None:
        """The one gentle cue there is, and only when asked for: a terminal bell, never a flash."""
        if self.rings_bell:
            self.bell()

    def lock_if_idle(self) -> None:
        """Lock after the idle time in config.toml; never in a meeting within its time (it has the privacy cover).

        A meeting left open comes back at every unlock, so past its time it no longer keeps the lock off.
        """
        if self.idle_lock_seconds is None or not self.workspace.is_unlocked or self.meeting_within_its_time():
            return
        now = self.idle_clock()
        # A clock set back would otherwise put the lock off by as long; count from now instead.
        self._last_activity = min(self._last_activity, now)
        if now - self._last_activity >= self.idle_lock_seconds:
            self.action_lock()

    def action_lock(self) -> None:
        """Let go of every key, then cover the screens as they are (see this module's docstring)."""
        self._lock(LockScreen(meeting_running=self.in_meeting()))

    def action_hand_over(self) -> None:
        """Lock for a co-facilitator of the meeting's group, named first: their own passphrase opens circle
        again, at the meeting, as them. With nobody to hand to, circle says so and stays open."""
        from circle.ui.hand_over import NO_MEETING, NOBODY_TO_HAND_TO, hand_over_question, who_can_take_over
        from circle.ui.screens.dialogs import Confirm

        group_id = self._meeting_group_on_stack()
        if group_id is None or not self.workspace.is_unlocked:
            self.notify(NO_MEETING, severity="warning", markup=False)
            return
        handles = who_can_take_over(self.workspace, group_id)
        if not handles:
            self.notify(NOBODY_TO_HAND_TO, severity="warning", markup=False, timeout=10)
            return
        self.push_screen(Confirm(hand_over_question(handles)), lambda sure: sure and self._hand_over_to(handles))

    def _hand_over_to(self, handles: list[str]) -> None:
        from circle.ui.hand_over import handed_over_lead

        self._lock(LockScreen(meeting_running=self.in_meeting(), lead=handed_over_lead(handles)))

    def _lock(self, cover: LockScreen) -> None:
        if not self.workspace.is_unlocked:
            return  # already locked: the cover is up and nothing holds a key
        self._locked_by = self.workspace.facilitator_id
        self.workspace.lock()
        for screen in self.screen_stack:
            if isinstance(screen, CircleScreen):
                screen.vault_locked()
        self.push_screen(cover, self._back_from_lock)
        self.refresh_bindings()

    def _back_from_lock(self, _: None = None) -> None:
        """The cover is gone: each screen picks up its keys; one with nothing left closes, with those above it.

        Someone else unlocking (a co-facilitator taking over) starts from their own home instead: the screens
        underneath were the other facilitator's, and may show groups that are not theirs.
        """
        if self.workspace.facilitator_id != self._locked_by:
            from circle.ui.hand_over import NOT_YOURS

            was_open = self._meeting_group_on_stack()
            self.show_home(prefer=was_open)
            if was_open is not None and was_open not in self.workspace.meetings_in_progress():
                # Not theirs to see (not even its name), but not a silent disappearance either.
                self.notify(NOT_YOURS, markup=False, timeout=10)
        else:
            for depth, screen in enumerate(self.screen_stack):
                if isinstance(screen, CircleScreen) and not screen.vault_unlocked():
                    self._pop_to(depth)
                    break
        self._fit_window(self.size.width, self.size.height)  # the window may have changed size under the cover
        self.refresh_bindings()

    def _meeting_group_on_stack(self) -> str | None:
        from circle.ui.screens.meeting import MeetingScreen

        meetings = [screen for screen in self.screen_stack if isinstance(screen, MeetingScreen)]
        return meetings[0].group_id if meetings else None
