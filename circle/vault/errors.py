"""Vault errors. Messages never hold a key, a passphrase or plaintext."""

from circle.domain.errors import CircleError, InvalidInput


class WrongPassphrase(CircleError):
    def __init__(self) -> None:
        super().__init__("That passphrase does not open this vault.")


class SealBroken(CircleError):
    """A sealed value was changed, moved to another row, or sealed under another key."""

    def __init__(self, where: str = "a sealed value") -> None:
        super().__init__(f"The vault is damaged or was tampered with: {where} does not verify.")


class UnsafeKdfParameters(CircleError):
    """Stored key-derivation parameters are weaker than the floor or beyond a sane cap."""


class HandoffRefused(CircleError):
    """A handoff bundle could not be imported. Catch this to catch every reason below."""

    message = "That handoff could not be imported."

    def __init__(self) -> None:
        super().__init__(self.message)


class NotAHandoff(HandoffRefused):
    message = "That file is not a circle handoff."


class HandoffTooNew(HandoffRefused):
    message = "That handoff was made by a newer circle; update circle here to import it."


class HandoffDamaged(HandoffRefused):
    """Truncated, padded, bit-flipped or tampered with: nothing tells these apart, and the cure is the same."""

    message = "The handoff file is damaged or incomplete; ask for it to be sent again."


class HandoffCodeMalformed(HandoffRefused, InvalidInput):
    message = "A handoff code is 16 letters and digits, in four groups of four."


class WrongHandoffCode(HandoffRefused):
    message = "That code does not open this handoff; check it with the person who read it out."
