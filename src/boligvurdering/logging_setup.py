"""Logging to a rotating file in the data folder (and nothing to the user's terminal)."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path


def setup_logging(log_dir: Path, level: int = logging.INFO) -> Path:
    """Send log records to ``log_dir/boligvurdering.log`` (1 MB × 5 files). Returns the path."""
    log_file = log_dir / "boligvurdering.log"
    logging.raiseExceptions = False  # a full disk must not print a logging traceback at the user
    root = logging.getLogger()
    if any(getattr(h, "_boligvurdering", False) for h in root.handlers):
        return log_file
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._boligvurdering = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return log_file
