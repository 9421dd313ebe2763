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


def every_page(window):
    """(name, show) for every tab, backlog sub-tab and part of a demo visit with rooms."""
    clients = window.clients_page
    yield "Brukere", lambda: (window.tabs.setCurrentIndex(0), clients.table.selectRow(0))
    yield "Ny bruker", lambda: (window.tabs.setCurrentIndex(0), clients.show_new_client())
    yield "Nytt besøk", lambda: (window.tabs.setCurrentIndex(0), clients.table.selectRow(0), clients.show_new_visit())
    backlog = window.tabs.widget(2)
    for index in range(backlog.findChild(type(window.tabs)).count()):
        def show(i=index):
            window.tabs.setCurrentIndex(2)
            backlog.findChild(type(window.tabs)).setCurrentIndex(i)
        yield f"Arbeidsliste {index}", show
    visit_id = next(v for v in window.ctx.visits.list() if window.ctx.visits.rooms(v.id)).id
    window.open_visit(visit_id)
    workspace = window.visits_page.workspace
    for key in list(workspace.nav.items):
        yield key, lambda k=key: (window.tabs.setCurrentIndex(1), workspace.nav.select(k))


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
