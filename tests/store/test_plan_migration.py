"""Migration 0009h: household economy, statements and the client's målform leave ``setting`` with every value."""

import json
import uuid

from alembic import command
from sqlmodel import select

from boligvurdering.services import audit
from boligvurdering.services.context import open_context
from boligvurdering.services.demo import create_demo
from boligvurdering.services.language import LanguageService
from boligvurdering.store.migrate import known_revisions, migrate
from boligvurdering.store.models import Setting
from boligvurdering.store.plan_models import HouseholdEconomy, VisitStatement
from boligvurdering.store.sync_models import SyncDevice

CO_RESIDENTS = [{"name": "Einar Testli", "relation": "ektefelle", "income_year": 265000.0}]


def _put(ctx, key, value):
    with ctx.db.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM setting WHERE key = ?", (key,))
        conn.exec_driver_sql("INSERT INTO setting (id, created_at, updated_at, key, value_json) VALUES "
                             "(?, '2026-01-02 03:04:05.000000', '2026-01-02 03:04:05.000000', ?, ?)",
                             (uuid.uuid4().hex, key, json.dumps(value, ensure_ascii=False)))


def test_plan_settings_at_0005i_move_into_their_tables_with_every_value(paths, alembic):
    ctx = open_context(paths, role="administrator")
    visit_ids = create_demo(ctx)
    client_id = ctx.visits.get(visit_ids[0]).client_id
    alembic(ctx, command.downgrade, "0005i")  # the schema as today's main leaves it
    ctx.db.engine.dispose()
    old = {"members": 2, "gross_income_year": 310000, "net_income_month": 21000.5, "living_costs_month": 9000,
           "housing_costs_month": 5200, "savings": 40000, "lasting_reduced_function": False, "civil_status": "gift",
           "debt": 12000, "wealth": 900000, "earlier_husbanken_grants": "Tilskudd 2019", "co_residents": CO_RESIDENTS,
           "owns_home": True}  # owns_home: a key from before issue 14 that no column holds
    _put(ctx, f"household:{visit_ids[0]}", old)
    _put(ctx, f"statement:{visit_ids[0]}", "Uttalelse med «sitat» og æøå.")
    _put(ctx, f"statement:{visit_ids[1]}", "")
    _put(ctx, f"client_malform.{client_id}", "nn")
    orphan = f"household:{uuid.uuid4()}"  # a visit that no longer exists: left where it is
    _put(ctx, orphan, {"members": 1})
    with ctx.db.engine.connect() as conn:
        before = {k: json.loads(v) for k, v in conn.exec_driver_sql("SELECT key, value_json FROM setting")}
        counter = conn.exec_driver_sql("SELECT counter FROM sync_device").scalar()
        audit_before = [tuple(r) for r in conn.exec_driver_sql("SELECT seq, hash FROM audit_entry ORDER BY seq")]
    moved = [k for k in before if k.startswith(("household:", "statement:", "client_malform.")) and k != orphan]

    assert migrate(ctx.db, paths.backups).to_revision == known_revisions()[1]
    with ctx.db.transaction() as s:
        settings = {r.key: json.loads(r.value_json) for r in s.exec(select(Setting))}
        households = {str(r.visit_id): r for r in s.exec(select(HouseholdEconomy))}
        statements = {str(r.visit_id): r for r in s.exec(select(VisitStatement))}
        device = s.exec(select(SyncDevice)).one()
    assert not set(moved) & set(settings) and settings[orphan] == {"members": 1}
    assert {k: v for k, v in before.items() if k not in moved} == settings  # other settings untouched
    assert set(households) == {k.split(":")[1] for k in moved if k.startswith("household:")}
    assert set(statements) == {k.split(":")[1] for k in moved if k.startswith("statement:")}
    for key in moved:
        kind, _, ref = key.partition(":")
        if kind == "household":
            row = households[ref]
            stored = {**json.loads(row.extra_json), **{c: getattr(row, c) for c in (
                "members", "gross_income_year", "net_income_month", "living_costs_month", "housing_costs_month",
                "savings", "lasting_reduced_function", "civil_status", "debt", "wealth", "earlier_husbanken_grants")
                if getattr(row, c) is not None}}
            if row.co_residents_json is not None:
                stored["co_residents"] = json.loads(row.co_residents_json)
            assert stored == before[key]
        elif kind == "statement":
            assert statements[ref].text == before[key]
    rows = [*households.values(), *statements.values()]
    assert all(r.device_id == device.id and not r.deleted for r in rows)
    assert sorted(r.counter for r in rows) == list(range(counter + 1, counter + len(rows) + 1)) == \
        list(range(counter + 1, device.counter + 1))
    # the access log: one chain per device; the entries made before are this laptop's, numbers and hashes kept
    with ctx.db.engine.connect() as conn:
        log = conn.exec_driver_sql("SELECT device_id, seq, hash FROM audit_entry ORDER BY seq").fetchall()
    assert log and {d for d, _, _ in log} == {str(device.id)} and [q for _, q, _ in log] == list(range(1, len(log) + 1))
    assert [(q, h) for _, q, h in log] == audit_before
    assert audit.verify(ctx).ok
    # the services read them from the tables
    assert ctx.plan.household(visit_ids[0])["co_residents"] == CO_RESIDENTS
    assert ctx.plan.household(visit_ids[0])["wealth"] == 900000
    assert ctx.plan.statement(visit_ids[0]) == "Uttalelse med «sitat» og æøå."
    assert LanguageService(ctx).client_malform(client_id) == "nn"

    alembic(ctx, command.downgrade, "0005i")  # and back: the settings again, values unchanged
    with ctx.db.engine.connect() as conn:
        back = {k: json.loads(v) for k, v in conn.exec_driver_sql("SELECT key, value_json FROM setting")}
    ctx.close()
    assert {k: back.get(k) for k in moved} == {k: before[k] for k in moved}


def test_each_device_has_its_own_chain_and_verify_checks_each(ctx):
    from boligvurdering.security.audit_chain import GENESIS, link
    from boligvurdering.store import security as repo

    create_demo(ctx)
    other = str(uuid.uuid4())
    with ctx.db.transaction() as s:
        mine = repo.this_device(s)
        prev = GENESIS
        for seq in (1, 2):  # another laptop's chain (as a restored or merged log could hold): its own numbers
            entry = {"seq": seq, "at": "2026-11-30T01:00:00", "actor": "x", "role": "r", "action": "a",
                     "record_type": "", "record_id": "", "client_id": "", "details": {}}
            s.add(repo.AuditEntry(device_id=other, **{k: v for k, v in entry.items() if k != "details"},
                                  details_json="{}", prev_hash=prev, hash=link(prev, entry)))
            prev = link(prev, entry)
        s.flush()
        assert repo.audit_devices(s) == [mine, other]
        count, _head = repo.audit_head(s)
        assert count > 2 and [e["seq"] for e in repo.iter_audit(s, device_id=other)] == [1, 2]
        assert repo.append_audit(s, actor="y", role="r", action="b") == count + 1  # this laptop's chain goes on
    assert audit.verify(ctx).ok
    with ctx.db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER audit_entry_no_update")
        conn.exec_driver_sql("UPDATE audit_entry SET actor = 'mallory' WHERE device_id = ? AND seq = 2", (other,))
    report = audit.verify(ctx)
    assert not report.ok and report.broken_seq == 2
