"""A meeting holds only what it uses: unlocking into an open meeting, and running it, loads neither Babel's
locale data, nor the trends engine, nor what a facilitator needs only away from the meeting.

A fresh interpreter unlocks the real app (headless, under Pilot) into a meeting left open at a sharing turn,
moves the meeting on with a few keys, and lists what is loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from circle.domain.session import SetNextMeeting
from tests.conftest import PASSPHRASE, REPO_ROOT, unlocked_workspace
from tests.meeting_builders import to_a_sharing_turn_of

PROBE = """
import asyncio, json, sys
from circle.language import use
from circle.ui.app import CircleApp
from circle.workspace import Workspace

async def run_the_meeting(home, passphrase):
    with Workspace.open(home) as workspace:
        app = CircleApp(workspace)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press(*passphrase, "enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            shown = type(app.screen).__name__
            # A turn ends and another begins, a pause comes and goes, then the break and the closing.
            await pilot.press("space", "a", "z", "z", "space", "n", "n")
            await pilot.pause()
            part = str(app.screen.meeting.state.phase)
            print(json.dumps({"screen": shown, "part": part, "loaded": sorted(sys.modules)}))

use(sys.argv[3])
asyncio.run(run_the_meeting(sys.argv[1], sys.argv[2]))
"""

# Dates come from circle's own tables; Babel still writes numbers and lists, elsewhere than in a meeting.
BABEL = ("babel",)
# The trends screen and the exports use it, and the facts they count it in: a meeting writes its summary alone.
TRENDS_ENGINE = ("circle.domain.trends",)

# Home is made when the facilitator leaves the meeting (circle/ui/screens/home_later.py).
HOME = ("circle.ui.screens.home",)

# Screens a meeting opens only when asked (a key, or its close): loaded then.
ON_REQUEST = (
    "circle.ui.screens.crisis_card", "circle.ui.screens.pulse", "circle.ui.screens.read_aloud",
    "circle.ui.screens.meeting_summary",
)

# Used only away from a meeting: the templates a new group starts from (each built as the module loads), the CSV
# reader of a roster file, and the calendar that finds a monthly group's n-th weekday.
AWAY_FROM_MEETINGS = ("circle.domain.templates", "csv", "calendar")

def among(loaded: set[str], packages: tuple[str, ...]) -> set[str]:
    """The modules of `loaded` that are one of `packages` or inside one."""
    return {name for name in loaded if name in packages or name.startswith(tuple(f"{package}." for package in packages))}


def loaded_in_a_meeting(home: Path, language: str) -> tuple[str, set[str]]:
    """Where the meeting was left (its screen and part), and every module loaded by then."""
    env = {
        **os.environ,
        "CIRCLE_HOME": str(home),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])),
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(home), PASSPHRASE, language],
        env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, check=True,
    )
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    return f"{seen['screen']} at {seen['part']}", set(seen["loaded"])


@pytest.fixture
def meeting_left_open(vault_home: Path) -> Path:
    """The vault with a meeting left open at Ada's sharing turn, its next meeting set (a day its closing writes)."""
    with unlocked_workspace(vault_home) as workspace:
        group = workspace.create_group("Tuesday Evening Support")
        ada = workspace.add_member(group.id, "Ada Lovelace")
        workspace.add_member(group.id, "Grace Hopper")
        meeting = workspace.meeting(group.id)
        meeting.do(SetNextMeeting("2030-01-08"))
        to_a_sharing_turn_of(meeting, ada.id)
    return vault_home


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_meeting_unlocked_into_and_run_loads_neither_babel_nor_trends_nor_home_nor_what_new_groups_use(
    meeting_left_open: Path, language: str
) -> None:
    screen, loaded = loaded_in_a_meeting(meeting_left_open, language)
    assert screen == "MeetingScreen at closing"  # the probe did unlock into the meeting and ran it to its end
    assert among(loaded, BABEL) == set()
    assert among(loaded, TRENDS_ENGINE) == set()
    assert among(loaded, HOME) == set()
    assert among(loaded, ON_REQUEST) == set()
    assert among(loaded, AWAY_FROM_MEETINGS) == set()
