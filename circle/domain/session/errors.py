"""What the session engine raises: a command that does not fit, or a log that cannot be replayed."""

from circle.domain.errors import CircleError


class SessionRuleError(CircleError):
    """A command that does not fit the session's current state. One line, no user data."""


class SessionLogError(SessionRuleError):
    """A log that cannot be replayed: out of order, or going on after its closing."""


class PartNotFinished(SessionRuleError):
    """Moving on would leave people out of a round or queue, or the agreements unread: asked once, then
    confirmed. `waiting` is how many people would be left out (0 for unread agreements)."""

    def __init__(self, message: str, waiting: int = 0) -> None:
        super().__init__(message)
        self.waiting = waiting
