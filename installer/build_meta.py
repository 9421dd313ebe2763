"""Write the third-party notices and a CycloneDX SBOM for a build, from the build environment.

Run with the interpreter the bundle is built with (its installed packages are what ships):
    python installer/build_meta.py OUTDIR
Writes OUTDIR/THIRD-PARTY-NOTICES.txt and OUTDIR/boligvurdering-<version>.cdx.json.
The requirements are the runtime dependencies in pyproject.toml, resolved transitively against
the installed distributions (boligvurdering.notices does the work).
"""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from boligvurdering.notices import NOTICES_FILE, components, cyclonedx, notices_text  # noqa: E402
from boligvurdering.resources import licence_texts  # noqa: E402


def main(outdir: str) -> int:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    found = components(project["dependencies"], extra_texts=licence_texts())
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    (out / NOTICES_FILE).write_text(notices_text(found, project["version"]), encoding="utf-8")
    sbom = out / f"boligvurdering-{project['version']}.cdx.json"
    sbom.write_text(json.dumps(cyclonedx(found, project["version"]), indent=2), encoding="utf-8")
    print(f"{len(found)} components: {out / NOTICES_FILE}, {sbom}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "build/meta"))
