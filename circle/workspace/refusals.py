"""Two refusals the app and the command line catch anywhere, apart from the keyring that raises them: the
unlock screen imports them before it paints, and the keyring's modules load only when a passphrase is tried."""

from __future__ import annotations

from circle.domain.errors import CircleError
from circle.language import N_


class VaultLocked(CircleError):
    message = N_("The vault is locked; unlock it first.")


class UnknownGroup(CircleError):
    message = N_("No group by that name in this vault (see 'circle group list').")
