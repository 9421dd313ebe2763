"""The wheel and bundle checks make every document kind from demo data, so demo data must allow it."""

from __future__ import annotations

import io

from pypdf import PdfReader

from boligvurdering.cli.commands.report_cmd import KIND_CHOICES
from boligvurdering.domain.errors import UserError
from boligvurdering.paths import AppPaths
from boligvurdering.services.context import open_context
from boligvurdering.services.demo import create_demo
from boligvurdering.services.documents import DocumentService


def test_every_document_kind_can_be_made_from_demo_data(tmp_path):
    ctx = open_context(AppPaths.resolve(tmp_path / "data"), role="administrator")
    try:
        visits = create_demo(ctx)
        docs = DocumentService(ctx)
        made = {}
        for kind in KIND_CHOICES:
            for visit in visits:
                try:
                    made[kind] = docs.render_bytes(visit, kind)
                    break
                except UserError:
                    continue
    finally:
        ctx.close()
    assert sorted(made) == sorted(KIND_CHOICES)
    nav = "".join(page.extract_text() for page in PdfReader(io.BytesIO(made["nav-rampe"])).pages)
    assert "1:15" in nav and "rampe" in nav.lower()  # the demo ramp visit: the ramp calculation is in the application
