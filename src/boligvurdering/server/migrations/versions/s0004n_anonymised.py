"""visit anonymised: an anonymisation on a laptop reaches the server and the team's laptops

Revision ID: s0004n
Revises: s0003b
Create Date: 2026-11-30 05:50:00
"""
import sqlalchemy as sa
from alembic import op

revision = 's0004n'
down_revision = 's0004f'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('visit_anonymised',
    sa.Column('visit_id', sa.Uuid(), nullable=False),
    sa.Column('team_id', sa.Uuid(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('pseudonym', sa.String(length=40), nullable=False),
    sa.Column('anonymised_by', sa.String(length=100), nullable=False),
    sa.Column('anonymised_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], ),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('visit_id')
    )
    op.create_index(op.f('ix_visit_anonymised_team_id'), 'visit_anonymised', ['team_id'], unique=False)
    op.create_index(op.f('ix_visit_anonymised_seq'), 'visit_anonymised', ['seq'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_visit_anonymised_seq'), table_name='visit_anonymised')
    op.drop_index(op.f('ix_visit_anonymised_team_id'), table_name='visit_anonymised')
    op.drop_table('visit_anonymised')
