"""The two tables the engine dispatches on, each filled by a decorator beside the function it names.

`@applies(EventKind.X)` marks the function that folds an X event into the state (evolve.py);
`@decides(SomeCommand)` marks the function that turns that command into events (decide_*.py).
A test checks that every event kind has its applier and every command its decider.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from typing import Any, TypeVar

from circle.domain.session.schema import EventKind
from circle.domain.session.state import SessionState

Key = TypeVar("Key")
Handler = TypeVar("Handler", bound=Callable[..., Any])

# A decider's answer: the events a command leads to, as (kind, data) pairs not yet stamped.
Change = tuple[EventKind, dict[str, Any]]
Applier = Callable[[SessionState, Mapping[str, Any], datetime], SessionState]
Decider = Callable[[SessionState, Any, datetime], list[Change]]


class Registry(Mapping[Key, Handler]):
    """A read-only table whose entries are added by decorating their functions, once each."""

    def __init__(self) -> None:
        self._handlers: dict[Key, Handler] = {}

    def __call__(self, key: Key) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            if key in self._handlers:
                raise TypeError(f"{key} has a handler already.")
            self._handlers[key] = handler
            return handler

        return register

    def __getitem__(self, key: Key) -> Handler:
        return self._handlers[key]

    def __iter__(self) -> Iterator[Key]:
        return iter(self._handlers)

    def __len__(self) -> int:
        return len(self._handlers)


APPLIERS: Registry[EventKind, Applier] = Registry()
DECIDERS: Registry[type, Decider] = Registry()


def applies(kind: EventKind) -> Callable[[Handler], Handler]:
    """Registers the decorated function as the one that folds `kind` events into the state."""
    return APPLIERS(kind)  # type: ignore[arg-type, return-value]


def decides(command: type) -> Callable[[Handler], Handler]:
    """Registers the decorated function as the one that turns `command` into events."""
    return DECIDERS(command)  # type: ignore[arg-type, return-value]
