"""financing: household facts that decide financing, and the part of a measure NAV never funds

Revision ID: 0006f
Revises: 0004
Create Date: 2026-11-29 23:45:00

New table ``financing_fact`` (one row per visit: landlord's and board's consent, bank refusal)
and ``measure.non_nav_cost``. Existing rows are kept as they are: every new value starts as
NULL, meaning «not recorded», which the plan shows as «kan ikke vurderes ennå».
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0006f'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'financing_fact',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('visit_id', sa.Uuid(), nullable=False),
        sa.Column('landlord_consent', sa.Boolean(), nullable=True),
        sa.Column('board_consent', sa.Boolean(), nullable=True),
        sa.Column('bank_refusal', sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('visit_id'),
    )
    with op.batch_alter_table('financing_fact', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_financing_fact_updated_at'), ['updated_at'], unique=False)
    with op.batch_alter_table('measure', schema=None) as batch_op:
        batch_op.add_column(sa.Column('non_nav_cost', sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('measure', schema=None) as batch_op:
        batch_op.drop_column('non_nav_cost')
    with op.batch_alter_table('financing_fact', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_financing_fact_updated_at'))
    op.drop_table('financing_fact')
