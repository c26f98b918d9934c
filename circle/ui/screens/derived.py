"""What a thread worker that stretches a passphrase tells its screen.

The rule for threads: the vault is read and written on the event loop only. A screen reads what a
derivation needs there (a workspace `begin_…`), runs only the slow, pure derivation on a thread worker
with `derive`, and finishes (a workspace `finish_…`) in its handler for the message posted back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from textual.message import Message
from textual.message_pump import MessagePump

from circle.domain.errors import CircleError

T = TypeVar("T")


@dataclass
class KeyDerived(Message):
    """What the derivation made from `asked` (the value its `begin_…` step returned)."""

    asked: object
    made: object


@dataclass
class PassphraseRefused(Message):
    """The derivation refused the passphrase or code (wrong, or already someone's), in its one line."""

    asked: object
    reason: str


def derive(screen: MessagePump, asked: object, step: Callable[[], object]) -> None:
    """On a thread worker: `step()` (pure: no vault), and its result or refusal posted to `screen`."""
    try:
        made = step()
    except CircleError as error:
        screen.post_message(PassphraseRefused(asked, str(error)))
    else:
        screen.post_message(KeyDerived(asked, made))


def finish(step: Callable[[], T], done: Callable[[T], object], refused: Callable[[str], object]) -> None:
    """On the event loop: the vault step, then `done` with its result, or `refused` with its one line."""
    try:
        result = step()
    except CircleError as error:
        refused(str(error))
    else:
        done(result)
