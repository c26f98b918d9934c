"""config.toml, read at every start: whatever the file holds, circle starts, with the defaults and a line if need be."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from circle.config import Settings, load_settings, save_settings
from tests.fuzz.checks import fuzz, is_one_plain_line
from tests.fuzz.strategies import byte_edits, hostile_text, mutated

# TOML as a person might write it by hand, right or wrong: known and unknown keys, any kind of value.
toml_values = st.one_of(
    st.integers().map(str),
    st.sampled_from(["true", "false", "1e999", "nan", "-inf", "0x10", "1979-05-27", "07:32:00", "[1, 2]", "{a = 1}"]),
    hostile_text.map(lambda text: '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'),
    hostile_text,
)
toml_lines = st.tuples(
    st.sampled_from(["theme", "idle_lock_minutes", "bell", "font", "[theme]", "a.b", '"bell"']) | st.text(max_size=10),
    st.sampled_from([" = ", "=", " ", ""]),
    toml_values,
).map("".join)
toml_documents = st.lists(toml_lines, max_size=6).map("\n".join)


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("config") / "config.toml"


def _loads_with_defaults_at_worst(path: Path) -> None:
    settings, reason = load_settings(path)
    assert type(settings.theme) is str and type(settings.idle_lock_minutes) is int and type(settings.bell) is bool
    if reason is not None:
        assert settings == Settings() and is_one_plain_line(reason)


@fuzz(300)
@given(content=st.binary(max_size=200))
def test_random_bytes_give_the_defaults_and_one_line(config: Path, content: bytes) -> None:
    config.write_bytes(content)
    _loads_with_defaults_at_worst(config)


@fuzz(150)
@given(text=toml_documents)
def test_any_hand_written_file_gives_settings_of_the_right_types(config: Path, text: str) -> None:
    config.write_text(text, encoding="utf-8")
    _loads_with_defaults_at_worst(config)


@fuzz(200)
@given(theme=hostile_text, minutes=st.integers(), bell=st.booleans(), edits=byte_edits)
def test_a_saved_file_damaged_anywhere_still_lets_circle_start(
    config: Path, theme: str, minutes: int, bell: bool, edits
) -> None:
    save_settings(config, Settings(theme=theme, idle_lock_minutes=minutes, bell=bell))
    config.write_bytes(mutated(config.read_bytes(), edits))
    _loads_with_defaults_at_worst(config)


def test_a_file_nested_too_deeply_gives_the_defaults(config: Path) -> None:
    config.write_text("theme = " + "[" * 5000 + "]" * 5000, encoding="utf-8")
    _loads_with_defaults_at_worst(config)
