"""Where circle keeps things. CIRCLE_HOME puts everything under one folder (tests, demos, scripts)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from circle.domain.errors import CircleError

APP_NAME = "circle"
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


@dataclass(frozen=True)
class Locations:
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


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and parents) readable by its owner only."""
    try:
        path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
        if os.name == "posix":
            path.chmod(PRIVATE_DIR_MODE)
    except OSError as error:
        raise CircleError(f"Cannot use the folder {path}: {error.strerror or error}.") from None
    return path


def make_private(path: Path) -> None:
    if os.name == "posix" and path.exists():
        path.chmod(PRIVATE_FILE_MODE)


def write_private_file(path: Path, data: bytes) -> None:
    """Write a new file readable by its owner only; an existing file is never overwritten."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        raise CircleError(f"There is already a file at {path}; choose another name.") from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError:
        path.unlink(missing_ok=True)  # a half-written bundle (a full disk) must not look like a whole one
        raise
