"""A handoff or a lead bundle is read only from a regular file, and never more of it than the limit allows."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.cli.test_cli import one_line_error
from tests.cli.test_cli_lead import lead_home, lead_run  # noqa: F401 - lead_home is a fixture

CODE = "K7QM-2XDA-MPRT-WB4C"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_importing_dev_zero_as_a_handoff_is_refused_in_one_line_at_once(run_circle, vault_home: Path):
    started = time.monotonic()
    refused = run_circle("handoff", "import", "/dev/zero", home=vault_home, env={"CIRCLE_HANDOFF_CODE": CODE})
    assert "not a file circle could have written" in one_line_error(refused)
    assert time.monotonic() - started < 30


def test_a_pipe_named_as_a_handoff_is_refused_without_waiting_for_a_writer(run_circle, vault_home: Path, tmp_path: Path):
    pipe = tmp_path / "handoff.circle"
    os.mkfifo(pipe)
    refused = run_circle("handoff", "import", str(pipe), home=vault_home, timeout=30, env={"CIRCLE_HANDOFF_CODE": CODE})
    assert "not a file circle could have written" in one_line_error(refused)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_lead_bundle_that_is_a_device_is_refused_in_one_line(run_circle, lead_home: tuple[Path, str]):
    assert "not a file circle could have written" in one_line_error(lead_run(run_circle, lead_home, "import", "/dev/zero"))
