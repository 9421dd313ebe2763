"""Norwegian dates in document text («2. desember 2026») back to ``date`` (test helper)."""

from __future__ import annotations

import re
from datetime import date

MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
          "november", "desember")
DATE_RE = re.compile(r"(\d{1,2})\.\s+(" + "|".join(MONTHS) + r")\s+(\d{4})")


def dates_after(text: str, marker: str) -> list[date]:
    """Every date that follows ``marker`` (e.g. «innen») within a few words."""
    out = []
    for m in re.finditer(re.escape(marker) + r"\s+" + DATE_RE.pattern, text):
        out.append(date(int(m.group(3)), MONTHS.index(m.group(2)) + 1, int(m.group(1))))
    return out
