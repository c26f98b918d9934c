"""Storage errors, each one line that names a file at most, never its contents."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from circle.domain.errors import CircleError


class VaultCorrupt(CircleError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} is not a readable circle vault (corrupt or not a vault); it was left untouched.")


class VaultInUse(CircleError):
    def __init__(self) -> None:
        super().__init__("This vault is already open in another circle window. Close that one first.")


class VaultTooNew(CircleError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} was written by a newer circle; upgrade circle to open it.")


def storage_error(error: sqlite3.Error, path: Path) -> CircleError:
    """Turn an SQLite failure into a plain sentence; nothing about the data goes into it."""
    message = str(error).lower()
    if "full" in message:
        return CircleError("The disk is full; the last change was not saved. Free some space and try again.")
    if "readonly" in message or "read-only" in message:
        return CircleError(f"{path.parent} is read-only; the last change was not saved.")
    if "locked" in message or "busy" in message:
        return VaultInUse()
    if isinstance(error, sqlite3.DatabaseError) and (
        "malformed" in message or "not a database" in message or "corrupt" in message
    ):
        return VaultCorrupt(path)
    return CircleError(f"The vault at {path} could not be used ({type(error).__name__}).")
