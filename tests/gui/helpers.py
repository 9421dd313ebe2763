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


def sign_in(ctx, username: str, full_name: str, role: str = "ergoterapeut"):
    """What signing in does to the context (without the slow key derivation); returns the user's member."""
    from boligvurdering.store import security as repo

    with ctx.db.transaction() as s:
        if repo.get_user(s, username=username) is None:
            repo.add_user(s, username=username, full_name=full_name, role=role)
    ctx.actor, ctx.role = username, role
    return ctx.team.me()


REQUIRED_ANSWERS = {"opening_consent_visit": True, "opening_lives_alone": False, "falls_fallen_past_year": False,
                    "falls_unsteady": False, "falls_worries": False, "nutrition_mst_weight_loss": "no",
                    "nutrition_mst_appetite": "no"}
