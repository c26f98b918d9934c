"""What every CLI command shares: one-line errors, passphrases, and printing user text safely."""

from __future__ import annotations

import os
import re
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import date
from functools import wraps
from typing import TYPE_CHECKING, Any

import click

from circle.domain.errors import CircleError, InvalidInput
from circle.domain.passphrase import check_new_passphrase
from circle.domain.text import sanitise
from circle.language import N_, _
from circle.paths import locations
from circle.workspace import Workspace

if TYPE_CHECKING:
    from circle.domain.group import Group

PASSPHRASE_VARIABLE = "CIRCLE_PASSPHRASE"
NEW_PASSPHRASE_VARIABLE = "CIRCLE_NEW_PASSPHRASE"


def fail(message: str) -> None:
    # Messages may quote a path or a file name, which can hold terminal escapes of their own.
    click.echo(f"circle: {safe(message)}", err=True)
    sys.exit(1)


def one_line_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Any problem leaves as one line on stderr and a non-zero exit, never a traceback."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except CircleError as error:
            fail(str(error))
        except click.Abort:
            raise  # a question answered no: click says "Aborted!", in the facilitator's language
        except KeyboardInterrupt:
            sys.exit(130)
        except OSError as error:
            fail(f"{error.strerror or type(error).__name__}{f': {error.filename}' if error.filename else ''}.")
        except Exception as error:  # noqa: BLE001 - the last guard before a traceback would reach a person
            fail(_("an unexpected problem stopped this command ({problem}); the vault is unchanged.").format(
                problem=type(error).__name__
            ))

    return run


def safe(text: str) -> str:
    """User text as printable data: control characters and bidi overrides removed again on output."""
    return sanitise(text).replace("\n", " ").replace("\t", " ")


# Which passphrase is missing, said whole in each case so that a language can say it its own way.
_NO_TERMINAL = {
    "passphrase": N_("No terminal to ask for the passphrase; set {variable} for scripts."),
    "new passphrase": N_("No terminal to ask for the new passphrase; set {variable} for scripts."),
    "lead passphrase": N_("No terminal to ask for the lead passphrase; set {variable} for scripts."),
    "new lead passphrase": N_("No terminal to ask for the new lead passphrase; set {variable} for scripts."),
}


def read_passphrase(
    prompt: str | None = None, *, variable: str = PASSPHRASE_VARIABLE, what: str = "passphrase"
) -> str:
    """From `variable` for scripts, else typed at the terminal, hidden. `what` is a key of _NO_TERMINAL."""
    from_environment = os.environ.get(variable)
    if from_environment is not None:
        return from_environment
    if not sys.stdin.isatty():
        raise CircleError(_(_NO_TERMINAL[what]).format(variable=variable))
    return click.prompt(_("Passphrase") if prompt is None else prompt, hide_input=True)


def read_new_passphrase(
    prompt: str, *, variable: str = NEW_PASSPHRASE_VARIABLE, what: str = "new passphrase"
) -> str:
    """A passphrase being chosen: from `variable` in scripts (checked once), else typed twice and checked."""
    chosen = read_passphrase(prompt, variable=variable, what=what)
    scripted = variable in os.environ
    check_new_passphrase(chosen, chosen if scripted else click.prompt(_("Type it again"), hide_input=True))
    return chosen


FORMAT_UPDATE = N_("circle: bringing this vault to circle's newer format, once; on a vault of years this takes a moment…")


@contextmanager
def unlocked_workspace(
    passphrase: str | None = None, *, read_only: bool = False, meanwhile: Callable[[], object] | None = None
) -> Iterator[Workspace]:
    """The vault, unlocked. read_only: a view that writes nothing (no purge), so it works beside a running circle,
    and compares each group's rows with its manifest as it reads them (Keyring.begin_unlock).
    meanwhile: work for a thread while the key is derived, which leaves Python free (loading what comes next)."""
    with (Workspace.open_to_read(locations()) if read_only else Workspace.open()) as workspace:
        if workspace.is_new:
            raise CircleError(_("This vault has no facilitator yet; run 'circle init' or 'circle' first."))
        passphrase = read_passphrase() if passphrase is None else passphrase
        if workspace.format_update_due:
            click.echo(_(FORMAT_UPDATE), err=True)
        beside = _beside(meanwhile) if meanwhile else None
        try:
            workspace.unlock(passphrase, rows_as_read=read_only)
        finally:
            if beside:
                beside.join()
        yield workspace


def _beside(work: Callable[[], object]) -> threading.Thread:
    def quietly() -> None:
        with suppress(Exception):  # whatever failed here fails again, and is said, where it is needed
            work()

    thread = threading.Thread(target=quietly, name="circle-meanwhile", daemon=True)
    thread.start()
    return thread


@contextmanager
def group_named(name: str) -> Iterator[tuple[Workspace, Group]]:
    """The vault, unlocked, and the group of that name in it (UnknownGroup if you hold none)."""
    with unlocked_workspace() as workspace:
        yield workspace, workspace.find_group(name)


_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_day(typed: str | None, option: str) -> date | None:
    """A --since or --until value: one spelling only, YYYY-MM-DD (fromisoformat would also take 20260105)."""
    if typed is None:
        return None
    if _DAY.fullmatch(typed):
        try:
            return date.fromisoformat(typed)
        except ValueError:
            pass
    raise InvalidInput(
        _("{option} takes a date as YYYY-MM-DD, like 2026-03-01; '{typed}' is not one.").format(option=option, typed=typed)
    )
