"""Third-party notices and the CycloneDX SBOM come from the installed packages' metadata (issue #11.6)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from boligvurdering import notices
from boligvurdering.resources import licence_texts

ROOT = Path(__file__).resolve().parents[2]
RUNTIME = ["PySide6-Essentials>=6.7", "pikepdf[pdfa]>=10.18", "reportlab>=4.0", "sqlcipher3>=0.6"]


def test_closure_follows_requirements_extras_and_skips_what_is_not_installed():
    names = {notices.canonical(d.metadata["Name"]) for d in notices.dependency_closure(
        [*RUNTIME, "not-installed-anywhere>=1", 'pytest>=8; extra == "dev"'])}
    assert {"pyside6-essentials", "shiboken6", "pikepdf", "lxml", "pillow", "reportlab", "sqlcipher3"} <= names
    assert "pytest" not in names and "not-installed-anywhere" not in names


def test_notices_list_every_component_with_licence_and_full_texts():
    found = notices.components(RUNTIME, extra_texts=licence_texts())
    text = notices.notices_text(found, "9.9.9")
    rows = {line.split()[0]: line for line in text.splitlines()[4:] if line.startswith("  ")}
    assert "MPL-2.0" in rows["pikepdf"] and "LGPL-3.0" in rows["shiboken6"]
    assert "Mozilla Public License" in text and "GNU LESSER GENERAL PUBLIC LICENSE" in text
    assert "Bitstream Vera" in text  # the DejaVu fonts' licence, read from resources/


def test_cyclonedx_sbom_names_every_component_with_purl_and_licence():
    found = notices.components(RUNTIME, extra_texts={})
    bom = notices.cyclonedx(found, "9.9.9")
    assert (bom["bomFormat"], bom["specVersion"], bom["metadata"]["component"]["version"]) == ("CycloneDX", "1.5", "9.9.9")
    by_name = {c["name"]: c for c in bom["components"]}
    assert by_name["pikepdf"]["purl"].startswith("pkg:pypi/pikepdf@")
    assert by_name["pikepdf"]["licenses"] == [{"license": {"name": "MPL-2.0"}}]
    assert "purl" not in by_name["DejaVu fonts"]
    assert set(bom["dependencies"][0]["dependsOn"]) == {c["bom-ref"] for c in bom["components"]}


def test_build_meta_writes_notices_and_sbom_for_the_pyproject_dependencies(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "installer" / "build_meta.py"), str(tmp_path)], check=True,
                   capture_output=True)
    bom = json.loads(next(tmp_path.glob("boligvurdering-*.cdx.json")).read_text(encoding="utf-8"))
    names = {notices.canonical(c["name"]) for c in bom["components"]}
    assert {"pyside6-essentials", "pikepdf", "sqlmodel", "sqlalchemy", "alembic", "openpyxl"} <= names
    assert "pytest" not in names  # dev tools are not shipped
    assert (tmp_path / notices.NOTICES_FILE).read_text(encoding="utf-8").startswith("Boligvurdering ")
