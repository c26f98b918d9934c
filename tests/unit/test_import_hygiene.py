"""The lower layers stay lean: domain/ and vault/ import no UI, no SQL, and domain/ no cryptography."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import importlib, json, pkgutil, sys
package = importlib.import_module({package!r})
names = [package.__name__]
if hasattr(package, "__path__"):
    names += [info.name for info in pkgutil.walk_packages(package.__path__, package.__name__ + ".")]
for name in names:
    importlib.import_module(name)
print(json.dumps({{"imported": names, "loaded": sorted(sys.modules)}}))
"""


def imports_of(package: str) -> tuple[list[str], set[str]]:
    """Import every module of `package` in a fresh interpreter; return them and everything that got loaded."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))}
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(package=package)],
        env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=60, check=True,
    )
    report = json.loads(result.stdout)
    return report["imported"], set(report["loaded"])


def loaded_from(loaded: set[str], roots: tuple[str, ...]) -> set[str]:
    return {name for name in loaded if name.split(".")[0] in roots or name in roots}


def test_every_domain_module_imports_without_textual_sqlite_utils_or_cryptography():
    imported, loaded = imports_of("circle.domain")
    assert {"circle.domain.text", "circle.domain.group", "circle.domain.rules"} <= set(imported)
    assert loaded_from(loaded, ("textual", "rich", "sqlite_utils", "sqlite3", "cryptography")) == set()


def test_domain_imports_no_other_layer_of_circle_but_its_words():
    _, loaded = imports_of("circle.domain")
    others = {name for name in loaded if name.startswith("circle.") and not name.startswith("circle.domain")}
    assert {name.split(".")[1] for name in others} <= {"language"}  # its words: the one layer below the domain


def test_every_vault_module_imports_without_textual_or_sqlite_utils():
    imported, loaded = imports_of("circle.vault")
    assert {"circle.vault.crypto", "circle.vault.keyring"} <= set(imported)
    assert loaded_from(loaded, ("textual", "rich", "sqlite_utils", "sqlite3")) == set()
    assert not {name for name in loaded if name.startswith(("circle.store", "circle.ui", "circle.workspace"))}


START_UP_PROBE = """
import json, sys
import circle.ui.app
print(json.dumps(sorted(sys.modules)))
"""


def test_the_unlock_screen_loads_no_meeting_engine_no_sqlite_utils_and_no_cryptography():
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))}
    result = subprocess.run(
        [sys.executable, "-c", START_UP_PROBE], env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=60,
        check=True,
    )
    loaded = set(json.loads(result.stdout))
    slow_to_load = {"circle.domain.session", "circle.workspace.meeting", "sqlite_utils", "cryptography"}
    assert loaded & slow_to_load == set()
