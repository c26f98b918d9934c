"""Files only their owner may read: private folders, new private files, and whole-file replacement.

Every file circle writes goes through here, so each is 0600 from its first byte and none is ever seen half
written.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from circle.domain.errors import CircleError
from circle.language import N_, _

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600  # on Windows only its write bit counts: the user profile's ACLs keep others out
# Windows opens a bare descriptor in text mode: each \n written would become \r\n, and a read would stop at ^Z.
BINARY = getattr(os, "O_BINARY", 0)


def ensure_private_dir(path: Path) -> Path:
    """Create `path` and any missing parents readable by their owner only; `path` is narrowed if it exists.

    mkdir's mode is cut by the umask but never widened, and `parents=True` ignores it for the parents;
    so each folder is made one by one and set to 0700 whatever the umask (a home under umask 000 was 0777).
    Parents that were already there are the user's and are left as they are.
    """
    try:
        missing = [folder for folder in (path, *path.parents) if not folder.exists()]
        for folder in reversed(missing):
            folder.mkdir(exist_ok=True, mode=PRIVATE_DIR_MODE)  # exist_ok: another circle may make it meanwhile
            if os.name == "posix":
                folder.chmod(PRIVATE_DIR_MODE)
        path.mkdir(exist_ok=True, mode=PRIVATE_DIR_MODE)  # a file in the way fails here, as one plain line
        if os.name == "posix":
            path.chmod(PRIVATE_DIR_MODE)
    except OSError as error:
        raise CircleError(
            _("Cannot use the folder {path}: {problem}.").format(path=path, problem=error.strerror or error)
        ) from None
    return path


def make_private(path: Path) -> None:
    """Narrow a file that something else created (SQLite's) to its owner."""
    if os.name == "posix" and path.exists():
        path.chmod(PRIVATE_FILE_MODE)


def write_private_file(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write a new file readable by its owner only; an existing file is never overwritten."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | BINARY, PRIVATE_FILE_MODE)
    except FileExistsError:
        raise CircleError(_("There is already a file at {path}; choose another name.").format(path=path)) from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
    except OSError:
        path.unlink(missing_ok=True)  # a half-written bundle (a full disk) must not look like a whole one
        raise


def replace_atomically(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write `data` to a new file beside `path` (0600), then rename it over `path`.

    A reader sees the old file or the new one, never half of one; a failure leaves the old one alone.
    `durable` syncs the file and its folder, so the new one also survives a power cut; a file rewritten
    every few seconds and worthless after the meeting (the room board) skips that.
    """
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.new")
    write_private_file(temporary, data, durable=durable)  # removes itself if the write fails
    try:
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise
    if durable:
        _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # the rename is done; only its durability across a power cut is left to the file system
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


class NotARegularFile(CircleError):
    """A device, a pipe or a socket: it may never end, or block until someone writes to it."""


def read_at_most(path: Path, limit: int) -> bytes | None:
    """A regular file's bytes, or None when it holds more than `limit`: never more than `limit` + 1 bytes are
    read, whatever `path` is (`/dev/zero` never ends). Opened without blocking, so a pipe is refused at once."""
    fd = os.open(path, os.O_RDONLY | BINARY | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotARegularFile(_("{path} is not a regular file; nothing was read.").format(path=path))
        with os.fdopen(fd, "rb") as file:
            fd = -1  # the file object closes it now
            data = file.read(limit + 1)
    finally:
        if fd >= 0:
            os.close(fd)
    return None if len(data) > limit else data


def read_file_to_import(path: Path, limit: int, *, kind: str) -> bytes | None:
    """`read_at_most` for a file a person names to import (a `kind` such as "handoff file"): every reason it
    cannot be read is one CircleError naming the path; None, as there, when it holds more than `limit`."""
    try:
        return read_at_most(path, limit)
    except FileNotFoundError:
        raise CircleError(_("No file at {path}.").format(path=path)) from None
    except IsADirectoryError:
        folder = _FOLDER_NOT_FILE.get(kind, N_("{path} is a folder, not a file."))
        raise CircleError(_(folder).format(path=path)) from None
    except NotARegularFile:
        raise CircleError(
            _("{path} is not a file circle could have written; nothing was imported.").format(path=path)
        ) from None
    except OSError as error:
        raise CircleError(
            _("{path} could not be read ({problem}).").format(path=path, problem=error.strerror or type(error).__name__)
        ) from None


# The refusal of a folder named where a file is wanted, one whole sentence for each kind of file.
_FOLDER_NOT_FILE = {
    "handoff file": N_("{path} is a folder, not a handoff file."),
    "format file": N_("{path} is a folder, not a format file."),
}
