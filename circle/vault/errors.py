"""Vault errors. Messages never hold a key, a passphrase or plaintext."""

from circle.domain.errors import CircleError


class WrongPassphrase(CircleError):
    def __init__(self) -> None:
        super().__init__("That passphrase does not open this vault.")


class SealBroken(CircleError):
    """A sealed value was changed, moved to another row, or sealed under another key."""

    def __init__(self, where: str = "a sealed value") -> None:
        super().__init__(f"The vault is damaged or was tampered with: {where} does not verify.")


class UnsafeKdfParameters(CircleError):
    """Stored key-derivation parameters are weaker than the floor or beyond a sane cap."""
