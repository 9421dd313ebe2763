"""audit events from every laptop, chained per device

Revision ID: s0002
Revises: s0001
Create Date: 2026-11-30 00:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = 's0002'
down_revision = 's0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_event',
    sa.Column('device_id', sa.Uuid(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('at', sa.String(length=40), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('role', sa.String(length=40), nullable=False),
    sa.Column('action', sa.String(length=80), nullable=False),
    sa.Column('record_type', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.String(length=80), nullable=False),
    sa.Column('client_id', sa.String(length=80), nullable=False),
    sa.Column('details_json', sa.Text(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('device_id', 'seq')
    )
    op.create_index(op.f('ix_audit_event_action'), 'audit_event', ['action'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_audit_event_action'), table_name='audit_event')
    op.drop_table('audit_event')
