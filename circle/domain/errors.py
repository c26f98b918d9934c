"""The errors a person may see. Each message is one plain line and never holds user data."""

from circle.language import N_, _


class CircleError(Exception):
    """A problem the user can act on; its message is shown as a single line.

    A kind of problem with one fixed wording says it as data (`message = N_("...")`); one whose
    wording varies passes the line when it is raised.
    """

    message = N_("Something went wrong.")

    def __init__(self, message: str | None = None) -> None:
        # A fixed wording is marked with N_ where it is written, and said in the facilitator's language when raised.
        super().__init__(_(self.message) if message is None else message)



class InvalidInput(CircleError):
    """Something typed or imported does not fit what circle expects."""


class RuleViolation(CircleError):
    """An action would break the group's confidentiality rules."""
