"""integrity: team members linked to user accounts, clients deactivated, the «signert» pipeline step

Revision ID: 0005i
Revises: 0008s
Create Date: 2026-11-29 23:55:00
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0005i'
down_revision = '0008s'
branch_labels = None
depends_on = None

_OLD = ('henvist', 'planlagt', 'gjennomfort', 'rapport_sendt', 'soknad_sendt', 'vedtak', 'tiltak_utfort',
        'oppfolging', 'avsluttet')
_NEW = ('henvist', 'planlagt', 'gjennomfort', 'signert', 'rapport_sendt', 'soknad_sendt', 'vedtak',
        'tiltak_utfort', 'oppfolging', 'avsluttet')


def _reorder(pipeline: tuple[str, ...]) -> None:
    whens = ' '.join(f"WHEN '{s}' THEN {i}" for i, s in enumerate(pipeline))
    op.execute(f"UPDATE visit SET status_order = CASE status {whens} ELSE {len(pipeline)} END")


def upgrade() -> None:
    with op.batch_alter_table('team_member', schema=None) as batch_op:
        batch_op.add_column(sa.Column('username', sqlmodel.sql.sqltypes.AutoString(), server_default='', nullable=False))
    with op.batch_alter_table('client', schema=None) as batch_op:
        batch_op.add_column(sa.Column('active', sa.Boolean(), server_default=sa.true(), nullable=False))
    _reorder(_NEW)  # existing cases keep their status; positions after «gjennomført» move one up


def downgrade() -> None:
    op.execute("UPDATE visit SET status = 'gjennomfort' WHERE status = 'signert'")
    _reorder(_OLD)
    with op.batch_alter_table('client', schema=None) as batch_op:
        batch_op.drop_column('active')
    with op.batch_alter_table('team_member', schema=None) as batch_op:
        batch_op.drop_column('username')
