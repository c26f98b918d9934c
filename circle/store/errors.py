"""Storage errors, each one line that names a file at most, never its contents."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from circle.domain.errors import CircleError
from circle.language import N_, _, current


class VaultCorrupt(CircleError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} is not a readable circle vault (corrupt or not a vault); it was left untouched.")


class VaultInUse(CircleError):
    message = N_("This vault is already open in another circle window. Close that one first.")


class VaultMoved(CircleError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} was moved, removed or replaced while circle had it open; circle stopped using it and saved "
            "nothing more. Quit circle and start it again."
        )


class DiskFull(CircleError):
    message = N_("The disk is full; the last change was not saved. Free some space and try again.")


class ClearValueDamaged(CircleError):
    """A clear column holds what circle never writes there: another type, or a value out of its range."""

    def __init__(self, where: str) -> None:
        said = _("The vault is damaged or was tampered with: {where} holds a value circle never writes.")
        super().__init__(said.format(where=where))


class VaultTooNew(CircleError):
    def __init__(self, path: Path) -> None:
        super().__init__(_("{file} was written by a newer circle; upgrade circle to open it.").format(file=path))


class VaultNeedsUpdate(CircleError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            _("{file} was written by an older circle; open circle once to update it, then try again.").format(file=path)
        )


class GroupUnvouched(CircleError):
    message = N_("circle can only change a group whose key it holds; nothing was written.")


class VaultChangedOutside(CircleError):
    """The rows of a held group are not what circle last wrote: deleted, reordered or put back from a copy."""

    def __init__(self, changed: Iterable[str]) -> None:
        from babel.lists import (
            format_list,  # only here: a changed vault is rare, and Babel slow to load
        )

        # Each part is marked N_ where it is named (store/integrity.py, workspace/unlock_checks.py).
        parts = sorted(_(part) for part in set(changed))
        self.what = format_list(parts, locale=current())  # "the roster, the meetings and the key", as one says it
        super().__init__(
            _(
                "This vault was changed outside circle (in a group: {parts});"
                " nothing has been written. Restore a copy you trust, or run 'circle accept-changes' to go on with it"
                " as it is."
            ).format(parts=self.what)
        )


def storage_error(error: sqlite3.Error, path: Path) -> CircleError:
    """Turn an SQLite failure into a plain sentence; nothing about the data goes into it."""
    code = getattr(error, "sqlite_errorcode", 0) or 0
    kind = code & 0xFF  # the primary result code, without its extended part
    message = str(error).lower()
    if kind == sqlite3.SQLITE_FULL or "full" in message or (kind == sqlite3.SQLITE_IOERR and _no_room(path.parent)):
        # A full disk can also fail as an I/O error: SQLite cannot size its shared-memory file, for one.
        return DiskFull()
    if code == sqlite3.SQLITE_READONLY_DBMOVED:
        return VaultMoved(path)
    if "readonly" in message or "read-only" in message or (kind == sqlite3.SQLITE_CANTOPEN and _read_only(path.parent)):
        return CircleError(f"{path.parent} is read-only, so circle cannot save there; nothing was changed.")
    if "locked" in message or "busy" in message:
        return VaultInUse()
    if isinstance(error, sqlite3.DatabaseError) and (
        "malformed" in message or "not a database" in message or "corrupt" in message
    ):
        return VaultCorrupt(path)
    if kind == sqlite3.SQLITE_IOERR:
        return CircleError(f"The disk would not read or write {path}; the last change was not saved.")
    return CircleError(f"The vault at {path} could not be used ({type(error).__name__}).")


def _no_room(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < 1024 * 1024
    except OSError:
        return False


def _read_only(folder: Path) -> bool:
    return folder.is_dir() and not os.access(folder, os.W_OK)
