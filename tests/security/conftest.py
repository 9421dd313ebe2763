"""Fixtures: an encrypted data folder with a signed-in administrator, and helpers."""

from datetime import date

import pytest

from boligvurdering.domain.national_id import make_synthetic

ADMIN = ("admin", "korrekt hest batteri")


@pytest.fixture
def secure(paths):
    """A fresh encrypted data folder: first start as administrator; closed afterwards."""
    from boligvurdering.services.auth import first_start

    ctx = first_start(paths, ADMIN[0], ADMIN[1], "Ada Admin")
    yield ctx
    ctx.close()


def new_client(ctx, given="Zyxwar", family="Qlompeheim", n=123):
    nid = make_synthetic(date(1940, 3, 4), n, female=True).value
    return ctx.clients.create({"national_id": nid, "given_name": given, "family_name": family},
                              {"address": "Storgata 1", "postal_code": "5000"})


def new_visit(ctx, client):
    return ctx.visits.create(client.id, data={"visit_date": "2026-11-20"})
