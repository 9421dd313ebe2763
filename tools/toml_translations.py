"""Carry {nb, nn, en} translations from one version of a TOML definition into another.

    python tools/toml_translations.py SOURCE.toml TARGET.toml [TARGET2.toml …]

Every ``{ nb = "…", nn = "…", en = "…" }`` table in SOURCE gives a translation of its bokmål text;
in each TARGET, text values (``title = "…"``, ``label = "…"`` in inline tables, strings in
``documents = […]``) whose bokmål text has a translation become such tables. Texts that are not
translated stay plain strings. Useful after merging branches that changed the same file.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

KEYS = "title|text|help|label|explanation|reason|intro|note|decided_by|requirement|unit_label|name"
STRING = r'"(?:[^"\\]|\\.)*"'
PLAIN = re.compile(rf'(?<![\w.])({KEYS}) = ({STRING})')
DOCUMENTS = re.compile(r"documents = \[.*?\]", re.S)


def translations(data: Any, found: dict[str, dict[str, str]] | None = None) -> dict[str, dict[str, str]]:
    """bokmål → {nn: …, en: …} from every text table in ``data``."""
    found = {} if found is None else found
    if isinstance(data, dict) and "nb" in data and set(data) <= {"nb", "nn", "en"}:
        found.setdefault(data["nb"], {}).update({k: v for k, v in data.items() if k != "nb" and v})
    elif isinstance(data, dict):
        for value in data.values():
            translations(value, found)
    elif isinstance(data, list):
        for value in data:
            translations(value, found)
    return found


def _table(nb: str, other: dict[str, str]) -> str:
    parts = [f"nb = {json.dumps(nb, ensure_ascii=False)}"]
    parts += [f"{code} = {json.dumps(other[code], ensure_ascii=False)}" for code in ("nn", "en") if other.get(code)]
    return "{ " + ", ".join(parts) + " }"


def apply(text: str, found: dict[str, dict[str, str]]) -> str:
    """``text`` (TOML source) with the known translations added as tables."""
    def plain(match: re.Match[str]) -> str:
        nb = json.loads(match.group(2))
        return f"{match.group(1)} = {_table(nb, found[nb])}" if nb in found else match.group(0)

    def documents(match: re.Match[str]) -> str:
        return re.sub(STRING, lambda m: _table(json.loads(m.group(0)), found[json.loads(m.group(0))])
                      if json.loads(m.group(0)) in found else m.group(0), match.group(0))

    text = DOCUMENTS.sub(documents, text)
    return "\n".join(PLAIN.sub(plain, line) for line in text.split("\n"))


def main(argv: list[str]) -> int:
    source, *targets = argv
    found = translations(tomllib.loads(Path(source).read_text(encoding="utf-8")))
    for target in targets:
        path = Path(target)
        path.write_text(apply(path.read_text(encoding="utf-8"), found), encoding="utf-8")
        tomllib.loads(path.read_text(encoding="utf-8"))  # still valid TOML
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
