"""Every key of every screen is in the README, in the words `?` uses (the tables are made from the bindings).

In the style of sqlite-utils' documentation tests: walk what the code declares, look for each in the docs.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import pytest
from textual.app import App
from textual.screen import Screen

import circle.ui
from circle.ui.keys import Key, declared_bindings, key_name, key_tokens
from circle.ui.keys_doc import ELSEWHERE, README, WITH_HELP, rewritten
from circle.ui.screens.base import CircleScreen

TABLE = re.compile(r"<!-- keys: (?P<name>[\w-]+) -->\n(?P<rows>.*?)<!-- /keys -->", re.DOTALL)


def classes_with_keys() -> list[type]:
    """Every screen and app in circle.ui that declares keys of its own."""
    found = []
    for module in pkgutil.walk_packages(circle.ui.__path__, "circle.ui."):
        for _, value in inspect.getmembers(importlib.import_module(module.name), inspect.isclass):
            if issubclass(value, (Screen, App)) and value.__module__ == module.name and vars(value).get("BINDINGS"):
                found.append(value)
    found.remove(CircleScreen)  # its `?` is on offer only where a screen has help, and is checked in their tables
    return sorted(found, key=lambda cls: cls.__qualname__)


def documented_keys() -> dict[str, set[str]]:
    """The keys each README table names, by table (and by "where" in the shared table)."""
    tables: dict[str, set[str]] = {}
    for match in TABLE.finditer(README.read_text(encoding="utf-8")):
        for line in match["rows"].splitlines()[2:]:
            cells = [cell.strip() for cell in line.strip("|").split(" | ")]
            where = cells[1] if match["name"] == "elsewhere" else match["name"]
            tables.setdefault(where, set()).update(key_tokens(cells[0]))
    return tables


def test_the_readme_key_tables_are_as_the_bindings_make_them() -> None:
    text = README.read_text(encoding="utf-8")
    assert rewritten(text) == text, "run: python -m circle.ui.keys_doc"


@pytest.mark.parametrize("owner", classes_with_keys(), ids=lambda cls: cls.__qualname__)
def test_every_key_of_every_screen_is_in_the_readme(owner: type) -> None:
    table = next((name for name, screen in WITH_HELP.items() if screen is owner), None) or ELSEWHERE.get(owner)
    assert table is not None, f"{owner.__qualname__} has keys but no README table: add it to circle.ui.keys_doc"
    named = documented_keys()[table]
    # A screen with help inherits `?`; the others have it switched off, and show only their own keys.
    for binding in declared_bindings(owner) if owner in WITH_HELP.values() else vars(owner)["BINDINGS"]:
        keys = {key_name(key) for key in binding.key.split(",")}
        assert keys & named, f"{binding.key} ({binding.action}) of {owner.__qualname__} is not in the README"


@pytest.mark.parametrize("name", list(WITH_HELP))
def test_every_key_with_words_is_in_its_screens_help(name: str) -> None:
    """Words given to a key and left out of `?` would be in the README alone."""
    screen = WITH_HELP[name]
    worded = {
        binding.action for binding in declared_bindings(screen) if isinstance(binding, Key) and binding.help
    } - {"keys_help"}
    assert worded <= set(screen.KEYS_HELP)
