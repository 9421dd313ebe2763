"""open follow-ups in the team lead's read model (lead_follow_up); next_due counts them and undecided
applications as the laptop does; every case rewritten from its stored document

Revision ID: s0005d
Revises: s0004n
Create Date: 2026-11-30 06:30:00
"""
import sqlalchemy as sa
from alembic import op

from boligvurdering.server.db import rebuild_read_model_after_migrations

revision = 's0005d'
down_revision = 's0004n'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('lead_follow_up',
    sa.Column('visit_id', sa.Uuid(), nullable=False),
    sa.Column('follow_up_id', sa.String(length=64), nullable=False),
    sa.Column('team_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=64), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['visit_id'], ['lead_case.visit_id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('visit_id', 'follow_up_id')
    )
    op.create_index('ix_lead_follow_up_due', 'lead_follow_up', ['team_id', 'due_date', 'visit_id'])
    # every case rewritten from its stored document, next_due counting the undecided applications and open
    # follow-ups of its facts; follow-ups not yet in a document arrive with its laptop's next sync (on an
    # updated laptop a visit with follow-ups has a new signature, so its facts are sent afresh)
    rebuild_read_model_after_migrations()


def downgrade() -> None:
    op.drop_table('lead_follow_up')
