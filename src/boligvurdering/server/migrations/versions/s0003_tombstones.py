"""visit tombstones: a visit erased on a laptop reaches the server and the team's laptops

Revision ID: s0003
Revises: s0002
Create Date: 2026-11-30 02:50:00
"""
import sqlalchemy as sa
from alembic import op

revision = 's0003'
down_revision = 's0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('visit_tombstone',
    sa.Column('visit_id', sa.Uuid(), nullable=False),
    sa.Column('team_id', sa.Uuid(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('erased_by', sa.String(length=100), nullable=False),
    sa.Column('erased_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], ),
    sa.PrimaryKeyConstraint('visit_id')
    )
    op.create_index(op.f('ix_visit_tombstone_team_id'), 'visit_tombstone', ['team_id'], unique=False)
    op.create_index(op.f('ix_visit_tombstone_seq'), 'visit_tombstone', ['seq'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_visit_tombstone_seq'), table_name='visit_tombstone')
    op.drop_index(op.f('ix_visit_tombstone_team_id'), table_name='visit_tombstone')
    op.drop_table('visit_tombstone')
