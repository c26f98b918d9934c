"""What the session engine raises: a command that does not fit, or a log that cannot be replayed."""

from circle.domain.errors import CircleError


class SessionRuleError(CircleError):
    """A command that does not fit the session's current state. One line, no user data."""


class SessionLogError(SessionRuleError):
    """A log that cannot be replayed: out of order, or going on after its closing."""
