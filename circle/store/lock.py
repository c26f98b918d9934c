"""One writer per vault: a lock held for as long as circle has the vault open.

The lock itself is flock on Linux and macOS, taken here as filelock takes it (a whole-file exclusive lock,
without waiting; contention is EAGAIN, EWOULDBLOCK or, on some filesystems, EACCES), and filelock's descriptor
lock elsewhere: LockFileEx on Windows. filelock is pure Python with no dependencies of its own, tested on all
three, and what virtualenv and tox lock with; its `lock_descriptor` locks a descriptor circle opened itself, so
the checks below still see which file is locked. It is imported only where there is no flock: loading it costs
every start of circle about as much as the rest of its store. portalocker would lock the same way, with a
dependency (pywin32) on Windows. The operating system drops the lock when the process ends, however it ends, so
a killed circle never blocks the next one (Windows frees it "depending on available system resources": a moment later,
at worst, and a second try then opens the vault). On Windows an open file cannot be renamed or removed, so the
case below does not arise there.

A lock belongs to the open file, not to its name: renamed or removed while circle runs, the lock file at the
path would be a new one, free for a second circle to take. So the lock is taken only on the file that is at the
path, and before each write the holder checks it still is; if not, it takes the lock at the path again, or stops
(VaultInUse) when another circle has it. Stopped for good: the other circle may have written since, and what this
one holds in memory (a live meeting's log) would no longer be the vault's.
"""

from __future__ import annotations

import os
from errno import EACCES, EAGAIN, EWOULDBLOCK
from pathlib import Path

from circle.files import PRIVATE_FILE_MODE
from circle.store.errors import VaultInUse

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

_CONTENTION = frozenset({EACCES, EAGAIN, EWOULDBLOCK})

# Each attempt loses only to a rename between opening the file and locking it; more than a few means something
# keeps moving the file, and circle stops rather than spin.
ATTEMPTS = 5


class VaultLock:
    def __init__(self, path: Path) -> None:
        self._path = path
        self._fd: int | None = None
        self._lost = False

    def acquire(self) -> None:
        for _ in range(ATTEMPTS):
            fd = os.open(self._path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE_MODE)
            try:
                taken = _lock(fd)
            except BaseException:
                os.close(fd)
                raise
            if not taken:
                os.close(fd)
                raise VaultInUse()
            if self._at_the_path(fd):
                self._fd = fd
                return
            self._close(fd)  # renamed or replaced between the open and the lock: lock what is there now
        raise VaultInUse()

    def hold(self) -> None:
        """Before a write: make sure the lock held is the file at the path, taking it again if it was renamed or
        removed; VaultInUse (and the lock as it was) if another circle holds the one there now."""
        held = self._fd
        if self._lost:
            raise VaultInUse()
        if held is None or self._at_the_path(held):
            return
        self._fd = None
        try:
            self.acquire()
        except VaultInUse:
            self._fd, self._lost = held, True  # still ours to release at close
            raise
        except BaseException:
            self._fd = held
            raise
        self._close(held)

    def release(self) -> None:
        if self._fd is not None:
            self._close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def _at_the_path(self, fd: int) -> bool:
        try:
            found = os.stat(self._path)
        except FileNotFoundError:
            return False
        mine = os.fstat(fd)
        return (found.st_dev, found.st_ino) == (mine.st_dev, mine.st_ino)

    @staticmethod
    def _close(fd: int) -> None:
        _unlock(fd)
        os.close(fd)


def _lock(fd: int) -> bool:
    """Lock the open file for this process alone; False if another holds it."""
    if fcntl is None:
        from filelock import lock_descriptor

        return lock_descriptor(fd, blocking=False)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        if error.errno in _CONTENTION:
            return False
        raise
    return True


def _unlock(fd: int) -> None:
    if fcntl is None:
        from filelock import unlock_descriptor

        unlock_descriptor(fd)
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
