"""What an attacker with write access to the vault file and no passphrase can do to the clear key columns,
and how a test checks that nothing was sealed to the attacker."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from circle.vault.crypto import associated_data
from circle.vault.errors import SealBroken
from circle.vault.recipients import new_private_key, open_with, public_key


class Attacker:
    """An X25519 key pair of the attacker's own."""

    def __init__(self) -> None:
        self.private_key = new_private_key()
        self.public_key = public_key(self.private_key)

    def swap_public_key(self, home: Path, facilitator_id: str) -> None:
        """Write their public key over a facilitator's clear one, as raw SQL on the file would."""
        with raw_vault(home / "data" / "circle.db") as conn:
            conn.execute("UPDATE facilitators SET public_key = ? WHERE id = ?", [self.public_key, facilitator_id])

    def slots_opened(self, home: Path) -> int:
        """How many key slots of the vault the attacker's private key opens."""
        with closing(sqlite3.connect(home / "data" / "circle.db")) as conn:
            slots = conn.execute("SELECT facilitator_id, group_id, key_version, wrapped_key FROM key_slots").fetchall()
        opened = 0
        for facilitator_id, group_id, version, sealed in slots:
            aad = associated_data(["key_slots", "wrapped_key", facilitator_id, group_id, version])
            try:
                open_with(self.private_key, sealed, aad)
                opened += 1
            except SealBroken:
                pass
        return opened


def raw_vault(vault_file: Path) -> closing[sqlite3.Connection]:
    """The vault file as raw SQL sees it: no key, no checks, every write at once."""
    return closing(sqlite3.connect(vault_file, isolation_level=None))


def key_slots(home: Path) -> list[tuple]:
    with closing(sqlite3.connect(home / "data" / "circle.db")) as conn:
        return conn.execute("SELECT * FROM key_slots ORDER BY facilitator_id, group_id").fetchall()
