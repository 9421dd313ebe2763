"""the team lead's read model: lead_case, lead_member, lead_measure with their indexes, filled from every visit

Revision ID: s0003b
Revises: s0002
Create Date: 2026-11-30 03:00:00
"""
import sqlalchemy as sa
from alembic import op

from boligvurdering.server.db import rebuild_read_model_after_migrations

revision = 's0003b'
down_revision = 's0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('lead_case',
    sa.Column('visit_id', sa.Uuid(), nullable=False),
    sa.Column('team_id', sa.Uuid(), nullable=False),
    sa.Column('client_key', sa.String(length=64), nullable=False),
    sa.Column('given_name', sa.String(length=200), nullable=False),
    sa.Column('family_name', sa.String(length=200), nullable=False),
    sa.Column('search_key', sa.Text(), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=False),
    sa.Column('postal_code', sa.String(length=10), nullable=True),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('status_order', sa.Integer(), nullable=False),
    sa.Column('risk_rank', sa.Integer(), nullable=False),
    sa.Column('priority', sa.Integer(), nullable=False),
    sa.Column('referral_date', sa.Date(), nullable=True),
    sa.Column('visit_date', sa.Date(), nullable=True),
    sa.Column('next_due', sa.Date(), nullable=True),
    sa.Column('contact_name', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('visit_id')
    )
    op.create_table('lead_member',
    sa.Column('visit_id', sa.Uuid(), nullable=False),
    sa.Column('member_key', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['visit_id'], ['lead_case.visit_id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('visit_id', 'member_key', 'role')
    )
    op.create_table('lead_measure',
    sa.Column('visit_id', sa.Uuid(), nullable=False),
    sa.Column('domain', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('n', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Uuid(), nullable=False),
    sa.Column('visit_date', sa.Date(), nullable=True),
    sa.Column('case_status', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['visit_id'], ['lead_case.visit_id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('visit_id', 'domain', 'status')
    )
    op.create_index('ix_lead_case_team_due', 'lead_case', ['team_id', 'next_due', 'visit_id'])
    op.create_index('ix_lead_case_team_status', 'lead_case', ['team_id', 'status_order', 'visit_id'])
    op.create_index('ix_lead_case_team_risk', 'lead_case', ['team_id', 'risk_rank', 'visit_id'])
    op.create_index('ix_lead_case_team_client', 'lead_case', ['team_id', 'family_name', 'given_name', 'visit_id'])
    op.create_index('ix_lead_case_team_area', 'lead_case', ['team_id', 'postal_code', 'visit_id'])
    op.create_index('ix_lead_case_team_referral', 'lead_case', ['team_id', 'referral_date'])
    op.create_index('ix_lead_case_figures', 'lead_case', ['team_id', 'visit_date', 'status', 'client_key',
                                                          'referral_date', 'birth_date', 'visit_id'])
    # pg_trgm ships with PostgreSQL (contrib) and is a trusted extension: the database owner may create it
    op.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    op.create_index('ix_lead_case_search', 'lead_case', ['search_key'], postgresql_using='gin',
                    postgresql_ops={'search_key': 'gin_trgm_ops'})
    op.create_index('ix_lead_member_key', 'lead_member', ['member_key', 'visit_id'])
    op.create_index('ix_lead_measure_figures', 'lead_measure', ['team_id', 'visit_date', 'case_status', 'domain',
                                                                'status', 'n', 'visit_id'])
    rebuild_read_model_after_migrations()  # the visits already on the server


def downgrade() -> None:
    op.drop_table('lead_measure')
    op.drop_table('lead_member')
    op.drop_table('lead_case')
