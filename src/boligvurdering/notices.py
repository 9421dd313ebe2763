"""Third-party notices and the software bill of materials, generated from installed metadata.

One generator for three uses: the installer build writes ``THIRD-PARTY-NOTICES.txt`` and a
CycloneDX SBOM from the build environment (``installer/build_meta.py``); the bundle ships the
notices file; the «Om Boligvurdering» dialog shows the shipped file, or, in a wheel or source
install, generates the same text from the packages installed beside it.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata

PROJECT = "boligvurdering"
NOTICES_FILE = "THIRD-PARTY-NOTICES.txt"
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?")
_EXTRA = re.compile(r"""extra\s*==\s*['"]([^'"]+)['"]""")
_LICENCE_FILE = re.compile(r"(LICEN[CS]E|COPYING|NOTICE|AUTHORS)", re.I)

# Bundled with the application but not installed as Python distributions:
# (name, version, licence, url, licence files under resources/)
EXTRA_COMPONENTS = (
    ("Qt 6 (libraries inside PySide6)", "6", "LGPL-3.0-only", "https://www.qt.io/",
     ("licences/LGPL-3.0.txt", "licences/GPL-3.0.txt")),
    ("DejaVu fonts", "2.37", "LicenseRef-DejaVu (Bitstream Vera / Arev, free)", "https://dejavu-fonts.github.io/",
     ("fonts/LICENSE-DejaVu.txt",)),
)
QT_NOTE = (
    "Qt and PySide6 are used under the GNU Lesser General Public License v3 (LGPL-3.0). The Qt\n"
    "libraries are shipped as separate, dynamically loaded files in the program folder and may\n"
    "be replaced by the user with compatible builds. The source code of Qt and PySide6 is at\n"
    "https://download.qt.io/official_releases/ and https://code.qt.io/cgit/pyside/pyside-setup.git/\n"
    "and will be provided on request by the municipality that distributes this program."
)


def canonical(name: str) -> str:
    """PEP 503 normalised name, used to compare distribution names."""
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    licence: str
    url: str = ""
    texts: tuple[tuple[str, str], ...] = field(default=())  # (file name, licence text)


def _licence_of(meta: metadata.PackageMetadata) -> str:
    expression = meta.get("License-Expression")
    if expression:
        return expression
    short = (meta.get("License") or "").strip().splitlines()
    if short and len(short[0]) <= 80:
        return short[0]
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    return " / ".join(classifiers) or "see licence text"


def _url_of(meta: metadata.PackageMetadata) -> str:
    urls = [u.split(",", 1)[-1].strip() for u in meta.get_all("Project-URL") or []]
    return meta.get("Home-page") or (urls[0] if urls else "")


def _licence_texts(dist: metadata.Distribution) -> tuple[tuple[str, str], ...]:
    """Licence files inside the distribution's ``.dist-info`` folder (not other data files)."""
    texts = []
    for path in dist.files or []:
        if path.parts and path.parts[0].endswith(".dist-info") and _LICENCE_FILE.search(path.name):
            try:
                raw = path.locate().read_bytes()
            except OSError:
                continue
            texts.append((path.name, raw.decode("utf-8", errors="replace").strip()))
    return tuple(texts)


def component_of(dist: metadata.Distribution) -> Component:
    meta = dist.metadata
    return Component(meta["Name"], dist.version, _licence_of(meta), _url_of(meta), _licence_texts(dist))


def _wanted(requirement: str, extras: set[str]) -> tuple[str, set[str]] | None:
    """``(name, extras)`` of a ``Requires-Dist`` line that applies, else ``None``."""
    spec, _, marker = requirement.partition(";")
    match = _NAME.match(spec)
    if not match:
        return None
    needed_extra = _EXTRA.search(marker)
    if needed_extra and needed_extra.group(1) not in extras:
        return None
    wanted_extras = {e.strip() for e in (match.group(2) or "").split(",") if e.strip()}
    return match.group(1), wanted_extras


def dependency_closure(requirements: list[str]) -> list[metadata.Distribution]:
    """The installed distributions these requirements pull in, transitively (uninstalled ones skipped)."""
    found: dict[str, metadata.Distribution] = {}
    seen: set[tuple[str, frozenset[str]]] = set()
    queue = [w for r in requirements if (w := _wanted(r, set()))]
    while queue:
        name, extras = queue.pop()
        key = canonical(name)
        if (key, frozenset(extras)) in seen:
            continue
        seen.add((key, frozenset(extras)))
        try:
            dist = found.get(key) or metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # e.g. a Windows-only dependency on Linux
        found[key] = dist
        queue += [w for r in dist.requires or [] if (w := _wanted(r, extras))]
    return sorted(found.values(), key=lambda d: canonical(d.metadata["Name"]))


def project_requirements() -> list[str]:
    """The runtime requirements of the installed ``boligvurdering`` distribution (empty if not installed)."""
    try:
        return [r for r in metadata.distribution(PROJECT).requires or [] if "extra ==" not in r]
    except metadata.PackageNotFoundError:
        return []


def components(requirements: list[str] | None = None, extra_texts: dict[str, str] | None = None) -> list[Component]:
    """Every third-party component: the Python dependencies plus the bundled fonts."""
    reqs = project_requirements() if requirements is None else requirements
    found = [component_of(d) for d in dependency_closure(reqs)]
    texts = extra_texts or {}
    for name, version, licence, url, files in EXTRA_COMPONENTS:
        found.append(Component(name, version, licence, url, tuple((f, texts[f]) for f in files if f in texts)))
    return found


def notices_text(found: list[Component], version: str) -> str:
    """The plain-text notices: a summary table, the Qt note, then each licence text in full."""
    lines = [f"Boligvurdering {version} – tredjepartskomponenter / third-party notices", "",
             "Boligvurdering itself is proprietary; see LICENSE. It includes these components:", ""]
    width = max((len(c.name) for c in found), default=10)
    lines += [f"  {c.name:<{width}}  {c.version:<12}  {c.licence}" for c in found]
    lines += ["", QT_NOTE, ""]
    for comp in found:
        lines += ["=" * 78, f"{comp.name} {comp.version} — {comp.licence}", comp.url, ""]
        for file_name, text in comp.texts:
            lines += [f"--- {file_name} ---", text, ""]
    return "\n".join(lines).rstrip() + "\n"


def cyclonedx(found: list[Component], version: str, when: datetime | None = None) -> dict:
    """A CycloneDX 1.5 SBOM (JSON object) for the application and its components."""
    when = when or datetime.now(UTC)

    def entry(comp: Component) -> dict:
        item: dict = {"type": "library", "name": comp.name, "version": comp.version,
                      "bom-ref": f"{canonical(comp.name)}@{comp.version}"}
        if comp.name not in {c[0] for c in EXTRA_COMPONENTS}:
            item["purl"] = f"pkg:pypi/{canonical(comp.name)}@{comp.version}"
        key = "expression" if (" OR " in comp.licence or " AND " in comp.licence) else "name"
        item["licenses"] = [{"expression": comp.licence}] if key == "expression" else \
            [{"license": {"name": comp.licence}}]
        return item

    return {
        "bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
        "serialNumber": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'boligvurdering/{version}/{when.isoformat()}')}",
        "metadata": {"timestamp": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
                     "component": {"type": "application", "name": "Boligvurdering", "version": version,
                                   "bom-ref": f"boligvurdering@{version}",
                                   "licenses": [{"license": {"name": "Proprietary (all rights reserved)"}}]}},
        "components": [entry(c) for c in found],
        "dependencies": [{"ref": f"boligvurdering@{version}",
                          "dependsOn": [f"{canonical(c.name)}@{c.version}" for c in found]}],
    }
