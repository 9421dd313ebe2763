"""sync: device, server accounts, per-answer change records, visit hashes, conflicts (issue 17)

Existing answers are carried forward as local changes not yet sent (dirty, one device counter each).

Revision ID: 0008s
Revises: 0007d
Create Date: 2026-11-29 23:36:11.595036
"""
import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0008s'
down_revision = '0007d'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sync_account',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('username', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('token', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('cursor', sa.Integer(), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('team_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('username')
    )
    with op.batch_alter_table('sync_account', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_account_updated_at'), ['updated_at'], unique=False)

    op.create_table('sync_answer',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('visit_id', sa.Uuid(), nullable=False),
    sa.Column('question_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('scope', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('dirty', sa.Boolean(), nullable=False),
    sa.Column('counter', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('changed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('changed_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('resolves', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('visit_id', 'question_id', 'scope')
    )
    with op.batch_alter_table('sync_answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_answer_dirty'), ['dirty'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_answer_updated_at'), ['updated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_answer_visit_id'), ['visit_id'], unique=False)

    op.create_table('sync_conflict',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('conflict_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('visit_id', sa.Uuid(), nullable=False),
    sa.Column('question_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('scope', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('kept_json', sa.Text(), nullable=True),
    sa.Column('kept_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('kept_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('other_json', sa.Text(), nullable=True),
    sa.Column('other_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('other_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('resolved', sa.Boolean(), nullable=False),
    sa.Column('resolved_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('conflict_id')
    )
    with op.batch_alter_table('sync_conflict', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_conflict_updated_at'), ['updated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_conflict_visit_id'), ['visit_id'], unique=False)

    op.create_table('sync_device',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('server_url', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('counter', sa.Integer(), nullable=False),
    sa.Column('audit_sent', sa.Integer(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('sync_device', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_device_updated_at'), ['updated_at'], unique=False)

    op.create_table('sync_visit',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('visit_id', sa.Uuid(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('doc_hash', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('signature', sa.Text(), server_default='', nullable=False),
    sa.Column('pending_hash', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('pending_counter', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('visit_id')
    )
    with op.batch_alter_table('sync_visit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_visit_updated_at'), ['updated_at'], unique=False)

    _carry_answers_forward()


def _carry_answers_forward() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT visit_id, question_id, scope, answered_by, updated_at FROM answer "
                                "ORDER BY visit_id, question_id, scope")).fetchall()
    now = datetime.now(UTC)
    stamp = sqlmodel.sql.sqltypes.UTCDateTime
    device = sa.table('sync_device', sa.column('id', sa.Uuid()), sa.column('created_at', stamp()),
                      sa.column('updated_at', stamp()), sa.column('server_url', sa.String()),
                      sa.column('name', sa.String()), sa.column('counter', sa.Integer()),
                      sa.column('audit_sent', sa.Integer()))
    op.bulk_insert(device, [{'id': uuid.uuid4(), 'created_at': now, 'updated_at': now, 'server_url': '',
                             'name': '', 'counter': len(rows), 'audit_sent': 0}])
    answer = sa.table('sync_answer', sa.column('id', sa.Uuid()), sa.column('created_at', stamp()),
                      sa.column('updated_at', stamp()), sa.column('visit_id', sa.String()),
                      sa.column('question_id', sa.String()), sa.column('scope', sa.String()),
                      sa.column('seq', sa.Integer()), sa.column('dirty', sa.Boolean()),
                      sa.column('counter', sa.Integer()), sa.column('deleted', sa.Boolean()),
                      sa.column('changed_at', sa.String()), sa.column('changed_by', sa.String()))
    if rows:
        op.bulk_insert(answer, [{'id': uuid.uuid4(), 'created_at': now, 'updated_at': now, 'visit_id': r[0],
                                 'question_id': r[1], 'scope': r[2], 'seq': 0, 'dirty': True, 'counter': i + 1,
                                 'deleted': False, 'changed_at': r[4], 'changed_by': r[3] or ''}
                                for i, r in enumerate(rows)])


def downgrade() -> None:
    with op.batch_alter_table('sync_visit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_visit_updated_at'))

    op.drop_table('sync_visit')
    with op.batch_alter_table('sync_device', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_device_updated_at'))

    op.drop_table('sync_device')
    with op.batch_alter_table('sync_conflict', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_conflict_visit_id'))
        batch_op.drop_index(batch_op.f('ix_sync_conflict_updated_at'))

    op.drop_table('sync_conflict')
    with op.batch_alter_table('sync_answer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_answer_visit_id'))
        batch_op.drop_index(batch_op.f('ix_sync_answer_updated_at'))
        batch_op.drop_index(batch_op.f('ix_sync_answer_dirty'))

    op.drop_table('sync_answer')
    with op.batch_alter_table('sync_account', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_account_updated_at'))

    op.drop_table('sync_account')
