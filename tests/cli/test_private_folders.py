"""Every folder circle creates is 0700 and every file 0600, even for a user whose umask lets anyone read."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.cli.test_cli import ok
from tests.cli.test_cli_lead import AS_LEAD

pytestmark = pytest.mark.skipif(os.name != "posix", reason="modes are POSIX")


@contextmanager
def open_umask() -> Iterator[None]:
    """The subprocesses started inside inherit umask 000: nothing they create is narrowed by it."""
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


def modes_under(home: Path) -> dict[str, str]:
    """Each path under `home` (and `home` itself) with its mode, for the ones that are not private."""
    paths = [home, *home.rglob("*")]
    return {
        str(path.relative_to(home.parent)): oct(stat.S_IMODE(path.stat().st_mode))
        for path in paths
        if stat.S_IMODE(path.stat().st_mode) != (0o700 if path.is_dir() else 0o600)
    }


def test_circle_init_under_umask_000_makes_a_home_only_its_owner_can_read(run_circle, tmp_path: Path):
    home = tmp_path / "home"
    with open_umask():
        ok(run_circle("init", "--handle", "Sam", home=home))
    assert modes_under(home) == {}


def test_the_demo_under_umask_000_is_only_readable_by_its_owner(run_circle, tmp_path: Path):
    home = tmp_path / "home"
    with open_umask():
        demo_home = Path(ok(run_circle("demo", "--no-open", home=home)).splitlines()[-1])
    assert demo_home.is_relative_to(home)
    assert modes_under(home) == {}


def test_lead_init_under_umask_000_on_a_new_home_keeps_its_data_folder_private(run_circle, tmp_path: Path):
    home = tmp_path / "new-lead"
    with open_umask():
        ok(run_circle("lead", "init", home=home, passphrase=None, env=AS_LEAD))
    assert (home / "data" / "lead" / "lead.key").exists()
    assert modes_under(home) == {}
