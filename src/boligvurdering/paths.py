"""Where the application keeps its files. One place decides; nothing else builds data paths."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from boligvurdering import APP_NAME


@dataclass(frozen=True)
class AppPaths:
    """All locations under one data directory."""

    root: Path

    @classmethod
    def resolve(cls, data_dir: str | Path | None = None) -> AppPaths:
        """Use ``data_dir`` if given, otherwise the platform's user data folder."""
        if data_dir is None:
            import platformdirs

            data_dir = platformdirs.user_data_dir(APP_NAME, appauthor=False)
        return cls(Path(data_dir).expanduser().resolve())

    @property
    def database(self) -> Path:
        return self.root / "boligvurdering.db"

    @property
    def photos(self) -> Path:
        return self.root / "photos"

    @property
    def thumbnails(self) -> Path:
        return self.root / "photos" / "thumbs"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def backups(self) -> Path:
        """``backup_folder``/<login name> when a setting names one and it can be made (e.g. the
        network share is reachable); otherwise ``backups/`` in the data folder."""
        import getpass

        from boligvurdering.settings import load

        chosen = load(self.settings).backup_folder
        if chosen:
            try:
                (chosen / getpass.getuser()).mkdir(parents=True, exist_ok=True)
                return chosen / getpass.getuser()
            except OSError:
                logging.getLogger(__name__).warning("backup folder %s unavailable; using the data folder", chosen)
        return self.root / "backups"

    @property
    def settings(self) -> Path:
        return self.root / "settings.json"

    @property
    def window_state(self) -> Path:
        return self.root / "window.json"

    @property
    def keystore(self) -> Path:
        return self.root / "keys.json"

    @property
    def previews(self) -> Path:
        """Documents opened in an outside viewer (0700; emptied at every sign-in)."""
        return self.root / "previews"

    @property
    def lock_file(self) -> Path:
        return self.root / ".lock"

    def ensure(self) -> None:
        """Create the folders; raises ``DataDirError`` with a Norwegian message on failure."""
        from boligvurdering.domain.errors import DataDirError

        try:
            for folder in (self.root, self.photos, self.thumbnails, self.logs, self.backups):
                folder.mkdir(parents=True, exist_ok=True)
            probe = self.root / ".write-test"
            probe.write_bytes(b"ok")
            probe.unlink()
        except OSError as exc:
            raise DataDirError(self.root, exc) from exc
