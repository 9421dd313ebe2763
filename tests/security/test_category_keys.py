"""Need-to-know enforced with keys (issue 19, item 1): health answers and the household economy are
sealed with category keys wrapped only for the roles that may read them."""

import json
import shutil

import pytest
from sqlalchemy import text

from boligvurdering.domain.errors import AccessDenied
from boligvurdering.security.categories import HIDDEN
from boligvurdering.security.keystore import Keystore
from boligvurdering.services import auth
from boligvurdering.services.access import question_category
from boligvurdering.services.auth import first_start, unlock
from boligvurdering.services.context import open_context
from boligvurdering.services.exchange import ExchangeService
from boligvurdering.store import answers as answer_repo
from boligvurdering.store import household as household_repo
from boligvurdering.store import sealing

from .conftest import ADMIN, new_client, new_visit

KARI = ("kari", "passord for kari")  # ergoterapeut
BYGG = ("bygg", "passord for bygg")  # byggteknisk
BOLIG = ("bolig", "passord for bolig")  # boligkonsulent
HEIGHT, FLOORS, INCOME = "nutrition_height_cm", "housing_floors", 310917


def _case(ctx):
    """A visit with a nutrition answer, a housing answer and a household income; returns the visit id."""
    visit = new_visit(ctx, new_client(ctx))
    ctx.answers.save(visit.id, HEIGHT, 164)
    ctx.answers.save(visit.id, FLOORS, 2)
    ctx.plan.save_household(visit.id, {"members": 1, "gross_income_year": INCOME})
    return visit.id


def _raw(ctx, visit_id):
    """What the database itself holds (the key alone, no category key)."""
    with ctx.db.transaction() as s:
        answers = {q: (v, n) for q, v, n in s.execute(text(
            "select question_id, value_json, num_value from answer")).all()}
        row = s.execute(text("select * from household")).mappings().one()  # the one visit's household
    plain = {k: v for k, v in row.items() if k in household_repo.COLUMNS and v is not None}
    return answers, json.dumps(plain) if plain else row["extra_json"]


def _read(ctx, visit_id):
    """(answers, household) through the store with the session's keys, as a tool of one's own would."""
    with ctx.db.transaction() as s:
        return answer_repo.answers_of(s, visit_id=visit_id)[0], household_repo.get_household(s, visit_id=visit_id)


@pytest.fixture
def team(paths, secure):
    for name, pw, role in ((*KARI, "ergoterapeut"), (*BYGG, "byggteknisk"), (*BOLIG, "boligkonsulent")):
        auth.add_user(secure, name, pw, name.title(), role)
    return _case(secure)


def test_byggteknisk_with_file_access_reads_no_nutrition_answer_nor_household_income(paths, secure, team, monkeypatch):
    answers, household = _raw(secure, team)
    assert "164" not in answers[HEIGHT][0] and answers[HEIGHT][1] is None  # sealed, no number beside it
    assert answers[FLOORS] == ("2", 2.0)  # the dwelling is not a health category
    assert str(INCOME) not in household
    secure.close()
    bygg = unlock(paths, *BYGG)
    try:
        visit_level, stored = _read(bygg, team)
        assert visit_level == {FLOORS: 2} and stored is HIDDEN
        with bygg.db.transaction() as s:
            assert answer_repo.hidden_answers(s, visit_id=team) == 1
        monkeypatch.setattr(bygg, "role", "administrator")  # even a role edited in memory gets no plaintext
        assert HEIGHT not in bygg.answers.answers(team)[0]
        with pytest.raises(AccessDenied, match="kryptert"):
            bygg.plan.household(team)
        key = bygg.db.key
    finally:
        bygg.close()
    raw = open_context(paths, key=key, role="administrator")  # the database key alone
    try:
        assert _read(raw, team) == ({FLOORS: 2}, HIDDEN)
    finally:
        raw.close()


def test_permitted_roles_read_what_their_role_may(paths, secure, team):
    secure.close()
    kari = unlock(paths, *KARI)
    try:
        assert _read(kari, team) == ({HEIGHT: 164, FLOORS: 2}, {"members": 1, "gross_income_year": INCOME})
        assert kari.plan.household(team)["gross_income_year"] == INCOME
    finally:
        kari.close()
    bolig = unlock(paths, *BOLIG)
    try:
        visit_level, household = _read(bolig, team)
        assert HEIGHT not in visit_level and household["gross_income_year"] == INCOME
    finally:
        bolig.close()
    keys = json.loads(paths.keystore.read_text())["categories"]
    holders = {c: set(e["keys"][e["current"]]["grants"]) for c, e in keys.items()}
    assert holders == {"health": {"admin", "kari"}, "economy": {"admin", "kari", "bolig"}, "audit": {"admin"}}


def test_a_deactivated_users_keys_open_nothing_after_rotation(paths, secure, team):
    old_keys = paths.keystore.with_name("kept-by-kari.json")
    shutil.copy(paths.keystore, old_keys)
    (paths.backups / "keys.json").write_bytes(paths.keystore.read_bytes())
    with secure.db.transaction() as s:
        before = json.loads(s.execute(text("select value_json from answer where question_id = :q"),
                                      {"q": HEIGHT}).scalar_one())
    assert sorted(auth.deactivate(secure, KARI[0])) == ["economy", "health"]
    for path in (paths.keystore, paths.backups / "keys.json"):
        assert '"kari"' not in path.read_text()  # no wrapping left, backups' copy included
    after, household = _raw(secure, team)
    assert json.loads(after[HEIGHT][0]) != before and before["$sealed"].split(":")[2] not in after[HEIGHT][0]
    assert _read(secure, team) == ({HEIGHT: 164, FLOORS: 2}, {"members": 1, "gross_income_year": INCOME})
    # Kari kept a copy of keys.json and knows her password: the database opens, the sealed values do not
    kept = Keystore.load(old_keys)
    master = kept.unwrap(*KARI)
    ring = kept.keyring(KARI[0], kept.open_box(KARI[0]))
    assert ring.can_open("health") and ring.can_open("economy")  # her old keys ...
    assert ring.open(before, sealing.answer_row(team, HEIGHT, "")) == 164  # ... opened the old rows
    key = secure.db.key
    secure.close()
    raw = open_context(paths, key=master, role="administrator")
    try:
        raw.db.sealer = sealing.Sealer(ring, question_category(raw))
        assert _read(raw, team) == ({FLOORS: 2}, HIDDEN)  # ... and open none of the rotated ones
    finally:
        raw.close()
    assert master == key


def test_rows_written_without_keys_are_sealed_at_the_next_sign_in(paths, secure):
    visit = new_visit(secure, new_client(secure))
    key = secure.db.key
    secure.close()
    tool = open_context(paths, key=key, role="administrator")  # a tool with the database key only
    try:
        tool.answers.save(visit.id, HEIGHT, 171)
        with tool.db.transaction() as s:
            assert json.loads(s.execute(text("select value_json from answer")).scalar_one()) == 171
    finally:
        tool.close()
    admin = unlock(paths, *ADMIN)
    try:
        with admin.db.transaction() as s:
            assert "171" not in s.execute(text("select value_json from answer")).scalar_one()
        assert _read(admin, visit.id)[0] == {HEIGHT: 171}
    finally:
        admin.close()


def test_an_older_data_folder_is_migrated_and_waiting_colleagues_get_their_keys(paths, secure):
    auth.add_user(secure, *KARI, "Kari", "ergoterapeut")
    visit_id = _case(secure)
    key = secure.db.key
    secure.close()
    # the folder as it was before category keys: no categories, no boxes, every row in the clear
    data = json.loads(paths.keystore.read_text())
    data.pop("categories")
    for entry in data["users"].values():
        entry.pop("box")
    paths.keystore.write_text(json.dumps(data))
    tool = open_context(paths, key=key, role="administrator")
    try:
        with tool.db.transaction() as s:
            s.execute(text("update answer set value_json = '164', num_value = 164 where question_id = :q"), {"q": HEIGHT})
            s.execute(text("update household set extra_json = '{}', members = 1, gross_income_year = :v"),
                      {"v": INCOME})
    finally:
        tool.close()
    admin = unlock(paths, *ADMIN)
    try:
        answers, household = _raw(admin, visit_id)
        assert "164" not in answers[HEIGHT][0] and str(INCOME) not in household
        assert _read(admin, visit_id)[0][HEIGHT] == 164
    finally:
        admin.close()
    kari = unlock(paths, *KARI)  # her box is made now; the keys wait for someone who holds them
    try:
        assert _read(kari, visit_id) == ({FLOORS: 2}, HIDDEN)
    finally:
        kari.close()
    unlock(paths, *ADMIN).close()  # grants what Kari's role may hold
    kari = unlock(paths, *KARI)
    try:
        assert _read(kari, visit_id) == ({HEIGHT: 164, FLOORS: 2}, {"members": 1, "gross_income_year": INCOME})
    finally:
        kari.close()


def test_a_new_password_keeps_the_keys_a_reset_regrants_them(paths, secure, team):
    auth.set_password(secure, KARI[0], "nytt passord for kari")
    secure.close()
    kari = unlock(paths, KARI[0], "nytt passord for kari")
    try:
        assert _read(kari, team)[0][HEIGHT] == 164
        auth.change_password(kari, "nytt passord for kari", "enda et passord for kari")
    finally:
        kari.close()
    kari = unlock(paths, KARI[0], "enda et passord for kari")
    try:
        assert _read(kari, team)[1]["gross_income_year"] == INCOME
    finally:
        kari.close()


def test_export_and_import_carry_the_values_to_permitted_users(paths, secure, team, tmp_path):
    document = ExchangeService(secure).export_visit(team)
    assert document["answers"] and document["plan"]["household"]["gross_income_year"] == INCOME
    assert 164 in document["answers"].values()
    from boligvurdering.paths import AppPaths

    other = first_start(AppPaths(tmp_path / "other"), ADMIN[0], ADMIN[1], "Ada")
    try:
        assert ExchangeService(other).import_document(document).status == "new"
        answers, household = _raw(other, team)
        assert "164" not in answers[HEIGHT][0] and str(INCOME) not in household  # sealed there too
        assert _read(other, team) == ({HEIGHT: 164, FLOORS: 2}, {"members": 1, "gross_income_year": INCOME})
        # re-imported by someone who cannot open them, sealed answers are kept, never deleted
        other.db.sealer.keyring.private.clear()
        document["answers"] = {k: v for k, v in document["answers"].items() if v != 164}
        with pytest.raises(AccessDenied, match="kryptert"):  # a household it cannot open is not overwritten
            ExchangeService(other).import_document(document)
        del document["plan"]
        ExchangeService(other).import_document(document)
        answers, household = _raw(other, team)
        assert json.loads(answers[HEIGHT][0])["$sealed"] and json.loads(household)["$sealed"]
    finally:
        other.close()


def test_sync_sends_plaintext_only_from_a_holder_and_seals_what_it_pulls(paths, secure, team):
    from boligvurdering.store import sync as sync_repo

    with secure.db.transaction() as s:
        pushed = {i["question_id"]: i["value"] for i in sync_repo.dirty_answers(s, 100)}
    assert pushed[HEIGHT] == 164 and pushed[FLOORS] == 2
    secure.close()
    bygg = unlock(paths, *BYGG)
    try:
        with bygg.db.transaction() as s:
            pushed = {i["question_id"] for i in sync_repo.dirty_answers(s, 100)}
        assert HEIGHT not in pushed and FLOORS in pushed  # it waits for a holder to send it
        from boligvurdering.store.sync_apply import apply_remote_answers

        form = bygg.registry.form("nutrition")
        other = next(q.id for q in form.questions() if q.type == "measurement" and q.id != HEIGHT)
        with bygg.db.transaction() as s:  # pulled from the server by Bygg: stored sealed, unreadable to Bygg
            item = {"visit_id": team, "question_id": other, "scope": "", "seq": 7, "deleted": False, "value": 71}
            assert apply_remote_answers(s, [item], lambda _q: (form.id, form.version, form.content_hash, None)) == 1
        assert other not in _read(bygg, team)[0]
    finally:
        bygg.close()
    assert json.loads(_raw_answer(paths, other))["$sealed"]
    admin = unlock(paths, *ADMIN)
    try:
        assert _read(admin, team)[0][other] == 71
    finally:
        admin.close()


def _raw_answer(paths, question_id):
    ctx = unlock(paths, *ADMIN)
    try:
        with ctx.db.transaction() as s:
            return s.execute(text("select value_json from answer where question_id = :q"), {"q": question_id}).scalar_one()
    finally:
        ctx.close()


def test_deactivating_a_team_lead_rotates_the_audit_key_and_the_log_still_verifies(paths, secure):
    from boligvurdering.security import audit_anchor as anchors
    from boligvurdering.services import audit

    auth.add_user(secure, "leder", "passord for leder", "Tea Leder", "teamleder")
    old_kid = json.loads(paths.keystore.read_text())["categories"]["audit"]["current"]
    assert sorted(auth.deactivate(secure, "leder")) == ["audit", "economy", "health"]
    secure.close()
    kid = json.loads(paths.keystore.read_text())["categories"]["audit"]["current"]
    assert kid != old_kid and anchors.load(paths.keystore, anchors.LEAD_SLOT).kid == kid
    admin = unlock(paths, *ADMIN)
    try:
        assert audit.verify(admin).ok
        actions = [e["action"] for e in audit.entries(admin)]
        assert "keys.rotated" in actions
    finally:
        admin.close()
