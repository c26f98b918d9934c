"""Vault errors. Messages never hold a key, a passphrase or plaintext."""

from circle.domain.errors import CircleError, InvalidInput
from circle.language import N_


class WrongPassphrase(CircleError):
    message = N_("That passphrase does not open this vault.")


class SealBroken(CircleError):
    """A sealed value was changed, moved to another row, or sealed under another key."""

    def __init__(self, where: str = "a sealed value") -> None:
        super().__init__(f"The vault is damaged or was tampered with: {where} does not verify.")


class UnsafeKdfParameters(CircleError):
    """Stored key-derivation parameters are weaker than the floor or beyond a sane cap."""


class HandoffRefused(CircleError):
    """A handoff bundle could not be imported. Catch this to catch every reason below."""

    message = N_("That handoff could not be imported.")



class NotAHandoff(HandoffRefused):
    message = N_("That file is not a circle handoff.")


class HandoffTooNew(HandoffRefused):
    message = N_("That handoff was made by a newer circle; update circle here to import it.")


class HandoffDamaged(HandoffRefused):
    """Truncated, padded, bit-flipped or tampered with: nothing tells these apart, and the cure is the same."""

    message = N_("The handoff file is damaged or incomplete; ask for it to be sent again.")


class HandoffCodeMalformed(HandoffRefused, InvalidInput):
    message = N_("A handoff code is 16 letters and digits, in four groups of four.")


class WrongHandoffCode(HandoffRefused):
    message = N_("That code does not open this handoff; check it with the person who read it out.")


class LeadKeyMistyped(InvalidInput):
    message = N_("That lead key is mistyped: copy the whole line 'circle lead key' printed, starting circle-lead-.")


class WrongLeadPassphrase(CircleError):
    message = N_("That passphrase does not open your lead key.")


class LeadKeyDamaged(CircleError):
    message = N_("Your lead key file is damaged; it cannot be used.")


class LeadKeyTooNew(CircleError):
    message = N_("Your lead key was made by a newer circle; update circle here to use it.")


class LeadBundleRefused(CircleError):
    """A lead bundle could not be imported. Catch this to catch every reason below."""

    message = N_("That lead bundle could not be imported.")



class NotALeadBundle(LeadBundleRefused):
    message = N_("That file is not a circle lead bundle.")


class LeadBundleTooNew(LeadBundleRefused):
    message = N_("This bundle was made by a newer circle; update circle here to import it.")


class LeadBundleDamaged(LeadBundleRefused):
    """Truncated, padded, bit-flipped or tampered with: the cure is the same, a new bundle."""

    message = N_("This bundle is damaged or was changed; ask for a new one.")


class LeadBundleForAnotherLead(LeadBundleRefused):
    message = N_("This bundle is for another lead's key.")


class LeadStoreDamaged(CircleError):
    """The lead's own store of imported counts cannot be read. The bundles it came from can rebuild it."""

    def __init__(self, where: str = "") -> None:
        aside = f"move {where} aside" if where else "move it aside"
        super().__init__(f"Your store of imported bundles is damaged; {aside} and import the bundles again.")


class LeadStoreTooNew(CircleError):
    message = N_("Your store of imported bundles was written by a newer circle; update circle here to read it.")
