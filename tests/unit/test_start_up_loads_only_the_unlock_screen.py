"""`circle` paints its unlock screen before it loads what only an unlocked vault needs.

Start-up time is mostly import time, so the probe runs the real entry point (`circle` with no arguments)
in a fresh interpreter, headless, and lists what is loaded the moment the unlock screen can take a passphrase.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, sys
from textual.app import App
from circle.ui import app as app_module  # what `circle` loads first in any case (circle/ui/launch.py)

run, mounted = App.run, app_module.CircleApp.on_mount

def unlock_screen_ready(app):
    from circle.ui.screens.unlock import UnlockScreen
    if isinstance(app.screen, UnlockScreen) and app.screen.query("#passphrase"):
        print(json.dumps(sorted(sys.modules)))
        app.exit()

def on_mount(app):
    mounted(app)
    app.set_interval(0.005, lambda: unlock_screen_ready(app))

app_module.CircleApp.on_mount = on_mount
App.run = lambda app, **_: run(app, headless=True, size=(80, 24))
sys.argv = ["circle"]
from circle.__main__ import main
main()
"""

# Each of these is loaded when it is first needed, after the passphrase: screens, the meeting engine, charts,
# the room page's server, sqlite-utils (writes and migrations only), cryptography (the key derivation on);
# the domain's groups, meetings, templates and trends, the rows they are sealed into, the upgrades of older
# vaults, the facilitators' and the purge's services, and time zones (a meeting's time); the key derivation's
# steps, their messages and the check of each group's rows (a passphrase typed), the unlock's one question (a
# vault changed outside circle), the keys' help (`?`), and group signing keys (a removal); the keyring, the
# manifests and the sealing they unlock with (a passphrase tried: the first screen only asks the vault whether it
# has a facilitator, and whether a group is in an older format).
NOT_BEFORE_UNLOCK = (
    "circle.workspace.keyring",
    "circle.workspace.facilitator_record",
    "circle.store.keys",
    "circle.store.manifests",
    "circle.store.sealing",
    "circle.store.read_ahead",
    "circle.vault",
    "circle.ui.screens.keys_help",
    "circle.ui.screens.derived",
    "circle.ui.screens.dialogs",
    "circle.workspace.derivation",
    "circle.workspace.unlock_checks",
    "circle.store.signing_keys",
    "circle.domain.signing",
    "circle.domain.group",
    "circle.domain.records",
    "circle.domain.templates",
    "circle.domain.trends.compute",
    "circle.store.meeting_rows",
    "circle.store.member_rows",
    "circle.store.session_log",
    "circle.store.upgrades",
    "circle.workspace.facilitators",
    "circle.workspace.retention",
    "zoneinfo",
    "circle.ui.screens.home",
    "circle.ui.screens.meeting",
    "circle.ui.screens.trends",
    "circle.domain.session",
    "circle.workspace.meeting",
    "circle.workspace.groups",
    "circle.reports",
    "circle.web",
    "circle.cli",
    "textual_plotext",
    "plotext",
    "sqlite_utils",
    "click",
    "cryptography",
)


def modules_loaded_at_the_unlock_screen(home: Path, **variables: str) -> set[str]:
    env = {
        **os.environ,
        **variables,
        "CIRCLE_HOME": str(home),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])),
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=60,
        check=True,
    )
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


def test_circle_shows_its_unlock_screen_before_loading_screens_engines_and_libraries_that_come_after_it(
    vault_home,
):
    loaded = modules_loaded_at_the_unlock_screen(vault_home)
    assert "circle.ui.screens.unlock" in loaded  # the probe did see the unlock screen
    early = {name for name in loaded if name.split(".")[0] in NOT_BEFORE_UNLOCK or name.startswith(NOT_BEFORE_UNLOCK)}
    assert early == set()


def test_circle_in_spanish_shows_its_unlock_screen_before_loading_babel_or_what_comes_after_it(vault_home):
    (vault_home / "config").mkdir(exist_ok=True)
    (vault_home / "config" / "config.toml").write_text('language = "es"\n', encoding="utf-8")
    loaded = modules_loaded_at_the_unlock_screen(vault_home, LANGUAGE="es")
    assert "circle.ui.screens.unlock" in loaded
    assert "circle.language" in loaded  # the language was chosen, as circle started
    later = NOT_BEFORE_UNLOCK + ("babel",)  # Babel's locale data is read on the first day written
    assert {name for name in loaded if name.split(".")[0] in later or name.startswith(later)} == set()
