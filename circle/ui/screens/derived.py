"""What a thread worker that stretches a passphrase tells its screen.

The rule for threads: the vault is read and written on the event loop only. A screen reads what a
derivation needs there (a workspace `begin_…`), runs only the slow, pure derivation on a thread worker
with `derive`, and finishes (a workspace `finish_…`) in its handler for the message posted back.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.message import Message
from textual.message_pump import MessagePump

from circle.domain.errors import CircleError


class KeyDerived(Message):
    """What the derivation made from `asked` (the value its `begin_…` step returned)."""

    def __init__(self, asked: object, made: object) -> None:
        super().__init__()
        self.asked = asked
        self.made = made


class PassphraseRefused(Message):
    """The derivation refused the passphrase or code (wrong, or already someone's), in its one line."""

    def __init__(self, asked: object, reason: str) -> None:
        super().__init__()
        self.asked = asked
        self.reason = reason


def derive(screen: MessagePump, asked: object, step: Callable[[], object]) -> None:
    """On a thread worker: `step()` (pure: no vault), and its result or refusal posted to `screen`."""
    try:
        made = step()
    except CircleError as error:
        screen.post_message(PassphraseRefused(asked, str(error)))
    else:
        screen.post_message(KeyDerived(asked, made))
