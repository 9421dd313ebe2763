"""A logging filter that keeps national IDs and SQL parameters out of log files."""

from __future__ import annotations

import logging
import re

_NID = re.compile(r"(?<!\d)\d{6}\s?\d{5}(?!\d)")
_PARAMS = re.compile(r"\[parameters: .*?\]\s*(?=\n|\(Background|$)", re.S)
_SQL = re.compile(r"\[SQL: .*?\]", re.S)


def redact(text: str) -> str:
    text = _PARAMS.sub("[parameters: <skjult>]", text)
    text = _SQL.sub(lambda m: m.group(0) if len(m.group(0)) < 400 else "[SQL: <forkortet>]", text)
    return _NID.sub("<fnr>", text)


class RedactingFilter(logging.Filter):
    """Redacts the message and any traceback text of every record that passes."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            record.msg = redact(record.getMessage())
            record.args = None
        except Exception:  # never lose a log record because of redaction
            return True
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


def install_log_redaction() -> None:
    """Attach the filter to every handler of the root logger (idempotent)."""
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())
