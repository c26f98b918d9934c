"""circle takes its one-writer lock with flock itself where there is flock, as filelock's descriptor lock (what
the previous release took, and what circle still takes on Windows) takes it: so the two exclude each other, and
a newer and an older circle on the same vault never both write."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from filelock import lock_descriptor, unlock_descriptor

from circle.store.errors import VaultInUse
from circle.store.lock import VaultLock

HOLD_WITH_FILELOCK = textwrap.dedent("""
    import os, sys
    from filelock import lock_descriptor

    fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
    print("held" if lock_descriptor(fd, blocking=False) else "refused", flush=True)
    sys.stdin.read()  # held until told to go
""")


@contextmanager
def held_by_filelock_elsewhere(path: Path) -> Iterator[str]:
    """Another process locks the file through filelock, as circle's previous release did."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD_WITH_FILELOCK, str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None
        yield holder.stdout.readline().strip()
    finally:
        holder.communicate("")


def test_a_vault_held_through_filelock_is_refused_to_circle(tmp_path: Path) -> None:
    path = tmp_path / "circle.lock"
    with held_by_filelock_elsewhere(path) as answer:
        assert answer == "held"
        with pytest.raises(VaultInUse):
            VaultLock(path).acquire()
    lock = VaultLock(path)
    lock.acquire()  # free again once the other has gone
    assert lock.held
    lock.release()


def test_a_vault_held_by_circle_is_refused_to_filelock_and_free_once_released(tmp_path: Path) -> None:
    path = tmp_path / "circle.lock"
    lock = VaultLock(path)
    lock.acquire()
    with held_by_filelock_elsewhere(path) as answer:
        assert answer == "refused"
    lock.release()
    with held_by_filelock_elsewhere(path) as answer:
        assert answer == "held"


def test_filelock_and_circle_in_one_process_agree_on_a_file_taken_by_either(tmp_path: Path) -> None:
    """flock belongs to the open file: two descriptors of one process exclude each other as two processes do."""
    path = tmp_path / "circle.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        assert lock_descriptor(fd, blocking=False)
        with pytest.raises(VaultInUse):
            VaultLock(path).acquire()
        unlock_descriptor(fd)
        lock = VaultLock(path)
        lock.acquire()
        lock.release()
    finally:
        os.close(fd)
