"""Where circle keeps things. CIRCLE_HOME puts everything under one folder (tests, demos, scripts)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

APP_NAME = "circle"


class Locations(NamedTuple):
    data: Path
    config: Path

    @property
    def vault_file(self) -> Path:
        return self.data / "circle.db"

    @property
    def lock_file(self) -> Path:
        return self.data / "circle.lock"

    @property
    def room_file(self) -> Path:
        return self.data / "room.json"

    @property
    def lead_dir(self) -> Path:
        """A group lead's own folder: their key and the counts they imported (docs/FORMAT.md section 13)."""
        return self.data / "lead"

    @property
    def lead_key_file(self) -> Path:
        return self.lead_dir / "lead.key"

    @property
    def lead_store_file(self) -> Path:
        return self.lead_dir / "groups.sealed"

    @property
    def config_file(self) -> Path:
        return self.config / "config.toml"

    @property
    def themes(self) -> Path:
        return self.config / "themes"


def locations(home: Path | str | None = None) -> Locations:
    """CIRCLE_HOME (or `home`) holds data and config side by side; otherwise the platform's folders."""
    chosen = home if home is not None else os.environ.get("CIRCLE_HOME")
    if chosen:
        root = Path(chosen).expanduser().absolute()
        return Locations(data=root / "data", config=root / "config")
    import platformdirs  # imported here: it is slow to load and CIRCLE_HOME does not need it

    return Locations(
        data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
    )
