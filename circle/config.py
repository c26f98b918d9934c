"""Settings that are not secret, kept in config.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from circle.files import ensure_private_dir, replace_atomically

DEFAULT_THEME = "calm"


@dataclass(frozen=True)
class Settings:
    theme: str = DEFAULT_THEME
    idle_lock_minutes: int = 5
    bell: bool = False


def load_settings(path: Path) -> tuple[Settings, str | None]:
    """Read settings; a broken file gives the defaults and a one-line reason."""
    if not path.exists():
        return Settings(), None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as error:
        return Settings(), f"{path.name} could not be read ({type(error).__name__}); using defaults."
    known = {f.name: f.type for f in fields(Settings)}
    values = {}
    for key, value in data.items():
        expected = {"str": str, "int": int, "bool": bool}[str(known[key])] if key in known else None
        if expected is not None and type(value) is expected:
            values[key] = value
    return replace(Settings(), **values), None


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"')
    # TOML basic strings cannot hold control characters (nor DEL) as they are.
    escaped = "".join(f"\\u{ord(c):04x}" if c < " " or c == "\x7f" else c for c in escaped)
    return f'"{escaped}"'


def save_settings(path: Path, settings: Settings) -> None:
    ensure_private_dir(path.parent)
    lines = [f"{f.name} = {_toml_value(getattr(settings, f.name))}" for f in fields(Settings)]
    replace_atomically(path, ("\n".join(lines) + "\n").encode("utf-8"))
