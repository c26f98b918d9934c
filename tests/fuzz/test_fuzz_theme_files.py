"""Theme files from the person's own folder: any file is a theme or a one-line reason, and never stops circle.

`load_theme_file` gives a Theme or raises BadTheme; `check_theme_file` lists problems one line each;
`load_catalog` sets a broken file aside. A file that loads gives colours every screen can use.
"""

from __future__ import annotations

import math
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from circle.ui.themes.files import BadTheme, bundled_themes_dir, check_theme_file, load_catalog, load_theme_file, text_pairs
from tests.fuzz.checks import fuzz, is_one_plain_line, raises_only
from tests.fuzz.strategies import byte_edits, edited, hostile_text, json_edits, mutated

BUNDLED = {path.name: path.read_bytes() for path in sorted(bundled_themes_dir().glob("*.toml"))}


def toml_value(value: object) -> str:
    """A value written as TOML; JSON's null has no TOML form, so it becomes an empty table."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf") if math.isinf(value) else repr(value)
    if isinstance(value, str):
        return '"' + "".join(f"\\U{ord(c):08x}" if c < " " or c in '"\\\x7f' else c for c in value) + '"'
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_value(str(key))} = {toml_value(item)}" for key, item in value.items()) + "}"
    return "{}"


def toml_document(table: object) -> str:
    if not isinstance(table, dict):
        return f"value = {toml_value(table)}"
    return "\n".join(f"{toml_value(str(key))} = {toml_value(value)}" for key, value in table.items())


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("themes")


def _a_theme_or_its_reasons(folder: Path, content: bytes) -> None:
    path = folder / "mine.toml"
    path.write_bytes(content)
    problems = check_theme_file(path)
    assert all(is_one_plain_line(problem) for problem in problems)
    theme = raises_only(BadTheme, lambda: load_theme_file(path))
    # The check and the loader agree: a file loads exactly when nothing is wrong with it.
    assert (theme is None) == bool(problems)
    catalog = load_catalog(folder)
    if theme is None:
        assert [failed for failed, _ in catalog.failed] == [path]
        return
    assert theme.name in catalog.themes and not catalog.failed
    for _, text, background in text_pairs(theme):
        assert text.startswith("#") and background.startswith("#")


@fuzz(100)
@given(content=st.binary(max_size=300))
def test_random_bytes_are_a_theme_or_set_aside_with_one_line(folder: Path, content: bytes) -> None:
    _a_theme_or_its_reasons(folder, content)


@fuzz(100)
@given(original=st.sampled_from(sorted(BUNDLED)), edits=byte_edits)
def test_a_bundled_theme_damaged_byte_by_byte_is_a_theme_or_set_aside(folder: Path, original: str, edits) -> None:
    _a_theme_or_its_reasons(folder, mutated(BUNDLED[original], edits))


@fuzz(100)
@given(original=st.sampled_from(sorted(BUNDLED)), edits=json_edits)
def test_a_bundled_theme_with_any_value_changed_is_a_theme_or_set_aside(folder: Path, original: str, edits) -> None:
    table = edited(tomllib.loads(BUNDLED[original].decode()), edits)
    _a_theme_or_its_reasons(folder, toml_document(table).encode())



@fuzz(80)
@given(name=hostile_text, colour=hostile_text | st.sampled_from(["#336699", "red", "auto 50%", "rgb(1,2,3)"]))
def test_any_name_and_colour_typed_into_a_theme_file_loads_or_is_set_aside(
    folder: Path, name: str, colour: str
) -> None:
    content = (
        f"name = {toml_value(name)}\nprimary = {toml_value(colour)}\n"
        f"[variables]\ntimer-over = {toml_value(colour)}\n"
    )
    _a_theme_or_its_reasons(folder, content.encode())


@fuzz(100)
@given(
    key=st.sampled_from(["luminosity_spread", "text_alpha"]),
    number=st.floats(-1e100, 1e100) | st.integers(-(10**6), 10**6),
)
def test_any_finite_number_for_a_themes_numbers_loads_or_is_set_aside(folder: Path, key: str, number: float) -> None:
    _a_theme_or_its_reasons(folder, f'name = "mine"\nprimary = "#336699"\n{key} = {toml_value(number)}\n'.encode())


@fuzz(60)
@given(
    name=st.sampled_from(["border", "scrollbar", "text", "footer-key-foreground", "input-cursor-text-style", "mine"]),
    value=hostile_text | st.sampled_from(["{", "@@", "$nothing", "red 50%", "bold", "not a colour", "1fr"]),
)
def test_any_value_for_a_variable_loads_or_is_set_aside(folder: Path, name: str, value: str) -> None:
    content = f"name = \"mine\"\nprimary = \"#336699\"\n[variables]\n{toml_value(name)} = {toml_value(value)}\n"
    _a_theme_or_its_reasons(folder, content.encode())


HUGE = "1" + "0" * 400  # a whole number TOML reads and no float holds


@pytest.mark.parametrize(
    ("key", "number"),
    [("luminosity_spread", "nan"), ("luminosity_spread", "inf"), ("luminosity_spread", "1e200"),
     ("luminosity_spread", HUGE), ("text_alpha", HUGE)],
    ids=["spread nan", "spread inf", "spread 1e200", "spread 401 digits", "alpha 401 digits"],
)
def test_a_number_no_colour_can_be_made_from_is_set_aside(folder: Path, key: str, number: str) -> None:
    _a_theme_or_its_reasons(folder, f'name = "mine"\nprimary = "#336699"\n{key} = {number}\n'.encode())
