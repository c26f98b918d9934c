"""A fresh process that derives one key at circle's default parameters and exits: the baseline of a CLI command
that unlocks the vault, since no such command can take less.

    python -m benchmarks.derive_once

The key is derived by the function a vault's unlock derives with (circle.vault.keyring.derive_kek).
"""

from __future__ import annotations

from circle.vault import keyring

if __name__ == "__main__":
    keyring.derive_kek("a passphrase to derive from", keyring.new_salt(), keyring.KdfParams())
