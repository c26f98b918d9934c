"""circle built into a wheel and installed into a fresh virtual environment, as a facilitator installs it.

The wheel goes in with --no-deps, into a venv that sees this project's site-packages through a .pth file:
its dependencies are the ones pip already installed from pyproject.toml, so no run waits on PyPI. That still
proves the wheel: circle itself (its code, its themes, its `circle` command) can come only from the wheel,
because a path in a .pth file is added without its own .pth files, so the checkout's editable install stays
out of sight; and `pip check` confirms that what the wheel's metadata asks for is what that venv holds.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from circle import __version__
from circle.language import LANGUAGES
from tests.conftest import REPO_ROOT

# Built and installed once: under xdist the group keeps these tests on one worker (`--dist loadgroup`).
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("wheel")]

BUNDLED_THEMES = sorted(path.name for path in (REPO_ROOT / "themes").glob("*.toml"))

RunInstalled = Callable[..., subprocess.CompletedProcess[str]]


@dataclass(frozen=True)
class Built:
    wheel: Path
    sdist: Path


@dataclass(frozen=True)
class Installed:
    python: Path
    circle: Path


def run(*command: str | Path, **options) -> subprocess.CompletedProcess[str]:
    """Run a command that must succeed; on failure its own output is the message."""
    result = subprocess.run([str(part) for part in command], check=False, capture_output=True, text=True, **options)
    assert result.returncode == 0, f"{command[:3]} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """`python -m build`, as `make dist` runs it: the sdist, then the wheel built from that sdist."""
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--outdir", out, REPO_ROOT, timeout=600)
    (wheel,) = out.glob("*.whl")
    (sdist,) = out.glob("*.tar.gz")
    return Built(wheel=wheel, sdist=sdist)


@pytest.fixture(scope="module")
def installed(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    venv = tmp_path_factory.mktemp("venv") / "fresh"
    run(sys.executable, "-m", "venv", "--without-pip", venv, timeout=120)
    scripts = venv / ("Scripts" if os.name == "nt" else "bin")
    python = scripts / "python"
    # This venv's pip installs into the fresh one, which then needs no pip of its own.
    run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", "--no-index",
        built.wheel, timeout=300)
    site_packages = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))").stdout.strip())
    ours = dict.fromkeys([sysconfig.get_path("purelib"), sysconfig.get_path("platlib")])
    (site_packages / "dependencies-from-the-project-venv.pth").write_text("\n".join(ours) + "\n", encoding="utf-8")
    return Installed(python=python, circle=scripts / "circle")


@pytest.fixture
def run_installed(installed: Installed, tmp_path: Path) -> RunInstalled:
    """The installed `circle ARGS`, with CIRCLE_HOME in this test's folder and nothing from the checkout."""

    def circle(*args: str, home: Path | None = None, passphrase: str | None = None) -> subprocess.CompletedProcess[str]:
        environment = {
            key: value for key, value in os.environ.items() if not key.startswith("CIRCLE_") and key != "PYTHONPATH"
        }
        environment["CIRCLE_HOME"] = str(home or tmp_path / "home")
        if passphrase is not None:
            environment["CIRCLE_PASSPHRASE"] = passphrase
        return run(installed.circle, *args, env=environment, cwd=tmp_path, stdin=subprocess.DEVNULL, timeout=120)

    return circle


def test_the_sdist_and_the_wheel_both_carry_the_bundled_themes(built: Built):
    assert len(BUNDLED_THEMES) >= 4
    with tarfile.open(built.sdist) as sdist:
        # Each name starts with the sdist's own top folder, circle-VERSION/.
        in_sdist = {Path(name).name for name in sdist.getnames() if name.partition("/")[2].startswith("themes/")}
    with zipfile.ZipFile(built.wheel) as wheel:
        in_wheel = {Path(name).name for name in wheel.namelist() if name.startswith("circle/themes/")}
    assert sorted(in_sdist) == BUNDLED_THEMES
    assert sorted(in_wheel) == BUNDLED_THEMES


def test_the_installed_circle_is_the_wheel_and_not_this_checkout(installed: Installed, tmp_path: Path):
    where = run(installed.python, "-c", "import circle; print(circle.__file__)", cwd=tmp_path).stdout.strip()
    assert Path(where).is_relative_to(installed.python.parents[1])


def test_every_dependency_the_wheel_declares_is_installed_at_a_version_it_accepts(installed: Installed):
    run(sys.executable, "-m", "pip", "--python", installed.python, "check", timeout=120)


def test_circle_version_prints_the_version_of_the_wheel(run_installed: RunInstalled):
    assert run_installed("--version").stdout.strip() == f"circle, version {__version__}"


def test_circle_demo_builds_a_demo_vault_that_the_installed_circle_opens(run_installed: RunInstalled, tmp_path: Path):
    demo_home = Path(run_installed("demo", "--no-open").stdout.splitlines()[-1])
    assert demo_home.is_relative_to(tmp_path / "home")
    assert (demo_home / "data" / "circle.db").is_file()
    groups = run_installed("group", "list", home=demo_home, passphrase="demo").stdout.splitlines()
    assert groups and all("\tmembers " in line for line in groups)


def test_circle_locate_prints_folders_under_circle_home(run_installed: RunInstalled, tmp_path: Path):
    lines = run_installed("locate").stdout.splitlines()
    assert [line.split(":", 1)[0] for line in lines] == ["data", "vault", "config", "themes"]
    assert all(Path(line.split(":", 1)[1].strip()).is_relative_to(tmp_path / "home") for line in lines)


def test_the_installed_circle_finds_its_bundled_themes(run_installed: RunInstalled):
    listed = run_installed("themes", "list").stdout.splitlines()
    assert [line.removesuffix(" *") for line in listed] == [
        f"{Path(name).stem} (bundled)" for name in BUNDLED_THEMES
    ]


def test_the_wheel_carries_each_languages_compiled_catalog_and_names_of_days(built: Built):
    with zipfile.ZipFile(built.wheel) as wheel:
        shipped = set(wheel.namelist())
    assert "circle/language/locale/es/LC_MESSAGES/circle.mo" in shipped
    assert {f"circle/language/locale/{code}/days.json" for code in LANGUAGES} <= shipped


def test_the_installed_circle_speaks_the_language_its_config_names(run_installed: RunInstalled, tmp_path: Path):
    config = Path(run_installed("locate").stdout.splitlines()[2].split(":", 1)[1].strip())
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('language = "es"\n', encoding="utf-8")
    shown = run_installed("--help").stdout
    assert "Uso:" in shown and "Usage:" not in shown
