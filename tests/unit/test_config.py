"""Settings in config.toml: a broken file never stops circle, and what is saved reads back the same."""

from __future__ import annotations

import stat
from dataclasses import fields
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from circle.config import MAX_IDLE_LOCK_MINUTES, Settings, load_settings, save_settings


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


@pytest.mark.parametrize(
    "minutes", ["9" * 400, "-1", str(MAX_IDLE_LOCK_MINUTES + 1)], ids=["400 digits", "negative", "over a week"]
)
def test_an_idle_lock_outside_zero_to_a_week_is_ignored_like_a_wrong_type(tmp_path: Path, minutes: str):
    path = tmp_path / "config.toml"
    path.write_text(f"idle_lock_minutes = {minutes}\nbell = true\n", encoding="utf-8")
    assert load_settings(path) == (Settings(bell=True), None)


@pytest.mark.parametrize("minutes", [0, MAX_IDLE_LOCK_MINUTES])
def test_an_idle_lock_at_either_end_of_its_range_is_kept(tmp_path: Path, minutes: int):
    path = tmp_path / "config.toml"
    path.write_text(f"idle_lock_minutes = {minutes}\n", encoding="utf-8")
    assert load_settings(path) == (Settings(idle_lock_minutes=minutes), None)


def test_every_number_in_the_settings_declares_the_range_it_may_take():
    numbers = [f for f in fields(Settings) if f.type == "int"]
    assert numbers and all(f.metadata["range"][0] <= f.default <= f.metadata["range"][1] for f in numbers)


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
@given(theme=st.text(alphabet=st.characters(codec="utf-8")), minutes=st.integers(0, MAX_IDLE_LOCK_MINUTES), bell=st.booleans())
def test_any_theme_name_round_trips_through_the_file(tmp_path: Path, theme: str, minutes: int, bell: bool):
    path = tmp_path / "config.toml"
    chosen = Settings(theme=theme, idle_lock_minutes=minutes, bell=bell)
    save_settings(path, chosen)
    assert load_settings(path) == (chosen, None)
