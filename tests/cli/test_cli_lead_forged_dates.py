"""A bundle dated in the future is refused, so it cannot lock a group's counts for ever, even when it is signed
with the group's key (a laptop with its clock far ahead, or a facilitator since removed); and a lead can forget a
group whose counts they no longer trust, so that its next bundle is taken in as new."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from circle.vault.lead_key import parse_key_text
from tests.cli.test_cli import ok, one_line_error
from tests.cli.test_cli_lead import lead_home, lead_run  # noqa: F401 - lead_home is a fixture
from tests.lead_bundles import bundle_file, synthetic_bundle


def forged(lead_home: tuple[Path, str], made_at: datetime, name: str) -> Path:
    """A bundle signed with the group's key, dated as its maker likes."""
    bundle = synthetic_bundle(made_at, name=name, group_id="g-tuesday", headcounts=(9, 9, 9, 9, 9, 9, 9, 9))
    return bundle_file(lead_home[0].parent, f"{name}-{made_at.year}.circlelead", bundle, parse_key_text(lead_home[1]))


def test_a_bundle_dated_in_the_future_is_refused_and_takes_nothing(run_circle, lead_home: tuple[Path, str]):
    far_future = forged(lead_home, datetime(9999, 12, 31, tzinfo=UTC), "Tuesday")
    result = lead_run(run_circle, lead_home, "import", str(far_future))
    assert "made later than now" in result.stderr and result.stderr.count("\n") == 1
    assert "Nothing imported yet" in one_line_error(lead_run(run_circle, lead_home, "report"))


def test_forgetting_a_group_lets_its_next_bundle_in_as_new(run_circle, lead_home: tuple[Path, str]):
    ok(lead_run(run_circle, lead_home, "import", str(forged(lead_home, datetime(2026, 11, 30, tzinfo=UTC), "Tuesday"))))
    older = forged(lead_home, datetime(2026, 11, 1, tzinfo=UTC), "Tuesday")
    assert "1 already up to date" in ok(lead_run(run_circle, lead_home, "import", str(older)))

    assert "Forgot that group's counts" in ok(lead_run(run_circle, lead_home, "forget", "tuesday"))
    assert "1 group added" in ok(lead_run(run_circle, lead_home, "import", str(older)))
    assert "No imported group by that name" in one_line_error(lead_run(run_circle, lead_home, "forget", "Thursday"))
