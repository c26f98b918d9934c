"""Home in Spanish at 80×24, as a Spanish-speaking facilitator first sees it: the demo's groups and every key."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from circle import language
from circle.ui.language import _binding_in
from tests.snapshots.test_foundation_screens import _unlocked


@pytest.fixture
def in_spanish() -> Iterator[None]:
    _binding_in.cache_clear()
    language.use("es")
    try:
        yield
    finally:
        language.use(language.ENGLISH)
        _binding_in.cache_clear()


def test_home_in_spanish_reads_whole_at_80x24(snap_compare, demo_app, in_spanish) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(demo_app(), terminal_size=(80, 24), run_before=_unlocked)
