"""backlog: case_stat cache table and indexes for the backlog and figures

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 09:00:00
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

_INDEXES = (
    ('visit', 'ix_visit_referral_date', ['referral_date']),
    ('visit', 'ix_visit_contact_member_id', ['contact_member_id']),
    ('visit_member', 'ix_visit_member_member_visit', ['member_id', 'visit_id']),
    ('status_event', 'ix_status_event_to_status_visit', ['to_status', 'visit_id']),
    ('follow_up', 'ix_follow_up_done_due', ['done_at', 'due_date']),
    ('application', 'ix_application_sent_at', ['sent_at']),
    ('score_snapshot', 'ix_score_snapshot_visit_created', ['visit_id', 'created_at']),
)


def upgrade() -> None:
    op.create_table('case_stat',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('visit_id', sa.Uuid(), nullable=False),
    sa.Column('snapshot_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('nutrition_screened', sa.Boolean(), nullable=False),
    sa.Column('nutrition_at_risk', sa.Boolean(), nullable=False),
    sa.Column('falls_rank', sa.Integer(), nullable=False),
    sa.Column('fire_rank', sa.Integer(), nullable=False),
    sa.Column('fire7_fail', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('visit_id')
    )
    with op.batch_alter_table('case_stat', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_stat_updated_at'), ['updated_at'], unique=False)

    for table, name, columns in _INDEXES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(name, columns, unique=False)


def downgrade() -> None:
    for table, name, _columns in reversed(_INDEXES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(name)

    with op.batch_alter_table('case_stat', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_stat_updated_at'))

    op.drop_table('case_stat')
