"""Window geometry, splitter positions and the last opened visit, kept in ``window.json``."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


@dataclass
class WindowState:
    """What the window remembers between runs (not user settings)."""

    geometry: str = ""
    window_state: str = ""
    splitters: dict[str, str] = field(default_factory=dict)
    tab: int = 0
    last_visit_id: str | None = None
    last_section: str | None = None
    risk_panel_open: bool = True
    text_scale: int = 100  # Vis → Tekststørrelse (100/125/150 %)
    last_user: str = ""  # the sign-in dialog fills it in, so the focus can start in «Passord»

    @classmethod
    def load(cls, path: Path) -> WindowState:
        """Read the state; a missing or damaged file gives the defaults."""
        try:
            raw: Any = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(raw, dict):
            return cls()
        known = {k: raw[k] for k in cls.__dataclass_fields__ if k in raw}
        try:
            state = cls(**known)
        except TypeError:
            return cls()
        if not isinstance(state.splitters, dict):
            state.splitters = {}
        return state

    def save(self, path: Path) -> None:
        """Write atomically (a crash mid-write leaves the old file)."""
        try:
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps(asdict(self), indent=1), encoding="utf-8")
            os.replace(tmp, path)
        except OSError:
            log.warning("could not save window state to %s", path, exc_info=True)
