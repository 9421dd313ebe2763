"""Building blocks for GUI tests."""

from datetime import date

from boligvurdering.domain.national_id import make_synthetic


def new_visit(ctx, individual: int = 300) -> str:
    """A client (born 1938, woman, lives alone unknown) with a planned visit and one member."""
    client = ctx.clients.create(
        {"given_name": "Astrid", "family_name": "Testesen",
         "national_id": make_synthetic(date(1938, 3, 14), individual, female=True).value},
        {"address": "Prøvevegen 2", "postal_code": "5914"})
    member = ctx.visits.add_member("Ingrid Fjell", "ergoterapeut")
    visit = ctx.visits.create(client.id, data={"visit_date": "2026-11-20", "referral_reason": "Fall"},
                              team=[(member.id, "ergoterapeut")], contact_member_id=member.id)
    return visit.id


def open_workspace(qtbot, ctx, runner, clock=None, visit_id=None):
    from boligvurdering.gui.workspace.workspace import VisitWorkspace

    ws = VisitWorkspace(ctx, visit_id or new_visit(ctx), runner, clock=clock)
    qtbot.addWidget(ws)
    ws.resize(1366, 720)
    ws.show()
    ws.start()
    return ws


def section(ws, section_id):
    ws.nav.select(f"section:{section_id}")
    return ws.page(f"section:{section_id}").questions
