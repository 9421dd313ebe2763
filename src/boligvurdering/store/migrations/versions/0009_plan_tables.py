"""plan tables: household economy and the therapist's statement in their own tables; client målform as a column

Moves the ``setting`` rows ``household:<visit id>`` and ``statement:<visit id>`` into ``household``
and ``visit_statement`` (one row per visit; every value kept: keys without a column go to
``household.extra_json``), and ``client_malform.<client id>`` into ``client.malform``. Rows whose
visit or client no longer exists stay in ``setting`` untouched. Moved rows count as changes made
on this laptop (this device's id, one counter each).

The access log becomes one chain per device: ``audit_entry`` gets ``device_id`` (part of the
primary key with ``seq``); existing entries get this laptop's device id and keep their numbers
and hashes (the device id is not hashed: the team server keys chains by device the same way).

Revision ID: 0009h
Revises: 0005i
Create Date: 2026-11-30 02:40:00
"""
import json
import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0009h'
down_revision = '0005i'
branch_labels = None
depends_on = None

COLUMNS = ('members', 'gross_income_year', 'net_income_month', 'living_costs_month', 'housing_costs_month',
           'savings', 'lasting_reduced_function', 'civil_status', 'debt', 'wealth', 'earlier_husbanken_grants')


def _plan_columns() -> list[sa.Column]:
    stamp = sqlmodel.sql.sqltypes.UTCDateTime
    return [
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('created_at', stamp(), nullable=False),
        sa.Column('updated_at', stamp(), nullable=False),
        sa.Column('visit_id', sa.Uuid(), nullable=False),
        sa.Column('deleted', sa.Boolean(), nullable=False),
        sa.Column('deleted_at', stamp(), nullable=True),
        sa.Column('changed_at', stamp(), nullable=True),
        sa.Column('changed_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('device_id', sa.Uuid(), nullable=True),
        sa.Column('counter', sa.Integer(), nullable=False),
    ]


def _constraints(table: str) -> list[sa.schema.SchemaItem]:
    return [sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], ondelete='CASCADE'),
            sa.PrimaryKeyConstraint('id'), sa.UniqueConstraint('visit_id')]


def upgrade() -> None:
    op.create_table('household', *_plan_columns(),
                    sa.Column('members', sa.Integer(), nullable=True),
                    sa.Column('gross_income_year', sa.Float(), nullable=True),
                    sa.Column('net_income_month', sa.Float(), nullable=True),
                    sa.Column('living_costs_month', sa.Float(), nullable=True),
                    sa.Column('housing_costs_month', sa.Float(), nullable=True),
                    sa.Column('savings', sa.Float(), nullable=True),
                    sa.Column('lasting_reduced_function', sa.Boolean(), nullable=True),
                    sa.Column('civil_status', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
                    sa.Column('debt', sa.Float(), nullable=True),
                    sa.Column('wealth', sa.Float(), nullable=True),
                    sa.Column('earlier_husbanken_grants', sa.Text(), nullable=True),
                    sa.Column('co_residents_json', sa.Text(), nullable=True),
                    sa.Column('extra_json', sa.Text(), server_default='{}', nullable=False),
                    *_constraints('household'))
    with op.batch_alter_table('household', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_household_updated_at'), ['updated_at'], unique=False)
    op.create_table('visit_statement', *_plan_columns(),
                    sa.Column('text', sa.Text(), server_default='', nullable=False),
                    *_constraints('visit_statement'))
    with op.batch_alter_table('visit_statement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_statement_updated_at'), ['updated_at'], unique=False)
    with op.batch_alter_table('client', schema=None) as batch_op:
        batch_op.add_column(sa.Column('malform', sqlmodel.sql.sqltypes.AutoString(), server_default='', nullable=False))
    device = _carry_forward()
    _audit_per_device(str(device))


_AUDIT_COLUMNS = ('seq', 'at', 'actor', 'role', 'action', 'record_type', 'record_id', 'client_id', 'details_json',
                  'prev_hash', 'hash')
_TRIGGERS = ("CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry "
             "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END",
             "CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry "
             "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END")


def _audit_table(name: str, per_device: bool) -> None:
    text = sqlmodel.sql.sqltypes.AutoString
    op.create_table(name,
                    *([sa.Column('device_id', text(), nullable=False)] if per_device else []),
                    sa.Column('seq', sa.Integer(), nullable=False),
                    *(sa.Column(c, text(), nullable=False) for c in ('at', 'actor', 'role', 'action', 'record_type',
                                                                    'record_id', 'client_id')),
                    sa.Column('details_json', sa.Text(), server_default='{}', nullable=False),
                    sa.Column('prev_hash', text(), nullable=False),
                    sa.Column('hash', text(), nullable=False),
                    sa.PrimaryKeyConstraint(*(('device_id', 'seq') if per_device else ('seq',))))


def _rebuild_audit(per_device: bool, device: str) -> None:
    """Copy the log into a table with (or without) the device column; indexes and triggers as before."""
    _audit_table('audit_entry_new', per_device)
    cols = ', '.join(_AUDIT_COLUMNS)
    if per_device:
        op.get_bind().execute(sa.text(f"INSERT INTO audit_entry_new (device_id, {cols}) "
                                      f"SELECT :device, {cols} FROM audit_entry ORDER BY seq"), {'device': device})
    else:  # back to one chain: only this laptop's own entries fit it
        op.get_bind().execute(sa.text(f"INSERT INTO audit_entry_new ({cols}) SELECT {cols} FROM audit_entry "
                                      "WHERE device_id = :device ORDER BY seq"), {'device': device})
    op.execute("DROP TRIGGER IF EXISTS audit_entry_no_delete")
    op.execute("DROP TRIGGER IF EXISTS audit_entry_no_update")
    op.drop_index('ix_audit_entry_client_id', table_name='audit_entry')
    op.drop_index('ix_audit_entry_action', table_name='audit_entry')
    op.drop_table('audit_entry')
    op.rename_table('audit_entry_new', 'audit_entry')
    op.create_index('ix_audit_entry_action', 'audit_entry', ['action'], unique=False)
    op.create_index('ix_audit_entry_client_id', 'audit_entry', ['client_id'], unique=False)
    for trigger in _TRIGGERS:
        op.execute(trigger)


def _audit_per_device(device: str) -> None:
    _rebuild_audit(True, device)


def _device(conn: sa.Connection) -> tuple[object, uuid.UUID, int]:
    """This laptop's device row (raw id, id, counter), made as the sync would on first use if missing."""
    row = conn.execute(sa.text("SELECT id, counter FROM sync_device LIMIT 1")).first()
    if row is not None:
        return row[0], uuid.UUID(str(row[0])), int(row[1])
    device, now = uuid.uuid4(), datetime.now(UTC)
    table = sa.table('sync_device', sa.column('id', sa.Uuid()), sa.column('created_at', sqlmodel.sql.sqltypes.UTCDateTime()),
                     sa.column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime()), sa.column('server_url', sa.String()),
                     sa.column('name', sa.String()), sa.column('counter', sa.Integer()),
                     sa.column('audit_sent', sa.Integer()))
    op.bulk_insert(table, [{'id': device, 'created_at': now, 'updated_at': now, 'server_url': '', 'name': '',
                            'counter': 0, 'audit_sent': 0}])
    return conn.execute(sa.text("SELECT id FROM sync_device LIMIT 1")).scalar(), device, 0


def _plan_table(name: str, *extra: str) -> sa.TableClause:
    # Time stamps are copied as stored in ``setting`` (the same column type), hence plain strings here.
    stamp = sa.String
    cols = [sa.column('id', sa.Uuid()), sa.column('created_at', stamp()), sa.column('updated_at', stamp()),
            sa.column('visit_id', sa.Uuid()), sa.column('deleted', sa.Boolean()), sa.column('changed_at', stamp()),
            sa.column('changed_by', sa.String()), sa.column('device_id', sa.Uuid()), sa.column('counter', sa.Integer())]
    return sa.table(name, *cols, *(sa.column(c) for c in extra))


def _household_row(value: dict) -> dict:
    row = {c: value.get(c) for c in COLUMNS}
    if isinstance(row['members'], float) and row['members'].is_integer():
        row['members'] = int(row['members'])
    co = value.get('co_residents')
    row['co_residents_json'] = None if co is None else json.dumps(co, ensure_ascii=False)
    extra = {k: v for k, v in value.items() if k not in COLUMNS and k != 'co_residents'}
    row['extra_json'] = json.dumps(extra, ensure_ascii=False, sort_keys=True)
    return row


def _carry_forward() -> uuid.UUID:
    conn = op.get_bind()
    visits = {str(uuid.UUID(str(v))) for (v,) in conn.execute(sa.text("SELECT id FROM visit"))}
    clients = {str(uuid.UUID(str(c))): c for (c,) in conn.execute(sa.text("SELECT id FROM client"))}
    rows = conn.execute(sa.text("SELECT key, value_json, created_at, updated_at FROM setting "
                                "WHERE key LIKE 'household:%' OR key LIKE 'statement:%' "
                                "OR key LIKE 'client_malform.%' ORDER BY key")).fetchall()
    raw_device, device, counter = _device(conn)
    households, statements, moved = [], [], []
    for key, value_json, created, updated in rows:
        kind, _, ref = key.partition(':') if ':' in key else key.partition('.')
        try:
            ref = str(uuid.UUID(ref))
        except ValueError:
            continue
        value = json.loads(value_json)
        if kind == 'client_malform':
            if ref in clients and isinstance(value, str):
                conn.execute(sa.text("UPDATE client SET malform = :m WHERE id = :id"), {'m': value, 'id': clients[ref]})
                moved.append(key)
            continue
        if ref not in visits or (kind == 'household' and not isinstance(value, dict)) \
                or (kind == 'statement' and not isinstance(value, str)):
            continue
        counter += 1
        base = {'id': uuid.uuid4(), 'created_at': created, 'updated_at': updated, 'visit_id': uuid.UUID(ref),
                'deleted': False, 'changed_at': updated, 'changed_by': '', 'device_id': device, 'counter': counter}
        if kind == 'household':
            households.append({**base, **_household_row(value)})
        else:
            statements.append({**base, 'text': value})
        moved.append(key)
    if households:
        op.bulk_insert(_plan_table('household', *COLUMNS, 'co_residents_json', 'extra_json'), households)
    if statements:
        op.bulk_insert(_plan_table('visit_statement', 'text'), statements)
    conn.execute(sa.text("UPDATE sync_device SET counter = :c WHERE id = :id"), {'c': counter, 'id': raw_device})
    setting = sa.table('setting', sa.column('key', sa.String()))
    for start in range(0, len(moved), 500):
        conn.execute(setting.delete().where(setting.c.key.in_(moved[start:start + 500])))
    return device


def _carry_back() -> None:
    conn = op.get_bind()
    now = datetime.now(UTC)
    new = []
    for row in conn.execute(sa.text(f"SELECT visit_id, {', '.join(COLUMNS)}, co_residents_json, extra_json, "
                                    "created_at, updated_at FROM household WHERE deleted = 0")).mappings():
        value = {**json.loads(row['extra_json'] or '{}'), **{c: row[c] for c in COLUMNS if row[c] is not None}}
        if row['lasting_reduced_function'] is not None:
            value['lasting_reduced_function'] = bool(row['lasting_reduced_function'])
        if row['co_residents_json'] is not None:
            value['co_residents'] = json.loads(row['co_residents_json'])
        new.append((f"household:{uuid.UUID(str(row['visit_id']))}", value))
    for vid, text in conn.execute(sa.text("SELECT visit_id, text FROM visit_statement WHERE deleted = 0")):
        new.append((f"statement:{uuid.UUID(str(vid))}", text))
    for cid, malform in conn.execute(sa.text("SELECT id, malform FROM client WHERE malform != ''")):
        new.append((f"client_malform.{uuid.UUID(str(cid))}", malform))
    stamp = sqlmodel.sql.sqltypes.UTCDateTime
    setting = sa.table('setting', sa.column('id', sa.Uuid()), sa.column('created_at', stamp()),
                       sa.column('updated_at', stamp()), sa.column('key', sa.String()), sa.column('value_json', sa.Text()))
    if new:
        op.bulk_insert(setting, [{'id': uuid.uuid4(), 'created_at': now, 'updated_at': now, 'key': k,
                                  'value_json': json.dumps(v, ensure_ascii=False)} for k, v in new])


def downgrade() -> None:
    device = op.get_bind().execute(sa.text("SELECT id FROM sync_device LIMIT 1")).scalar()
    _rebuild_audit(False, str(uuid.UUID(str(device))) if device is not None else '')
    _carry_back()
    with op.batch_alter_table('client', schema=None) as batch_op:
        batch_op.drop_column('malform')
    with op.batch_alter_table('visit_statement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visit_statement_updated_at'))
    op.drop_table('visit_statement')
    with op.batch_alter_table('household', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_household_updated_at'))
    op.drop_table('household')
