"""backlog_perf: status order and report time on visit, indexes for the backlog at 100 000 cases

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 09:00:00
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

_PIPELINE = ('henvist', 'planlagt', 'gjennomfort', 'rapport_sendt', 'soknad_sendt', 'vedtak', 'tiltak_utfort',
             'oppfolging', 'avsluttet')

_INDEXES = (
    ('visit', 'ix_visit_status_order_id', ['status_order', 'id']),
    ('visit', 'ix_visit_risk_rank_id', ['risk_rank', 'id']),
    ('visit', 'ix_visit_status_id', ['status', 'id']),
    ('visit', 'ix_visit_dwelling_id', ['dwelling_id']),
    ('visit', 'ix_visit_figures', ['visit_date', 'status', 'client_id', 'referral_date', 'report_sent_at', 'id']),
    ('measure', 'ix_measure_visit_domain_status', ['visit_id', 'domain', 'status']),
    ('client', 'ix_client_id_birth_date', ['id', 'birth_date']),
)


def upgrade() -> None:
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status_order', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('report_sent_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))

    # Backfill (portable SQL): pipeline position, and the first move to rapport_sendt.
    whens = ' '.join(f"WHEN '{s}' THEN {i}" for i, s in enumerate(_PIPELINE))
    op.execute(f"UPDATE visit SET status_order = CASE status {whens} ELSE {len(_PIPELINE)} END")
    op.execute("UPDATE visit SET report_sent_at = (SELECT min(e.at) FROM status_event e "
               "WHERE e.visit_id = visit.id AND e.to_status = 'rapport_sendt')")

    for table, name, columns in _INDEXES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(name, columns, unique=False)


def downgrade() -> None:
    for table, name, _columns in reversed(_INDEXES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(name)

    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.drop_column('report_sent_at')
        batch_op.drop_column('status_order')
