"""Handoff from the home screen: x writes the highlighted group with a code shown once; i imports one."""

from __future__ import annotations

import re
import stat
from pathlib import Path

from textual.widgets import Input

from circle.domain.session import Arrive
from circle.ui.screens.handoff import HandoffExportDialog, HandoffImportDialog
from circle.ui.screens.home import HomeScreen
from circle.ui.screens.meeting import MeetingScreen
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace
from tests.app.conftest import PASSPHRASE, at_home, press_keys, shown_text

CODE = re.compile(r"[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}")


async def type_into(pilot, selector: str, text: str) -> None:
    field = pilot.app.screen.query_one(selector, Input)
    field.value = text
    field.focus()
    await pilot.press("enter")


async def test_x_writes_the_highlighted_group_to_a_private_file_and_shows_the_code_once(
    workspace_with_group: Workspace, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "tuesday.circle"
    target.parent.mkdir()
    async with at_home(workspace_with_group, size=(100, 30)) as (app, pilot):
        await press_keys(pilot, "x")
        assert isinstance(app.screen, HandoffExportDialog)
        await type_into(pilot, "#handoff-path", str(target))
        await app.workers.wait_for_complete()
        await pilot.pause()
        code = CODE.search(shown_text(app))
        assert code is not None and "shown only this once" in shown_text(app)
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        await press_keys(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
    workspace_with_group.lock()
    with Workspace.open(tmp_path / "other") as other:
        other.create_facilitator("Robin", "river stone lantern meadow", kdf=FLOOR_KDF)
        assert other.import_handoff(target.read_bytes(), code.group(0)).group_name == "Tuesday Evening Support"


async def test_i_imports_a_handoff_and_its_meeting_in_progress_opens_where_it_was(
    workspace_with_group: Workspace, tmp_path: Path
) -> None:
    lead = workspace_with_group
    lead.unlock(PASSPHRASE)
    group_id = lead.groups()[0].id
    meeting = lead.meeting(group_id)
    meeting.do(Arrive(lead.members(group_id)[0].id))
    bundle = lead.export_handoff(group_id, kdf=FLOOR_KDF)
    lead.lock()
    path = tmp_path / "from-sam.circle"
    path.write_bytes(bundle.data)
    with Workspace.open(tmp_path / "robins-laptop") as robin:
        robin.create_facilitator("Robin", "river stone lantern meadow", kdf=FLOOR_KDF)
        robin.lock()
        async with at_home(robin, (100, 30), passphrase="river stone lantern meadow") as (app, pilot):
            await press_keys(pilot, "i")
            assert isinstance(app.screen, HandoffImportDialog)
            await type_into(pilot, "#import-path", str(path))
            await type_into(pilot, "#import-code", "AAAA-AAAA-AAAA-AAAA")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "does not open this handoff" in shown_text(app) and "Nothing was imported" in shown_text(app)
            await type_into(pilot, "#import-code", bundle.code.lower())
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, MeetingScreen)
            assert app.screen.meeting.state.present == meeting.state.present
            await press_keys(pilot, "escape")
            assert "Tuesday Evening Support" in shown_text(app)

