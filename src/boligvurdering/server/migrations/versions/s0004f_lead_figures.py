"""the figures' facts in the team lead's read model: snapshot facts, report date and «visited» on lead_case,
lead_application; every case rewritten from its stored document

Revision ID: s0004f
Revises: s0003b
Create Date: 2026-11-30 06:00:00
"""
import sqlalchemy as sa
from alembic import op

from boligvurdering.server.db import rebuild_read_model_after_migrations

revision = 's0004f'
down_revision = 's0003b'
branch_labels = None
depends_on = None


def _case_columns() -> tuple[sa.Column, ...]:  # new objects each run: a Column belongs to one table
    return (
    sa.Column('counted', sa.Boolean(), nullable=False, server_default=sa.false()),
    sa.Column('report_sent_at', sa.DateTime(), nullable=True),
    sa.Column('snapshot_at', sa.DateTime(), nullable=True),
    sa.Column('nutrition_screened', sa.Boolean(), nullable=True),
    sa.Column('nutrition_at_risk', sa.Boolean(), nullable=True),
    sa.Column('falls_rank', sa.Integer(), nullable=True),
    sa.Column('fire_rank', sa.Integer(), nullable=True),
    sa.Column('fire7_fail', sa.Boolean(), nullable=True),
    sa.Column('nutrition_plan', sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def upgrade() -> None:
    for column in _case_columns():
        op.add_column('lead_case', column)
        if column.server_default is not None:
            op.alter_column('lead_case', column.name, server_default=None)
    op.add_column('lead_measure', sa.Column('counted', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.alter_column('lead_measure', 'counted', server_default=None)
    op.create_table('lead_application',
    sa.Column('visit_id', sa.Uuid(), nullable=False),
    sa.Column('application_id', sa.String(length=64), nullable=False),
    sa.Column('team_id', sa.Uuid(), nullable=False),
    sa.Column('channel', sa.Text(), nullable=False),
    sa.Column('sent_at', sa.Date(), nullable=True),
    sa.Column('decided_at', sa.Date(), nullable=True),
    sa.Column('granted', sa.Boolean(), nullable=True),
    sa.Column('amount_applied', sa.Float(), nullable=True),
    sa.Column('amount_granted', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['visit_id'], ['lead_case.visit_id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('visit_id', 'application_id')
    )
    op.drop_index('ix_lead_case_figures', table_name='lead_case')
    op.create_index('ix_lead_case_figures', 'lead_case', ['team_id', 'visit_date', 'counted', 'client_key',
                                                          'referral_date', 'birth_date', 'report_sent_at',
                                                          'nutrition_screened', 'nutrition_at_risk', 'nutrition_plan',
                                                          'falls_rank', 'fire_rank', 'fire7_fail', 'visit_id'])
    op.drop_index('ix_lead_measure_figures', table_name='lead_measure')
    op.create_index('ix_lead_measure_figures', 'lead_measure', ['team_id', 'visit_date', 'counted', 'domain',
                                                                'status', 'n', 'visit_id'])
    op.create_index('ix_lead_application_figures', 'lead_application', ['team_id', 'sent_at', 'channel', 'decided_at',
                                                                        'granted', 'amount_applied', 'amount_granted',
                                                                        'visit_id'])
    rebuild_read_model_after_migrations()  # every case rewritten from its stored document


def downgrade() -> None:
    op.drop_table('lead_application')
    op.drop_index('ix_lead_measure_figures', table_name='lead_measure')
    op.drop_column('lead_measure', 'counted')
    op.create_index('ix_lead_measure_figures', 'lead_measure', ['team_id', 'visit_date', 'case_status', 'domain',
                                                                'status', 'n', 'visit_id'])
    op.drop_index('ix_lead_case_figures', table_name='lead_case')
    for column in reversed(_case_columns()):
        op.drop_column('lead_case', column.name)
    op.create_index('ix_lead_case_figures', 'lead_case', ['team_id', 'visit_date', 'status', 'client_key',
                                                          'referral_date', 'birth_date', 'visit_id'])
