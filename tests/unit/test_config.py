"""Settings in config.toml: a broken file never stops circle, and what is saved reads back the same."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from circle.config import Settings, load_settings, save_settings


def test_a_missing_file_gives_the_defaults_quietly(tmp_path: Path):
    assert load_settings(tmp_path / "config.toml") == (Settings(), None)


@pytest.mark.parametrize(
    "content",
    [b"theme = \n", b"[[[", b'theme = "unterminated\n', b"\xff\xfe not utf-8"],
    ids=["no value", "brackets", "unterminated string", "not UTF-8"],
)
def test_a_broken_file_gives_the_defaults_and_one_line_naming_it(tmp_path: Path, content: bytes):
    path = tmp_path / "config.toml"
    path.write_bytes(content)
    loaded, reason = load_settings(path)
    assert loaded == Settings()
    assert reason is not None and "\n" not in reason
    assert "config.toml" in reason and "defaults" in reason


def test_values_of_the_wrong_type_and_unknown_keys_are_ignored(tmp_path: Path):
    path = tmp_path / "config.toml"
    path.write_text('theme = 3\nidle_lock_minutes = true\nbell = true\nfont = "big"\n', encoding="utf-8")
    assert load_settings(path) == (Settings(bell=True), None)


def test_saved_settings_read_back_the_same(tmp_path: Path):
    path = tmp_path / "config" / "config.toml"
    chosen = Settings(theme='night "owl" \\ é', idle_lock_minutes=12, bell=True)
    save_settings(path, chosen)
    assert load_settings(path) == (chosen, None)


def test_the_settings_file_and_its_folder_are_private(tmp_path: Path):
    path = tmp_path / "config" / "config.toml"
    save_settings(path, Settings())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(theme=st.text(alphabet=st.characters(codec="utf-8")), minutes=st.integers(0, 10_000), bell=st.booleans())
def test_any_theme_name_round_trips_through_the_file(tmp_path: Path, theme: str, minutes: int, bell: bool):
    path = tmp_path / "config.toml"
    chosen = Settings(theme=theme, idle_lock_minutes=minutes, bell=bell)
    save_settings(path, chosen)
    assert load_settings(path) == (chosen, None)
