"""Home in Spanish at 80×24, as a Spanish-speaking facilitator first sees it: the demo's groups and every key."""

from __future__ import annotations



from tests.snapshots.test_foundation_screens import _unlocked


def test_home_in_spanish_reads_whole_at_80x24(snap_compare, demo_app, in_spanish) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(demo_app(), terminal_size=(80, 24), run_before=_unlocked)
