"""What every circle screen shares: access to the workspace and calm one-line messages."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, ClassVar, ParamSpec, TypeVar

from textual.screen import Screen

from circle.domain.errors import CircleError
from circle.language import N_, _
from circle.ui.keys import HelpEntry, Key, help_rows
from circle.ui.language import SaysKeysInTheFacilitatorsLanguage

if TYPE_CHECKING:
    from circle.workspace import Workspace

P = ParamSpec("P")
T = TypeVar("T")


class Failed(Enum):
    """What `CircleScreen.attempt` gives back when the work could not be done (and the screen said why)."""

    FAILED = "failed"


FAILED = Failed.FAILED


class CircleScreen(SaysKeysInTheFacilitatorsLanguage, Screen[None]):
    # `?` comes first in every footer, so that however narrow the window, the way to every key is on show.
    BINDINGS = [
        Key("question_mark", "keys_help", N_("Keys"), tooltip=N_("Every key of this screen, in plain words"),
            help=N_("the keys of this screen, in plain words")),
    ]
    # Marked with N_ where it is written, in English (the README's too), and translated as `?` shows it.
    KEYS_TITLE: ClassVar[str] = N_("Keys")
    # The `?` rows in order: actions of this screen's `Key`s, and keys its widgets or the app handle for it.
    KEYS_HELP: ClassVar[tuple[HelpEntry, ...]] = ()

    def action_keys_help(self) -> None:
        # Loaded when `?` is first pressed, not at start-up.
        from circle.ui.screens.keys_help import KeysHelp

        self.app.push_screen(KeysHelp(_(self.KEYS_TITLE), help_rows(type(self), self.KEYS_HELP)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return bool(self.KEYS_HELP) if action == "keys_help" else True

    def vault_locked(self) -> None:
        """The vault has just locked: let go of anything that holds a key. Most screens hold none."""

    def vault_unlocked(self) -> bool:
        """The vault is open again: pick up what `vault_locked` let go.

        False means this screen has nothing left to show, and the app closes it (and anything above it).
        """
        return True

    @property
    def workspace(self) -> Workspace:
        return self.app.workspace  # type: ignore[attr-defined,no-any-return]

    def add_to_roster(self, group_id: str, typed_name: str) -> None:
        """Add someone as the group's rules allow, then show the roster again."""
        from circle.ui.widgets.group.roster import RosterEditor

        if self.attempt(self.workspace.add_member, group_id, typed_name) is FAILED:
            return
        self.query_one(RosterEditor).show(self.workspace.members(group_id))

    def attempt(self, work: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T | Failed:
        """work(*args, **kwargs); FAILED once a problem it raised has been said in its one line."""
        try:
            return work(*args, **kwargs)
        except CircleError as error:
            self.say(str(error), error=True)
            return FAILED

    def say(self, message: str, *, error: bool = False) -> None:
        """A short notice; markup off, because messages may quote what was typed."""
        self.notify(message, severity="error" if error else "information", markup=False)
