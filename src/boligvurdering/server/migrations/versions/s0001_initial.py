"""initial server schema: teams, users, devices, tokens, visits, answers, conflicts, photos

Revision ID: s0001
Revises:
Create Date: 2026-11-29 23:33:36.918263
"""
import sqlalchemy as sa
from alembic import op

revision = 's0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(sa.schema.CreateSequence(sa.Sequence('sync_seq')))
    op.create_table('change',
    sa.Column('device_id', sa.Uuid(), nullable=False),
    sa.Column('counter', sa.BigInteger(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('visit_id', sa.Uuid(), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('device_id', 'counter')
    )
    op.create_index(op.f('ix_change_visit_id'), 'change', ['visit_id'], unique=False)
    op.create_table('photo_blob',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('sha256')
    )
    op.create_table('photo_chunk',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('offset', sa.BigInteger(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('sha256', 'offset')
    )
    op.create_table('team',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('app_user',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('username', sa.String(length=100), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=40), nullable=False),
    sa.Column('team_id', sa.Uuid(), nullable=False),
    sa.Column('password_hash', sa.Text(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('username')
    )
    op.create_index(op.f('ix_app_user_team_id'), 'app_user', ['team_id'], unique=False)
    op.create_table('device',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('team_id', sa.Uuid(), nullable=False),
    sa.Column('enrolled_by', sa.Uuid(), nullable=False),
    sa.Column('enrolled_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['enrolled_by'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_device_team_id'), 'device', ['team_id'], unique=False)
    op.create_table('visit',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('team_id', sa.Uuid(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('doc_json', sa.Text(), nullable=False),
    sa.Column('doc_hash', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('status_order', sa.Integer(), nullable=False),
    sa.Column('risk_rank', sa.Integer(), nullable=False),
    sa.Column('visit_date', sa.String(length=10), nullable=True),
    sa.Column('client_name', sa.String(length=200), nullable=False),
    sa.Column('updated_by', sa.Uuid(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], ),
    sa.ForeignKeyConstraint(['updated_by'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_visit_seq'), 'visit', ['seq'], unique=False)
    op.create_index(op.f('ix_visit_team_id'), 'visit', ['team_id'], unique=False)
    op.create_index('ix_visit_team_risk', 'visit', ['team_id', 'risk_rank', 'id'], unique=False)
    op.create_index('ix_visit_team_status_order', 'visit', ['team_id', 'status_order', 'id'], unique=False)
    op.create_table('answer',
    sa.Column('visit_id', sa.Uuid(), nullable=False),
    sa.Column('question_id', sa.String(length=100), nullable=False),
    sa.Column('scope', sa.String(length=40), nullable=False),
    sa.Column('value_json', sa.Text(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('device_id', sa.Uuid(), nullable=False),
    sa.Column('counter', sa.BigInteger(), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('changed_by', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('visit_id', 'question_id', 'scope')
    )
    op.create_index(op.f('ix_answer_seq'), 'answer', ['seq'], unique=False)
    op.create_index('ix_answer_visit_seq', 'answer', ['visit_id', 'seq'], unique=False)
    op.create_table('conflict',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('visit_id', sa.Uuid(), nullable=False),
    sa.Column('question_id', sa.String(length=100), nullable=False),
    sa.Column('scope', sa.String(length=40), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('kept_json', sa.Text(), nullable=True),
    sa.Column('kept_by', sa.String(length=100), nullable=False),
    sa.Column('kept_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('other_json', sa.Text(), nullable=True),
    sa.Column('other_by', sa.String(length=100), nullable=False),
    sa.Column('other_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('resolved_by', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_conflict_seq'), 'conflict', ['seq'], unique=False)
    op.create_index(op.f('ix_conflict_visit_id'), 'conflict', ['visit_id'], unique=False)
    op.create_table('device_token',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('device_id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['device_id'], ['device.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    op.create_index(op.f('ix_device_token_device_id'), 'device_token', ['device_id'], unique=False)
    op.create_index(op.f('ix_device_token_user_id'), 'device_token', ['user_id'], unique=False)
    op.create_table('visit_assignment',
    sa.Column('visit_id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('visit_id', 'user_id')
    )
    op.create_index(op.f('ix_visit_assignment_user_id'), 'visit_assignment', ['user_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_visit_assignment_user_id'), table_name='visit_assignment')
    op.drop_table('visit_assignment')
    op.drop_index(op.f('ix_device_token_user_id'), table_name='device_token')
    op.drop_index(op.f('ix_device_token_device_id'), table_name='device_token')
    op.drop_table('device_token')
    op.drop_index(op.f('ix_conflict_visit_id'), table_name='conflict')
    op.drop_index(op.f('ix_conflict_seq'), table_name='conflict')
    op.drop_table('conflict')
    op.drop_index('ix_answer_visit_seq', table_name='answer')
    op.drop_index(op.f('ix_answer_seq'), table_name='answer')
    op.drop_table('answer')
    op.drop_index('ix_visit_team_status_order', table_name='visit')
    op.drop_index('ix_visit_team_risk', table_name='visit')
    op.drop_index(op.f('ix_visit_team_id'), table_name='visit')
    op.drop_index(op.f('ix_visit_seq'), table_name='visit')
    op.drop_table('visit')
    op.drop_index(op.f('ix_device_team_id'), table_name='device')
    op.drop_table('device')
    op.drop_index(op.f('ix_app_user_team_id'), table_name='app_user')
    op.drop_table('app_user')
    op.drop_table('team')
    op.drop_table('photo_chunk')
    op.drop_table('photo_blob')
    op.drop_index(op.f('ix_change_visit_id'), table_name='change')
    op.drop_table('change')
    op.execute(sa.schema.DropSequence(sa.Sequence('sync_seq')))
