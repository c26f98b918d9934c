"""Settings that are not secret, kept in config.toml."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from circle.files import ensure_private_dir, replace_atomically
from circle.language import _

DEFAULT_THEME = "calm"
# A week: longer than anyone leaves a laptop idle, and small enough for any sum circle makes with it.
MAX_IDLE_LOCK_MINUTES = 7 * 24 * 60


@dataclass(frozen=True)
class Settings:
    theme: str = DEFAULT_THEME
    # Every number carries the range it may take; a number outside it is ignored like a wrong type.
    idle_lock_minutes: int = field(default=5, metadata={"range": (0, MAX_IDLE_LOCK_MINUTES)})
    bell: bool = False
    # The facilitator's language for the app and the command line ("es"); empty: the system's, else English.
    language: str = ""


def load_settings(path: Path) -> tuple[Settings, str | None]:
    """Read settings; a broken file gives the defaults and a one-line reason."""
    if not path.exists():
        return Settings(), None
    import tomllib  # here: most runs have no config file, and every command reads this first

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as error:
        return Settings(), _("{file} could not be read ({problem}); using defaults.").format(
            file=path.name, problem=type(error).__name__
        )
    known = {f.name: f for f in fields(Settings)}
    values = {}
    for key, value in data.items():
        expected = {"str": str, "int": int, "bool": bool}[str(known[key].type)] if key in known else None
        if expected is not None and type(value) is expected and _in_range(known[key].metadata, value):
            values[key] = value
    return replace(Settings(), **values), None


def _in_range(metadata: Mapping[str, tuple[int, int]], value: object) -> bool:
    """TOML integers have no size limit; one with 400 digits would overflow the first float made from it."""
    if type(value) is not int:
        return True
    low, high = metadata["range"]  # every number declares one
    return low <= value <= high


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
