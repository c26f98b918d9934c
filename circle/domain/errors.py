"""The errors a person may see. Each message is one plain line and never holds user data."""


class CircleError(Exception):
    """A problem the user can act on; its message is shown as a single line."""


class InvalidInput(CircleError):
    """Something typed or imported does not fit what circle expects."""


class RuleViolation(CircleError):
    """An action would break the group's confidentiality rules."""
