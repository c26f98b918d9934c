"""Fixtures shared by every test folder. Vaults here use FLOOR_KDF so that unlocking stays quick."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import textual.constants

from circle import language
from circle.domain.clock import Clock
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace
from tests.language_probe import bracketed

REPO_ROOT = Path(__file__).resolve().parents[1]
# The app in tests is drawn as a true-colour terminal has it, whatever TERM the run has: in 16 colours circle
# changes the timer colours (circle/ui/themes/terminals.py), and pictures must not depend on where they are taken.
textual.constants.COLOR_SYSTEM = "truecolor"
PASSPHRASE = "correct horse battery staple"
HANDLE = "Sam"

RunCircle = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="session")
def passphrase() -> str:
    """The passphrase of every vault made by `vault_home`."""
    return PASSPHRASE


@pytest.fixture(scope="session")
def _template_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One vault with a facilitator and no groups, built once per test run."""
    home = tmp_path_factory.mktemp("template-vault") / "home"
    with Workspace.open(home, kdf=FLOOR_KDF) as workspace:
        workspace.create_facilitator(HANDLE, PASSPHRASE)
    return home


@pytest.fixture
def vault_home(_template_vault: Path, tmp_path: Path) -> Path:
    """A CIRCLE_HOME of this test's own, holding a fresh copy of the template vault."""
    home = tmp_path / "home"
    shutil.copytree(_template_vault, home)
    return home


@contextmanager
def unlocked_workspace(home: Path, clock: Clock | None = None) -> Iterator[Workspace]:
    """The vault at `home`, open and unlocked with PASSPHRASE; closed again on leaving."""
    with Workspace.open(home, clock=clock, kdf=FLOOR_KDF) as opened:
        opened.unlock(PASSPHRASE)
        yield opened


@pytest.fixture
def workspace(vault_home: Path) -> Iterator[Workspace]:
    """The copied vault, open and unlocked; closed again after the test."""
    with unlocked_workspace(vault_home) as opened:
        yield opened


@pytest.fixture
def run_circle(tmp_path: Path) -> RunCircle:
    """Run the real `python -m circle ARGS` in a subprocess, with CIRCLE_HOME and CIRCLE_PASSPHRASE set.

    Pass `home=` (defaults to tmp_path/"home"), `passphrase=` (None leaves it unset) and `env=` for more variables.
    The package is found through the repository root, so this works from any checkout.
    """

    def run(
        *args: str,
        home: Path | None = None,
        passphrase: str | None = PASSPHRASE,
        timeout: float = 120,
        env: dict[str, str] | None = None,
        input: str | None = None,
    ) -> subprocess.CompletedProcess[str]:
        environment = {key: value for key, value in os.environ.items() if not key.startswith("CIRCLE_")}
        environment.update(env or {})
        environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))
        environment["CIRCLE_HOME"] = str(home if home is not None else tmp_path / "home")
        environment["PYTHONIOENCODING"] = "utf-8"
        if passphrase is not None:
            environment["CIRCLE_PASSPHRASE"] = passphrase
        return subprocess.run(
            [sys.executable, "-m", "circle", *args],
            env=environment, cwd=tmp_path, input=input, stdin=None if input is not None else subprocess.DEVNULL,
            capture_output=True, text=True, encoding="utf-8", timeout=timeout,
        )

    return run


@pytest.fixture
def in_spanish() -> Iterator[None]:
    """The facilitator speaks Spanish for this test, and English again after it."""
    language.use("es")
    try:
        yield
    finally:
        language.use(language.ENGLISH)


@pytest.fixture
def in_brackets() -> Iterator[None]:
    """The made-up bracketed language for this test (tests/language_probe.py)."""
    with bracketed():
        yield
