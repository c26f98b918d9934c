"""What every CLI command shares: one-line errors, passphrases, and printing user text safely."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any

import click

from circle.domain.errors import CircleError
from circle.domain.text import sanitise
from circle.workspace import Workspace

PASSPHRASE_VARIABLE = "CIRCLE_PASSPHRASE"


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
        except KeyboardInterrupt:
            sys.exit(130)
        except OSError as error:
            fail(f"{error.strerror or type(error).__name__}{f': {error.filename}' if error.filename else ''}.")
        except Exception as error:  # noqa: BLE001 - the last guard before a traceback would reach a person
            fail(f"an unexpected problem stopped this command ({type(error).__name__}); the vault is unchanged.")

    return run


def safe(text: str) -> str:
    """User text as printable data: control characters and bidi overrides removed again on output."""
    return sanitise(text).replace("\n", " ").replace("\t", " ")


def read_passphrase(prompt: str = "Passphrase") -> str:
    from_environment = os.environ.get(PASSPHRASE_VARIABLE)
    if from_environment is not None:
        return from_environment
    if not sys.stdin.isatty():
        raise CircleError(f"No terminal to ask for the passphrase; set {PASSPHRASE_VARIABLE} for scripts.")
    return click.prompt(prompt, hide_input=True)


@contextmanager
def unlocked_workspace(passphrase: str | None = None) -> Iterator[Workspace]:
    with Workspace.open() as workspace:
        if workspace.is_new:
            raise CircleError("This vault has no facilitator yet; run 'circle init' or 'circle' first.")
        workspace.unlock(read_passphrase() if passphrase is None else passphrase)
        yield workspace
